import { useTranslation } from 'react-i18next'
import { Icon } from '../components/Icon'
import { ENTRIES, ENTRY_ICON, type EntryId } from './entries'

/** The five large entries of the home screen. Colour helps tell them apart; the label and icon say it. */
export function EntryTiles({ onOpen }: { onOpen: (entry: EntryId) => void }) {
  const { t } = useTranslation()
  return (
    <section className="entries" aria-labelledby="entries-title">
      <h2 id="entries-title" className="section-title">
        {t('kiosk.home.entries.title')}
      </h2>
      <ul className="entries__list">
        {ENTRIES.map((entry) => (
          <li key={entry}>
            <button
              type="button"
              className={`entry entry--${entry}`}
              onClick={() => onOpen(entry)}
              data-testid={`entry-${entry}`}
              aria-labelledby={`entry-${entry}-label`}
              aria-describedby={`entry-${entry}-hint`}
            >
              <Icon name={ENTRY_ICON[entry]} className="entry__icon" />
              <span className="entry__label" id={`entry-${entry}-label`}>
                {t(`kiosk.home.entry.${entry}`)}
              </span>
              <span className="entry__hint" id={`entry-${entry}-hint`}>
                {t(`kiosk.home.entryHint.${entry}`)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
