import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { DirectoryEntry } from '../../../contract/views'
import { PinyinKeyboard } from '../../components/keyboard/PinyinKeyboard'
import { AskStaffButton } from '../AskStaffButton'

/** Names are short; anything longer is not a name. */
const MAX_QUERY = 12
/** The best matches offered as buttons beside what was typed (fewer where the row is narrow). */
const PICKS = 3

/**
 * 按姓名查找: what was typed (characters and the letters still being composed), how many match, the best
 * few as buttons, and the pinyin keyboard. The count and the buttons follow every key.
 */
export function SearchPanel({
  value,
  composition,
  found,
  localWords,
  onChange,
  onComposition,
  onPick,
  onDone,
}: {
  value: string
  composition: string
  found: readonly DirectoryEntry[]
  localWords: readonly string[]
  onChange: (value: string) => void
  onComposition: (letters: string) => void
  onPick: (entry: DirectoryEntry) => void
  onDone: () => void
}) {
  const { t } = useTranslation()
  const panel = useRef<HTMLElement>(null)
  // On a short screen the keyboard would start below the fold: bring the row and the keyboard into view.
  // A block body: Chromium's scrollIntoView returns a promise, which React would take for a clean-up.
  useEffect(() => {
    void panel.current?.scrollIntoView({ block: 'end' })
  }, [])
  const typed = value + composition
  return (
    <section ref={panel} className="rep-search" aria-label={t('kiosk.representatives.search.open')}>
      <div className="rep-search__row">
        <div className="rep-query">
          <p
            className="rep-query__text"
            aria-label={t('kiosk.representatives.search.label')}
            data-testid="query"
          >
            {typed === '' ? (
              <span className="rep-query__placeholder">{t('kiosk.representatives.search.placeholder')}</span>
            ) : (
              <>
                {value}
                <span className="rep-query__composing">{composition}</span>
              </>
            )}
          </p>
          {typed !== '' && (
            <p className="rep-query__count" aria-live="polite" data-testid="search-count">
              {t('kiosk.representatives.search.found', { count: found.length })}
            </p>
          )}
        </div>
        <ul className="rep-picks">
          {typed !== '' &&
            found.slice(0, PICKS).map((r) => (
              <li key={r.id} className="rep-pick">
                <button
                  type="button"
                  className="button button--secondary rep-pick__button"
                  data-testid="pick"
                  onClick={() => onPick(r)}
                >
                  <span className="rep-pick__name">{r.name}</span>
                  <span className="rep-pick__level">{t(`kiosk.representatives.level.${r.level}`)}</span>
                </button>
              </li>
            ))}
        </ul>
        <AskStaffButton className="rep-search__help" />
        <button type="button" className="button button--primary rep-search__done" onClick={onDone}>
          {t('kiosk.representatives.search.done')}
        </button>
      </div>
      <PinyinKeyboard
        value={value}
        onChange={onChange}
        localWords={localWords}
        onComposition={onComposition}
        maxLength={MAX_QUERY}
      />
    </section>
  )
}
