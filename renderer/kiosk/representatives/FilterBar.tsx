import { useTranslation } from 'react-i18next'
import { Icon } from '../../components/Icon'

export type FilterKey = 'level' | 'township' | 'specialty'
export const FILTER_KEYS: readonly FilterKey[] = ['level', 'township', 'specialty']

/**
 * The row of choices above the list: one button per filter showing what is chosen (a tap opens its
 * choices), the name search showing what was typed, and 清除条件 once anything is set.
 */
export function FilterBar({
  values,
  query,
  open,
  onOpen,
  onClear,
}: {
  /** What each filter shows: the chosen value's words, or null for 不限. */
  values: Readonly<Record<FilterKey, string | null>>
  query: string
  open: FilterKey | 'search' | null
  onOpen: (what: FilterKey | 'search') => void
  onClear: () => void
}) {
  const { t } = useTranslation()
  const anything = query !== '' || FILTER_KEYS.some((k) => values[k] !== null)
  return (
    <div className="rep-filters">
      {FILTER_KEYS.map((key) => (
        <button
          key={key}
          type="button"
          className={`button button--secondary rep-filter${values[key] === null ? '' : ' rep-filter--set'}`}
          aria-expanded={open === key}
          data-testid={`filter-${key}`}
          onClick={() => onOpen(key)}
        >
          {t('kiosk.representatives.filter.value', {
            label: t(`kiosk.representatives.filter.${key}`),
            value: values[key] ?? t('kiosk.representatives.filter.any'),
          })}
        </button>
      ))}
      <button
        type="button"
        className={`button button--secondary rep-filter rep-filter--search${query === '' ? '' : ' rep-filter--set'}`}
        aria-expanded={open === 'search'}
        data-testid="filter-search"
        onClick={() => onOpen('search')}
      >
        <Icon name="findRepresentative" />
        {query === ''
          ? t('kiosk.representatives.search.open')
          : t('kiosk.representatives.search.value', { query })}
      </button>
      {anything && (
        <button type="button" className="button button--secondary rep-filter" onClick={onClear}>
          {t('kiosk.representatives.filter.clear')}
        </button>
      )}
    </div>
  )
}
