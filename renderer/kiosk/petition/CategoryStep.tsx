import type { Category } from '../../../contract/views'
import { Icon, isIconName } from '../../components/Icon'

/** Step 1: the category as large icon buttons; one tap chooses it and moves on. */
export function CategoryStep({
  categories,
  chosenId,
  onChoose,
}: {
  categories: readonly Category[]
  chosenId: string | null
  onChoose: (id: string) => void
}) {
  return (
    <ul className="petition-categories">
      {categories.map((c) => (
        <li key={c.id}>
          <button
            type="button"
            className="petition-category"
            aria-pressed={c.id === chosenId}
            onClick={() => onChoose(c.id)}
            data-testid={`category-${c.id}`}
          >
            <Icon name={isIconName(c.icon) ? c.icon : 'more'} className="petition-category__icon" />
            <span className="petition-category__name">{c.name}</span>
            {c.id === chosenId && <Icon name="check" className="petition-category__check" />}
          </button>
        </li>
      ))}
    </ul>
  )
}
