import type { TFunction } from 'i18next'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DirectoryEntry, RepresentativeCard as Card, RosterDirectory } from '../../../contract/views'
import { REPRESENTATIVE_LEVELS } from '../../../domain/petition/types'
import { api } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Icon } from '../../components/Icon'
import { Loading } from '../../components/Loading'
import { useToday } from '../../lib/calendar'
import { useApiQuery } from '../../lib/useApiQuery'
import { useAnnounce } from '../../lib/voice'
import { ResidentLayout } from '../ResidentLayout'
import type { DirectorySearch, TaskScreenProps } from '../entries'
import { useKeyboardWords } from '../useKeyboardWords'
import { ChoicePanel, type Choice } from './ChoicePanel'
import { FILTER_KEYS, FilterBar, type FilterKey } from './FilterBar'
import { RepresentativeCard } from './RepresentativeCard'
import { SearchPanel } from './SearchPanel'
import { type DirectoryFilters, NO_FILTERS, useDirectorySearch } from './useDirectorySearch'
import './representatives.css'
import { InfoNotice } from '../../components/InfoNotice'

/** Cards shown at first and added per tap on 再看: enough to scroll through, few enough to render at once. */
const PAGE = 12
const NO_ENTRIES: readonly DirectoryEntry[] = []

/** What is open below the filter row: a filter's choices, the keyboard, or (null) the list. */
type Panel = FilterKey | 'search' | null

const FILTER_FIELD = { level: 'level', township: 'townshipId', specialty: 'specialty' } as const

/** 找代表: filter by taps, search by name, pinyin or initials, and address a petition to someone. */
export default function RepresentativesScreen({
  profile,
  onHome,
  navigate,
  search,
}: TaskScreenProps & {
  /** Where the resident's search stood when they went to write to someone: it comes back as it was. */
  readonly search?: DirectorySearch
}) {
  const { t } = useTranslation()
  const directory = useApiQuery('roster.directory', () => api['roster.directory']({}))
  useAnnounce(t('kiosk.representatives.voice'))
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])

  const [panel, setPanel] = useState<Panel>(null)
  // Back to the list from the keyboard (scrolled to the bottom) or a long list of choices: start at the top.
  useEffect(() => {
    if (panel === null) heading.current?.closest('main')?.scrollTo({ top: 0 })
  }, [panel])
  const [filters, setFilters] = useState<DirectoryFilters>(search?.filters ?? NO_FILTERS)
  const [value, setValue] = useState(search?.query ?? '')
  const [composition, setComposition] = useState('')
  const [shown, setShown] = useState(PAGE)
  const loaded = directory.state.status === 'ok' ? directory.state.value : null
  const entries = loaded?.representatives ?? NO_ENTRIES
  const found = useDirectorySearch(entries, value + composition, filters)
  const localWords = useKeyboardWords()

  /** Closes whatever is open; letters still being composed stay part of the query. */
  const showList = () => {
    setValue((v) => v + composition)
    setComposition('')
    setShown(PAGE)
    setPanel(null)
  }
  const toggle = (what: FilterKey | 'search') => {
    const wasOpen = panel === what
    showList()
    if (!wasOpen) setPanel(what)
  }
  const choose = (key: FilterKey, v: string | null) => {
    setFilters((f) => ({ ...f, [FILTER_FIELD[key]]: v }))
    showList()
  }
  const pick = (entry: DirectoryEntry) => {
    setValue(entry.name)
    setComposition('')
    setShown(PAGE)
    setPanel(null)
  }
  const clear = () => {
    setFilters(NO_FILTERS)
    setValue('')
    setComposition('')
    setShown(PAGE)
    setPanel(null)
  }

  return (
    <ResidentLayout
      profile={profile}
      isHome={false}
      onHome={onHome}
      {...(panel === null ? {} : { onBack: showList })}
    >
      <div className="reps">
        <div className="reps__head">
          <h1 ref={heading} tabIndex={-1} className="screen-title">
            <Icon name="findRepresentative" className="screen-title__icon" />
            {t('kiosk.representatives.title')}
          </h1>
          {loaded && (
            <FilterBar
              values={filterLabels(loaded, filters, t)}
              query={value + composition}
              open={panel}
              onOpen={toggle}
              onClear={clear}
            />
          )}
        </div>
        {directory.state.status === 'loading' && <Loading />}
        {directory.state.status === 'error' && (
          <ErrorNotice error={directory.state.error} onRetry={directory.reload} />
        )}
        {loaded && (
          <>
            {panel === 'search' && (
              <SearchPanel
                value={value}
                composition={composition}
                found={found}
                localWords={localWords}
                onChange={setValue}
                onComposition={setComposition}
                onPick={pick}
                onDone={showList}
              />
            )}
            {panel !== null && panel !== 'search' && (
              <ChoicePanel
                key={panel}
                filter={panel}
                choices={choicesOf(loaded, panel, t)}
                chosen={filters[FILTER_FIELD[panel]]}
                onChoose={(v) => choose(panel, v)}
              />
            )}
            {panel === null && (
              <Results
                found={found}
                shown={shown}
                onMore={() => setShown((n) => n + PAGE)}
                onPetition={(representative) =>
                  navigate({ name: 'petition', representative, from: { filters, query: value } })
                }
              />
            )}
          </>
        )}
      </div>
    </ResidentLayout>
  )
}

type T = TFunction

function choicesOf(directory: RosterDirectory, key: FilterKey, t: T): readonly Choice[] {
  switch (key) {
    case 'level':
      return REPRESENTATIVE_LEVELS.map((l) => ({ value: l, label: t(`kiosk.representatives.level.${l}`) }))
    case 'township':
      return directory.townships.map((tw) => ({ value: tw.id, label: tw.name }))
    case 'specialty':
      return directory.specialties.map((s) => ({ value: s, label: s }))
  }
}

function filterLabels(directory: RosterDirectory, filters: DirectoryFilters, t: T) {
  const label = (key: FilterKey) =>
    choicesOf(directory, key, t).find((c) => c.value === filters[FILTER_FIELD[key]])?.label ?? null
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, label(key)])) as Record<FilterKey, string | null>
}

function Results({
  found,
  shown,
  onMore,
  onPetition,
}: {
  found: readonly DirectoryEntry[]
  shown: number
  onMore: () => void
  onPetition: (card: Card) => void
}) {
  const { t } = useTranslation()
  const today = useToday()
  return (
    <section className="reps__results" aria-label={t('kiosk.representatives.results.label')}>
      <p className="reps__count" aria-live="polite" data-testid="result-count">
        {t('kiosk.representatives.results.count', { count: found.length })}
      </p>
      {found.length === 0 ? (
        <InfoNotice testId="no-result" text={t('kiosk.representatives.results.none')} />
      ) : (
        <ul className="reps__list">
          {found.slice(0, shown).map((r) => (
            <RepresentativeCard key={r.id} entry={r} today={today} onPetition={onPetition} />
          ))}
        </ul>
      )}
      {found.length > shown && (
        <button type="button" className="button button--secondary reps__more" onClick={onMore}>
          {t('kiosk.representatives.results.more', { count: Math.min(PAGE, found.length - shown) })}
        </button>
      )}
    </section>
  )
}
