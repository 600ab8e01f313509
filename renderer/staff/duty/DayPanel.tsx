import { Alert, App, Button, Drawer, Input, Popconfirm, Segmented, Select, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DirectoryEntry, DutyPlanDay, PlannedShift } from '../../../contract/views'
import { weekday } from '../../../domain/dates'
import { DUTY_SLOTS, type DutySlot, isBlocking } from '../../../domain/duty'
import { toApiError } from '../../lib/useApiQuery'
import { useSession } from '../session'
import { conflictText, conflictsOnDay } from './conflicts'
import { personFilter, personOptions } from './people'
import { dayCorrectedText } from './removedText'

/** Times a reception day may start or end, every half hour of a working day. */
const TIMES = Array.from({ length: 27 }, (_, i) => {
  const minutes = 7 * 60 + i * 30
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${minutes % 60 === 0 ? '00' : '30'}`
})

type DayKindChoice = 'package' | 'work' | 'rest'

/**
 * One day at the duty desk: who is on duty (取消排班, 换班), putting someone on duty with the conflicts
 * shown before saving, the day's 民意集市, and the staff correction of the holiday table.
 */
export function DayPanel(props: {
  day: DutyPlanDay
  people: readonly DirectoryEntry[]
  onClose: () => void
  onChanged: () => void
  onSwap: (shift: PlannedShift) => void
}) {
  const { day, people, onChanged } = props
  const { t } = useTranslation()
  const { call } = useSession()
  const { message } = App.useApp()
  const [who, setWho] = useState<string | null>(null)
  const [slot, setSlot] = useState<DutySlot>('allDay')
  const [busy, setBusy] = useState(false)
  const [theme, setTheme] = useState(day.receptionDay?.theme ?? '')
  const [startsAt, setStartsAt] = useState(day.receptionDay?.startsAt ?? '09:00')
  const [endsAt, setEndsAt] = useState(day.receptionDay?.endsAt ?? '12:00')
  const [dayKind, setDayKind] = useState<DayKindChoice>(day.override?.kind ?? 'package')
  const [dayName, setDayName] = useState(day.override?.name ?? '')

  const conflicts = who === null ? [] : conflictsOnDay(day, { representativeId: who, slot, active: true })
  const blocked = conflicts.some(isBlocking)
  const restDay = conflicts.some((c) => c.kind === 'restDay')
  const slotText = (s: DutySlot) => t(`kiosk.home.duty.slot.${s}`)

  const act = async (work: () => Promise<string>) => {
    setBusy(true)
    try {
      void message.success(await work())
      onChanged()
    } catch (e) {
      const error = toApiError(e)
      if (error.code === 'CONFLICT') {
        // Another desk changed the shift since this view: say so, and show what it is now.
        void message.warning(t('staff.duty.day.stale'))
        onChanged()
      } else void message.error(error.message)
    } finally {
      setBusy(false)
    }
  }
  const add = () =>
    act(async () => {
      if (who === null) return ''
      const shift = await call('duty.addShift', {
        representativeId: who,
        date: day.date,
        slot,
        confirmRestDay: restDay,
      })
      setWho(null)
      return t('staff.duty.day.added', { name: shift.representative.name })
    })
  const remove = (shift: PlannedShift) =>
    act(async () => {
      await call('duty.removeShift', { shiftId: shift.id, version: shift.version })
      return t('staff.duty.day.removed', { name: shift.representative.name })
    })
  const saveReception = () =>
    act(async () => {
      await call('duty.setReceptionDay', { date: day.date, theme, startsAt, endsAt })
      return t('staff.duty.receptionDay.saved')
    })
  const removeReception = () =>
    act(async () => {
      await call('duty.removeReceptionDay', { date: day.date })
      return t('staff.duty.receptionDay.removed')
    })
  const saveDayKind = () =>
    act(async () => {
      const corrected = await call('duty.setDayKind', {
        date: day.date,
        kind: dayKind === 'package' ? null : dayKind,
        name: dayKind === 'package' || dayName.trim() === '' ? null : dayName.trim(),
      })
      return dayCorrectedText(t, corrected)
    })

  return (
    <Drawer
      open
      size="large"
      onClose={props.onClose}
      title={t('staff.duty.day.title', {
        date: day.date,
        weekday: t(`kiosk.home.weekday.${weekday(day.date)}`),
      })}
      extra={
        <Tag color={day.kind === 'holiday' || day.kind === 'weekend' ? 'red' : 'blue'}>
          {day.holidayName ?? t(`staff.duty.day.kind.${day.kind}`)}
        </Tag>
      }
    >
      <section className="duty-day__section" aria-label={t('staff.duty.day.shifts')}>
        <h2 className="staff-subheading">{t('staff.duty.day.shifts')}</h2>
        {day.shifts.length === 0 && <p>{t('staff.duty.day.noShifts')}</p>}
        <ul className="duty-day__shifts">
          {day.shifts.map((s) => (
            <li key={s.id} className="duty-day__shift" data-testid="duty-day-shift">
              <Tag>{slotText(s.slot)}</Tag>
              <span className="duty-day__name">{s.representative.name}</span>
              {!s.representative.active && <Tag color="red">{t('staff.duty.inactive')}</Tag>}
              {s.ruleId !== null && <Tag>{t('staff.duty.day.fromRule')}</Tag>}
              <Button size="large" onClick={() => props.onSwap(s)}>
                {t('staff.duty.day.swap')}
              </Button>
              <Popconfirm title={t('staff.duty.day.remove')} onConfirm={() => void remove(s)}>
                <Button size="large" danger loading={busy}>
                  {t('staff.duty.day.remove')}
                </Button>
              </Popconfirm>
            </li>
          ))}
        </ul>

        <div className="duty-day__add">
          <Select
            // Staff type a name, its pinyin or its initials (wht), any reading of it, as at the kiosk.
            showSearch={{ filterOption: personFilter(people) }}
            allowClear
            size="large"
            className="duty-day__who"
            aria-label={t('staff.duty.day.representative')}
            placeholder={t('staff.duty.day.representative')}
            value={who}
            onChange={(v: string | undefined) => setWho(v ?? null)}
            options={personOptions(people, t)}
          />
          <Segmented<DutySlot>
            size="large"
            value={slot}
            onChange={setSlot}
            options={DUTY_SLOTS.map((s) => ({ value: s, label: slotText(s) }))}
          />
        </div>
        {conflicts.map((c) => (
          <Alert
            key={c.kind}
            className="duty-day__conflict"
            type={isBlocking(c) ? 'error' : 'warning'}
            showIcon
            title={conflictText(t, c)}
          />
        ))}
        <Button
          size="large"
          type="primary"
          disabled={who === null || blocked}
          loading={busy}
          onClick={() => void add()}
          data-testid="duty-day-add"
        >
          {restDay ? t('staff.duty.day.addRestDay') : t('staff.duty.day.add')}
        </Button>
      </section>

      <section className="duty-day__section" aria-label={t('staff.duty.receptionDay.title')}>
        <h2 className="staff-subheading">{t('staff.duty.receptionDay.title')}</h2>
        <Input
          size="large"
          maxLength={40}
          aria-label={t('staff.duty.receptionDay.theme')}
          placeholder={t('staff.duty.receptionDay.theme')}
          value={theme}
          onChange={(e) => setTheme(e.target.value)}
        />
        <div className="duty-day__times">
          <Select
            size="large"
            aria-label={t('staff.duty.receptionDay.startsAt')}
            value={startsAt}
            onChange={setStartsAt}
            options={TIMES.map((v) => ({ value: v, label: v }))}
          />
          <span>—</span>
          <Select
            size="large"
            aria-label={t('staff.duty.receptionDay.endsAt')}
            value={endsAt}
            onChange={setEndsAt}
            options={TIMES.filter((v) => v > startsAt).map((v) => ({ value: v, label: v }))}
          />
        </div>
        <div className="duty-day__buttons">
          <Button
            size="large"
            disabled={theme.trim() === '' || endsAt <= startsAt}
            loading={busy}
            onClick={() => void saveReception()}
          >
            {t('staff.duty.receptionDay.save')}
          </Button>
          {day.receptionDay && (
            <Button size="large" danger loading={busy} onClick={() => void removeReception()}>
              {t('staff.duty.receptionDay.remove')}
            </Button>
          )}
        </div>
      </section>

      <section className="duty-day__section" aria-label={t('staff.duty.dayKind.title')}>
        <h2 className="staff-subheading">{t('staff.duty.dayKind.title')}</h2>
        <Segmented<DayKindChoice>
          size="large"
          value={dayKind}
          onChange={setDayKind}
          options={(['package', 'work', 'rest'] as const).map((k) => ({
            value: k,
            label: t(`staff.duty.dayKind.${k}`),
          }))}
        />
        {dayKind !== 'package' && (
          <Input
            size="large"
            maxLength={20}
            aria-label={t('staff.duty.dayKind.name')}
            placeholder={t('staff.duty.dayKind.name')}
            value={dayName}
            onChange={(e) => setDayName(e.target.value)}
          />
        )}
        <Button size="large" loading={busy} onClick={() => void saveDayKind()}>
          {t('staff.duty.dayKind.save')}
        </Button>
      </section>
    </Drawer>
  )
}
