import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { FilterKey } from './FilterBar'

export interface Choice {
  readonly value: string
  readonly label: string
}

/** The choices of one filter as large buttons, 不限 first; a tap chooses and closes the panel. */
export function ChoicePanel({
  filter,
  choices,
  chosen,
  onChoose,
}: {
  filter: FilterKey
  choices: readonly Choice[]
  chosen: string | null
  onChoose: (value: string | null) => void
}) {
  const { t } = useTranslation()
  const title = useRef<HTMLHeadingElement>(null)
  useEffect(() => title.current?.focus(), [])
  const option = (value: string | null, label: string) => (
    <li key={value ?? ''}>
      <button
        type="button"
        className={`button rep-choice${chosen === value ? ' rep-choice--chosen' : ' button--secondary'}`}
        aria-pressed={chosen === value}
        onClick={() => onChoose(value)}
      >
        {label}
      </button>
    </li>
  )
  return (
    <section className="panel rep-choices" aria-labelledby="rep-choices-title" data-testid="choices">
      <h2 id="rep-choices-title" ref={title} tabIndex={-1} className="section-title">
        {t(`kiosk.representatives.filter.choose.${filter}`)}
      </h2>
      <ul className="rep-choices__list">
        {option(null, t('kiosk.representatives.filter.any'))}
        {choices.map((c) => option(c.value, c.label))}
      </ul>
    </section>
  )
}
