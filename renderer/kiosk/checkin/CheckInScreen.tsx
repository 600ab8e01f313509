import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CheckInResult, DirectoryEntry, DutySlot, VisitsToday } from '../../../contract/views'
import { shanghaiTime } from '../../../domain/dates'
import { api } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Icon } from '../../components/Icon'
import { DigitPad } from '../../components/keyboard/DigitPad'
import { Loading } from '../../components/Loading'
import { useEndVisit, useIdleTimer } from '../../lib/idle'
import { toApiError, useApiQuery } from '../../lib/useApiQuery'
import { useAnnounce } from '../../lib/voice'
import { AskStaffButton } from '../AskStaffButton'
import { ResidentLayout } from '../ResidentLayout'
import type { TaskScreenProps } from '../entries'
import { useKeyboardWords } from '../useKeyboardWords'
import { type Problem, problemOf } from '../progress/messages'
import { ProblemNotice } from '../progress/ProblemNotice'
import { SlotDisplay } from '../progress/SlotDisplay'
import { SearchPanel } from '../representatives/SearchPanel'
import { NO_FILTERS, useDirectorySearch } from '../representatives/useDirectorySearch'
import '../progress/progress.css'
import '../representatives/representatives.css'
import './checkin.css'
import { InfoNotice } from '../../components/InfoNotice'

/** The personal code the station issued: six digits (contract/schemas.ts CheckInInput). */
const CODE_DIGITS = 6
/** kiosk-ux.md: a result screen goes home by itself after 30 s without a touch. */
const DONE_IDLE_MS = 30_000
const NO_ENTRIES: readonly DirectoryEntry[] = []

interface Person {
  readonly id: string
  readonly name: string
}

type Stage =
  | { readonly name: 'pick'; readonly searching: boolean }
  | { readonly name: 'code'; readonly person: Person }
  | { readonly name: 'done'; readonly result: CheckInResult }

/**
 * 代表进站签到: a representative picks their name (today's duty first, or by name on the keyboard) and
 * types their personal code. The code shows as dots: other people stand in the lobby.
 */
export default function CheckInScreen({ profile, onHome }: TaskScreenProps) {
  const { t } = useTranslation()
  const [stage, setStage] = useState<Stage>({ name: 'pick', searching: false })
  const [code, setCode] = useState('')
  const [problem, setProblem] = useState<Problem | null>(null)
  const [busy, setBusy] = useState(false)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [stage.name])
  useIdleTimer(DONE_IDLE_MS, useEndVisit(), stage.name === 'done')

  const today = useApiQuery('visits.today', () => api['visits.today']({}))

  const choose = (person: Person) => {
    setCode('')
    setProblem(null)
    setStage({ name: 'code', person })
  }
  const typeCode = useCallback((next: string) => {
    setCode(next)
    setProblem(null)
  }, [])
  const clearProblem = useCallback(() => setProblem(null), [])

  const submit = async (person: Person) => {
    if (code.length < CODE_DIGITS) {
      setProblem({
        kind: 'text',
        text: t('kiosk.checkin.code.tooShort', { count: CODE_DIGITS - code.length }),
      })
      return
    }
    setBusy(true)
    setProblem(null)
    try {
      const result = await api['visits.checkIn']({ representativeId: person.id, code })
      setStage({ name: 'done', result })
      today.reload()
    } catch (e) {
      setCode('')
      setProblem(problemOf(toApiError(e), 'code', t, Date.now(), 'checkin'))
    } finally {
      setBusy(false)
    }
  }

  const back =
    stage.name === 'code' || (stage.name === 'pick' && stage.searching)
      ? () => {
          setProblem(null)
          setStage({ name: 'pick', searching: false })
        }
      : undefined

  const stepTitle =
    stage.name === 'pick'
      ? t('kiosk.checkin.pick.heading')
      : stage.name === 'code'
        ? t('kiosk.checkin.code.heading', { name: stage.person.name })
        : t('kiosk.checkin.done.heading')
  useAnnounce(`${t('kiosk.checkin.title')}。${stepTitle}`)

  return (
    <ResidentLayout profile={profile} isHome={false} onHome={onHome} {...(back ? { onBack: back } : {})}>
      <div className="checkin progress" data-testid="checkin" data-stage={stage.name}>
        <div className="progress__head">
          <h1 className="screen-title">
            <Icon name="people" className="screen-title__icon" />
            {t('kiosk.checkin.title')}
          </h1>
          {stage.name !== 'done' && (
            <>
              <h2 ref={heading} tabIndex={-1} className="progress__step-title">
                {stepTitle}
              </h2>
              <p className="progress__stepof">
                {t('kiosk.progress.stepOf', { step: stage.name === 'pick' ? 1 : 2, total: 2 })}
              </p>
            </>
          )}
        </div>

        {stage.name === 'pick' &&
          (today.state.status === 'loading' ? (
            <Loading />
          ) : today.state.status === 'error' ? (
            <ErrorNotice error={today.state.error} onRetry={today.reload} />
          ) : stage.searching ? (
            <NameSearch onPick={choose} onDone={() => setStage({ name: 'pick', searching: false })} />
          ) : (
            <OnDutyList
              today={today.state.value}
              onPick={choose}
              onSearch={() => setStage({ name: 'pick', searching: true })}
            />
          ))}

        {stage.name === 'code' && (
          <>
            <div className="progress__entry">
              <SlotDisplay
                value={'●'.repeat(code.length)}
                length={CODE_DIGITS}
                label={t('kiosk.checkin.code.label')}
                testId="checkin-code"
              />
              <button
                type="button"
                className="button button--primary progress__submit"
                onClick={() => void submit(stage.person)}
                disabled={busy}
                data-testid="checkin-submit"
              >
                {busy ? t('kiosk.checkin.code.busy') : t('kiosk.checkin.code.submit')}
              </button>
              <AskStaffButton className="progress__help" />
              <p className="progress__instruction">{t('kiosk.checkin.code.instruction')}</p>
            </div>
            {problem && <ProblemNotice problem={problem} onExpired={clearProblem} />}
            <DigitPad
              value={code}
              onChange={typeCode}
              maxLength={CODE_DIGITS}
              label={t('kiosk.checkin.code.pad')}
              disabled={busy}
            />
          </>
        )}

        {stage.name === 'done' && <Done result={stage.result} onHome={onHome} />}
      </div>
    </ResidentLayout>
  )
}

/** Today's duty as large name buttons, each saying whether that representative is already in. */
function OnDutyList({
  today,
  onPick,
  onSearch,
}: {
  today: VisitsToday
  onPick: (p: Person) => void
  onSearch: () => void
}) {
  const { t } = useTranslation()
  // One button per representative, with every slot they have today.
  const people = useMemo(() => {
    const byId = new Map<string, { person: Person; slots: DutySlot[]; checkedInAt: number | null }>()
    for (const d of today.onDuty) {
      const entry = byId.get(d.representative.id) ?? {
        person: { id: d.representative.id, name: d.representative.name },
        slots: [],
        checkedInAt: d.checkedInAt,
      }
      entry.slots.push(d.slot)
      byId.set(d.representative.id, entry)
    }
    return [...byId.values()]
  }, [today])
  return (
    <>
      <p className="progress__instruction">{t('kiosk.checkin.pick.instruction')}</p>
      {people.length === 0 ? (
        <InfoNotice testId="checkin-none" text={t('kiosk.checkin.pick.noDuty')} />
      ) : (
        <ul className="checkin__people">
          {people.map(({ person, slots, checkedInAt }) => (
            <li key={person.id}>
              <button
                type="button"
                className="button button--secondary checkin__person"
                data-testid="checkin-person"
                onClick={() => onPick(person)}
              >
                <span className="checkin__name">{person.name}</span>
                <span className="checkin__slots">
                  {slots.map((s) => t(`kiosk.home.duty.slot.${s}`)).join(t('kiosk.home.duty.listSeparator'))}
                </span>
                {checkedInAt !== null && (
                  <span className="checkin__in" data-testid="checked-in">
                    <Icon name="check" className="checkin__in-icon" />
                    {t('kiosk.checkin.pick.checkedIn', { time: shanghaiTime(checkedInAt) })}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button button--secondary checkin__search" onClick={onSearch}>
        <Icon name="findRepresentative" />
        {t('kiosk.checkin.pick.search')}
      </button>
    </>
  )
}

/** Any active representative by name, pinyin or initials: one who drops in without a shift. */
function NameSearch({ onPick, onDone }: { onPick: (p: Person) => void; onDone: () => void }) {
  const directory = useApiQuery('roster.directory', () => api['roster.directory']({}))
  const [value, setValue] = useState('')
  const [composition, setComposition] = useState('')
  const entries = directory.state.status === 'ok' ? directory.state.value.representatives : NO_ENTRIES
  const found = useDirectorySearch(entries, value + composition, NO_FILTERS)
  const localWords = useKeyboardWords()
  if (directory.state.status === 'loading') return <Loading />
  if (directory.state.status === 'error')
    return <ErrorNotice error={directory.state.error} onRetry={directory.reload} />
  return (
    <SearchPanel
      value={value}
      composition={composition}
      found={found}
      localWords={localWords}
      onChange={setValue}
      onComposition={setComposition}
      onPick={(e) => onPick({ id: e.id, name: e.name })}
      onDone={onDone}
    />
  )
}

/** 签到成功 (or 今天已经签到过了): when, and which shift it counts for. */
function Done({ result, onHome }: { result: CheckInResult; onHome: () => void }) {
  const { t } = useTranslation()
  const endVisit = useEndVisit()
  const { visit, alreadyToday } = result
  const title = alreadyToday
    ? t('kiosk.checkin.done.already', { name: visit.representative.name, time: shanghaiTime(visit.at) })
    : t('kiosk.checkin.done.title', { name: visit.representative.name })
  const detail =
    visit.shiftSlot === null
      ? t('kiosk.checkin.done.noShift', { time: shanghaiTime(visit.at) })
      : t('kiosk.checkin.done.shift', {
          time: shanghaiTime(visit.at),
          slot: t(`kiosk.home.duty.slot.${visit.shiftSlot}`),
        })
  useAnnounce(`${title}。${detail}`)
  return (
    <section className="panel checkin__done" data-testid="checkin-done" aria-labelledby="checkin-done-title">
      <h2 id="checkin-done-title" className="checkin__done-title">
        <Icon name="check" className="checkin__done-icon" />
        {title}
      </h2>
      <p className="checkin__done-detail">{detail}</p>
      <button
        type="button"
        className="button button--primary checkin__home"
        onClick={() => {
          onHome()
          endVisit()
        }}
      >
        {t('kiosk.checkin.done.home')}
      </button>
    </section>
  )
}
