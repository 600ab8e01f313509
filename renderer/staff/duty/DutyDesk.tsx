import type {
  DatesSetArg,
  EventClickArg,
  EventContentArg,
  EventDropArg,
  EventInput,
} from '@fullcalendar/core'
import zhCn from '@fullcalendar/core/locales/zh-cn'
import dayGridPlugin from '@fullcalendar/daygrid'
import interactionPlugin, { type DateClickArg } from '@fullcalendar/interaction'
import FullCalendar from '@fullcalendar/react'
import { Alert, App, Button, Dropdown, Popconfirm, Table, type TableColumnsType } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DutyPlan, DutyPlanDay, DutyRule, PlannedShift } from '../../../contract/views'
import { type Weekday, addDays } from '../../../domain/dates'
import { DUTY_SLOTS } from '../../../domain/duty'
import { useToday } from '../../lib/calendar'
import { saveFile } from '../../lib/download'
import { errorText } from '../../api'
import { toApiError, useApiQuery } from '../../lib/useApiQuery'
import { useSession } from '../session'
import { DayPanel } from './DayPanel'
import { RuleForm } from './RuleForm'
import { removedText } from './removedText'
import './duty.css'

const MIME = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ics: 'text/calendar',
} as const

/** FullCalendar hands out local-midnight Dates for a day grid; their local fields are the calendar day. */
const localDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`

/** The months a view touches: a month grid shows the ends of its neighbours, a week may straddle two. */
function monthsOf(first: string, lastExclusive: string): string[] {
  const months = new Set<string>()
  for (let d = first; d < lastExclusive; d = addDays(d, 7)) months.add(d.slice(0, 7))
  months.add(addDays(lastExclusive, -1).slice(0, 7))
  return [...months]
}

interface View {
  readonly month: string
  readonly months: readonly string[]
}

/**
 * 代表履职日历 for staff: the month or week with every shift, 民意集市 and holiday; a tap on a day opens
 * it for editing, a shift dragged to another day moves there, 换班 swaps two shifts; the recurring rules in
 * force; and the month published as PDF, Excel or .ics.
 */
export default function DutyDesk() {
  const { t } = useTranslation()
  const { call } = useSession()
  const { message, modal } = App.useApp()
  const today = useToday()
  const [view, setView] = useState<View>({ month: today.slice(0, 7), months: [today.slice(0, 7)] })
  const [openDate, setOpenDate] = useState<string | null>(null)
  const [swapFrom, setSwapFrom] = useState<PlannedShift | null>(null)
  const [addingRule, setAddingRule] = useState(false)
  const [publishing, setPublishing] = useState(false)
  const plans = useApiQuery(`staff.duty:${view.months.join(',')}`, () =>
    Promise.all(view.months.map((month) => call('duty.plan', { month }))),
  )
  const roster = useApiQuery('staff.roster', () => call('roster.directory', {}))
  const people = roster.state.status === 'ok' ? roster.state.value.representatives : []

  const loaded = useMemo(
    (): readonly DutyPlan[] => (plans.state.status === 'ok' ? plans.state.value : []),
    [plans.state],
  )
  const days = useMemo(
    () => new Map(loaded.flatMap((p) => p.days.map((d) => [d.date, d] as const))),
    [loaded],
  )
  const rules = loaded.find((p) => p.month === view.month)?.rules ?? []
  const openDay = openDate === null ? undefined : days.get(openDate)
  const slotText = (s: PlannedShift['slot']) => t(`kiosk.home.duty.slot.${s}`)

  const events = useMemo((): EventInput[] => {
    const list: EventInput[] = []
    for (const day of days.values()) {
      if (day.receptionDay) {
        list.push({
          id: `reception:${day.date}`,
          start: day.date,
          allDay: true,
          editable: false,
          title: t('staff.duty.reception', { theme: day.receptionDay.theme }),
          classNames: ['duty-event', 'duty-event--reception'],
          extendedProps: { order: -1 },
        })
      }
      for (const s of day.shifts) {
        list.push({
          id: s.id,
          start: s.date,
          allDay: true,
          title: s.representative.name,
          classNames: [
            'duty-event',
            `duty-event--${s.slot}`,
            ...(s.representative.active ? [] : ['duty-event--inactive']),
            ...(swapFrom?.id === s.id ? ['duty-event--swapping'] : []),
          ],
          extendedProps: { order: DUTY_SLOTS.indexOf(s.slot), shift: s },
        })
      }
    }
    return list
  }, [days, swapFrom, t])

  const reload = () => plans.reload()
  const fail = (e: unknown) => {
    const error = toApiError(e)
    // Another desk (or the hourly rule check) changed the shift since this view: show what it is now.
    if (error.code === 'CONFLICT') {
      void message.warning(t('staff.duty.day.stale'))
      setSwapFrom(null)
      reload()
      return
    }
    void message.error(errorText(error))
  }

  const onDatesSet = (arg: DatesSetArg) => {
    const first = localDay(arg.view.activeStart)
    const end = localDay(arg.view.activeEnd)
    const month = localDay(arg.view.currentStart).slice(0, 7)
    const months = monthsOf(first, end)
    setView((v) => (v.month === month && v.months.join() === months.join() ? v : { month, months }))
  }

  const swapWith = async (other: PlannedShift) => {
    const from = swapFrom
    if (!from) return
    if (other.representative.id === from.representative.id) {
      void message.warning(t('staff.duty.swap.same'))
      return
    }
    try {
      await call('duty.swapShifts', {
        shiftId: from.id,
        version: from.version,
        otherShiftId: other.id,
        otherVersion: other.version,
      })
      void message.success(
        t('staff.duty.swap.done', { a: from.representative.name, b: other.representative.name }),
      )
      setSwapFrom(null)
      reload()
    } catch (e) {
      fail(e)
    }
  }

  const onEventClick = (arg: EventClickArg) => {
    const shift = arg.event.extendedProps['shift'] as PlannedShift | undefined
    if (swapFrom && shift) void swapWith(shift)
    else setOpenDate(arg.event.startStr.slice(0, 10))
  }

  const onEventDrop = async (arg: EventDropArg) => {
    const shift = arg.event.extendedProps['shift'] as PlannedShift | undefined
    const date = arg.event.startStr.slice(0, 10)
    if (!shift) return arg.revert()
    const move = (confirmRestDay: boolean) =>
      call('duty.moveShift', {
        shiftId: shift.id,
        version: shift.version,
        date,
        slot: shift.slot,
        confirmRestDay,
      })
    try {
      await move(false)
    } catch (e) {
      const error = toApiError(e)
      if (error.code !== 'DUTY_REST_DAY') {
        arg.revert()
        return fail(error)
      }
      const sure = await modal.confirm({ title: t('staff.duty.move.confirmRestDay', { date }) })
      if (!sure) return arg.revert()
      try {
        await move(true)
      } catch (again) {
        arg.revert()
        return fail(again)
      }
    }
    void message.success(t('staff.duty.move.done', { name: shift.representative.name, date }))
    reload()
  }

  const publish = async (format: 'pdf' | 'xlsx' | 'ics') => {
    setPublishing(true)
    try {
      const file = await call('duty.publish', { month: view.month, format })
      saveFile(file, MIME[format])
      void message.success(t('staff.duty.publish.done', { file: file.fileName }))
    } catch (e) {
      fail(e)
    } finally {
      setPublishing(false)
    }
  }

  const endRule = async (rule: DutyRule) => {
    try {
      const ended = await call('duty.endRule', { ruleId: rule.id, lastDate: today })
      void message.success(removedText(t, ended))
      reload()
    } catch (e) {
      fail(e)
    }
  }

  const ruleColumns: TableColumnsType<DutyRule> = [
    {
      title: t('staff.duty.rules.column.rule'),
      key: 'rule',
      render: (_: unknown, r: DutyRule) => {
        const parts = {
          weekday: t(`kiosk.home.weekday.${r.weekday as Weekday}`),
          slot: slotText(r.slot),
          nth: r.nth,
        }
        return r.kind === 'weekly' ? t('staff.duty.rules.every', parts) : t('staff.duty.rules.monthly', parts)
      },
    },
    {
      title: t('staff.duty.rules.column.who'),
      key: 'who',
      render: (_: unknown, r: DutyRule) =>
        r.representative?.name ?? `${t('staff.duty.rules.openDay')} ${r.receptionTheme ?? ''}`,
    },
    {
      title: t('staff.duty.rules.column.span'),
      key: 'span',
      render: (_: unknown, r: DutyRule) =>
        r.endsOn === null
          ? t('staff.duty.rules.spanOpen', { from: r.startsOn })
          : t('staff.duty.rules.span', { from: r.startsOn, to: r.endsOn }),
    },
    {
      key: 'end',
      render: (_: unknown, r: DutyRule) =>
        (r.endsOn === null || r.endsOn > today) && (
          <Popconfirm title={t('staff.duty.rules.endConfirm')} onConfirm={() => void endRule(r)}>
            <Button size="large">{t('staff.duty.rules.end')}</Button>
          </Popconfirm>
        ),
    },
  ]

  return (
    <section className="staff-queue duty-desk" aria-labelledby="duty-desk-title">
      <div className="duty-desk__head">
        <h1 id="duty-desk-title" className="staff-heading">
          {t('staff.duty.title')}
        </h1>
        <Button size="large" onClick={() => setAddingRule(true)}>
          {t('staff.duty.rules.add')}
        </Button>
        {/* Opened by a tap: a touchscreen has no hover. */}
        <Dropdown
          trigger={['click']}
          menu={{
            items: (['pdf', 'xlsx', 'ics'] as const).map((f) => ({
              key: f,
              label: t(`staff.duty.publish.${f}`),
            })),
            onClick: ({ key }) => void publish(key as 'pdf' | 'xlsx' | 'ics'),
          }}
        >
          <Button size="large" type="primary" loading={publishing}>
            {t('staff.duty.publish.label')}
          </Button>
        </Dropdown>
      </div>

      {plans.state.status === 'error' && <Alert type="error" showIcon title={plans.state.error.message} />}
      {swapFrom && (
        <Alert
          type="info"
          showIcon
          className="duty-desk__swap"
          title={t('staff.duty.swap.pick', {
            name: swapFrom.representative.name,
            date: swapFrom.date,
            slot: slotText(swapFrom.slot),
          })}
          action={
            <Button size="large" onClick={() => setSwapFrom(null)}>
              {t('staff.duty.swap.cancel')}
            </Button>
          }
        />
      )}

      <FullCalendar
        plugins={[dayGridPlugin, interactionPlugin]}
        locale={zhCn}
        initialView="dayGridMonth"
        initialDate={today}
        // Shanghai's day, not the PC's: its own "today" (the highlight, the 今天 button) reads the PC's zone.
        now={today}
        firstDay={1}
        height="auto"
        headerToolbar={{ left: 'prev,next today', center: 'title', right: 'dayGridMonth,dayGridWeek' }}
        events={events}
        eventOrder="order,title"
        editable
        eventDurationEditable={false}
        // A finger rests a moment on a shift before it lifts for dragging; a plain tap still opens the day.
        longPressDelay={350}
        dayMaxEvents={false}
        datesSet={onDatesSet}
        dateClick={(arg: DateClickArg) => setOpenDate(arg.dateStr)}
        eventClick={onEventClick}
        eventDrop={(arg) => void onEventDrop(arg)}
        eventContent={(arg: EventContentArg) => <EventLabel arg={arg} slotText={slotText} />}
        dayCellClassNames={(arg) => dayClasses(days.get(localDay(arg.date)))}
        dayCellContent={(arg) => <DayLabel number={arg.dayNumberText} day={days.get(localDay(arg.date))} />}
      />

      <h2 className="staff-subheading">{t('staff.duty.rules.title')}</h2>
      <Table<DutyRule>
        rowKey="id"
        size="middle"
        dataSource={[...rules]}
        columns={ruleColumns}
        pagination={false}
        locale={{ emptyText: t('staff.duty.rules.none') }}
      />

      {openDay && (
        <DayPanel
          key={`${openDay.date}:${JSON.stringify(openDay.override)}:${openDay.receptionDay?.theme ?? ''}`}
          day={openDay}
          people={people}
          onClose={() => setOpenDate(null)}
          onChanged={reload}
          onSwap={(shift) => {
            setSwapFrom(shift)
            setOpenDate(null)
          }}
        />
      )}
      {addingRule && (
        <RuleForm
          people={people}
          today={today}
          onClose={() => setAddingRule(false)}
          onSaved={(laid) => {
            setAddingRule(false)
            const skipped = laid.skipped.map((s) => s.date.slice(5)).join('、')
            void message.success(
              [
                t('staff.duty.rules.laid', {
                  shifts: laid.shiftsAdded,
                  days: laid.receptionDaysAdded,
                  through: laid.laidOutThrough,
                }),
                ...(laid.skipped.length > 0
                  ? [t('staff.duty.rules.skipped', { count: laid.skipped.length, dates: skipped })]
                  : []),
              ].join('；'),
            )
            reload()
          }}
        />
      )}
    </section>
  )
}

function dayClasses(day: DutyPlanDay | undefined): string[] {
  if (!day) return []
  if (day.kind === 'holiday' || day.kind === 'weekend') return ['duty-day--rest']
  if (day.kind === 'makeUpWorkday') return ['duty-day--makeup']
  return []
}

function DayLabel({ number, day }: { number: string; day: DutyPlanDay | undefined }) {
  const { t } = useTranslation()
  const note =
    day?.kind === 'makeUpWorkday' ? t('staff.duty.makeUp') : day?.kind === 'holiday' ? day.holidayName : null
  return (
    <span className="duty-day__label">
      {note && <span className="duty-day__note">{note}</span>}
      <span>{number}</span>
    </span>
  )
}

function EventLabel({
  arg,
  slotText,
}: {
  arg: EventContentArg
  slotText: (s: PlannedShift['slot']) => string
}) {
  const { t } = useTranslation()
  const shift = arg.event.extendedProps['shift'] as PlannedShift | undefined
  if (!shift) return <span className="duty-event__text">{arg.event.title}</span>
  return (
    <span className="duty-event__text" data-testid="duty-shift">
      <b>{slotText(shift.slot)}</b> {shift.representative.name}
      {!shift.representative.active && `（${t('staff.duty.inactive')}）`}
    </span>
  )
}
