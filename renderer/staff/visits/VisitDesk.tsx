import { Alert, App, Button, DatePicker, Modal, Select, Statistic, Table, type TableColumnsType } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { type HTMLAttributes, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AttendanceMonth, IssuedCheckInCode, Visit } from '../../../contract/views'
import { shanghaiDate, shanghaiTime } from '../../../domain/dates'
import { toApiError, useApiQuery } from '../../lib/useApiQuery'
import { useSession } from '../session'
import './visits.css'

type ShiftRow = AttendanceMonth['shifts'][number]

/**
 * 进站签到 for staff: today's check-ins, confirming a representative in person, issuing a personal code
 * (shown once), and a month's shifts against the check-ins.
 */
export function VisitDesk() {
  const { t } = useTranslation()
  const { call } = useSession()
  const { message } = App.useApp()
  const [chosen, setChosen] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [issued, setIssued] = useState<(IssuedCheckInCode & { name: string }) | null>(null)
  const [month, setMonth] = useState<Dayjs>(() => dayjs(shanghaiDate(Date.now())))
  const today = useApiQuery('staff.visits.today', () => call('visits.today', {}))
  const roster = useApiQuery('staff.roster', () => call('roster.directory', {}))
  const monthKey = month.format('YYYY-MM')
  const attendance = useApiQuery(`staff.attendance:${monthKey}`, () =>
    call('visits.attendance', { month: monthKey }),
  )
  const people = roster.state.status === 'ok' ? roster.state.value.representatives : []
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? ''

  const act = async (work: (representativeId: string) => Promise<void>) => {
    if (!chosen) return
    setBusy(true)
    try {
      await work(chosen)
    } catch (e) {
      void message.error(toApiError(e).message)
    } finally {
      setBusy(false)
    }
  }
  const confirm = () =>
    act(async (representativeId) => {
      const res = await call('visits.confirm', { representativeId })
      const name = res.visit.representative.name
      void message.success(
        res.alreadyToday
          ? t('staff.visits.confirmedAlready', { name, time: shanghaiTime(res.visit.at) })
          : t('staff.visits.confirmed', { name }),
      )
      today.reload()
      attendance.reload()
    })
  const issue = () =>
    act(async (representativeId) => {
      const res = await call('visits.issueCode', { representativeId })
      setIssued({ ...res, name: nameOf(representativeId) })
    })

  const visitColumns: TableColumnsType<Visit> = [
    {
      title: t('staff.visits.column.time'),
      key: 'time',
      render: (_: unknown, v: Visit) => shanghaiTime(v.at),
    },
    {
      title: t('staff.visits.column.name'),
      key: 'name',
      render: (_: unknown, v: Visit) => v.representative.name,
    },
    {
      title: t('staff.visits.column.level'),
      key: 'level',
      render: (_: unknown, v: Visit) => t(`kiosk.home.duty.level.${v.representative.level}`),
    },
    {
      title: t('staff.visits.column.by'),
      dataIndex: 'confirmedBy',
      render: (by: Visit['confirmedBy']) => t(`staff.visits.by.${by}`),
    },
    {
      title: t('staff.visits.column.shift'),
      dataIndex: 'shiftSlot',
      render: (slot: Visit['shiftSlot']) =>
        slot === null ? t('staff.visits.noShift') : t(`kiosk.home.duty.slot.${slot}`),
    },
  ]

  return (
    <section className="staff-queue staff-visits" aria-labelledby="staff-visits-title">
      <h1 id="staff-visits-title" className="staff-heading">
        {t('staff.visits.title')}
      </h1>

      <div className="staff-visits__actions">
        <Select
          showSearch
          allowClear
          aria-label={t('staff.visits.representative')}
          placeholder={t('staff.visits.representative')}
          className="staff-visits__who"
          loading={roster.state.status === 'loading'}
          value={chosen}
          onChange={(v: string | undefined) => setChosen(v ?? null)}
          optionFilterProp="label"
          options={people.map((p) => ({ value: p.id, label: p.name }))}
        />
        <Button size="large" type="primary" disabled={!chosen} loading={busy} onClick={() => void confirm()}>
          {t('staff.visits.confirm')}
        </Button>
        <Button size="large" disabled={!chosen} loading={busy} onClick={() => void issue()}>
          {t('staff.visits.issueCode')}
        </Button>
      </div>

      <h2 className="staff-subheading">{t('staff.visits.today')}</h2>
      {today.state.status === 'error' && <Alert type="error" showIcon title={today.state.error.message} />}
      <Table<Visit>
        rowKey="id"
        size="middle"
        loading={today.state.status === 'loading'}
        dataSource={today.state.status === 'ok' ? [...today.state.value.visits] : []}
        columns={visitColumns}
        pagination={false}
        locale={{ emptyText: t('staff.visits.noneToday') }}
        onRow={() => ({ 'data-testid': 'visit-row' }) as HTMLAttributes<HTMLElement>}
      />

      <div className="staff-visits__month-head">
        <h2 className="staff-subheading">{t('staff.visits.attendance')}</h2>
        <DatePicker
          picker="month"
          size="large"
          allowClear={false}
          aria-label={t('staff.visits.month')}
          value={month}
          onChange={(d: Dayjs | null) => d && setMonth(d)}
        />
      </div>
      {attendance.state.status === 'error' && (
        <Alert type="error" showIcon title={attendance.state.error.message} />
      )}
      {attendance.state.status === 'ok' && <Attendance month={attendance.state.value} />}

      <Modal
        open={issued !== null}
        title={t('staff.visits.codeTitle', { name: issued?.name ?? '' })}
        onOk={() => setIssued(null)}
        onCancel={() => setIssued(null)}
        okText={t('staff.visits.codeDone')}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <p className="staff-visits__code" data-testid="issued-code">
          {issued?.code}
        </p>
        <p>{t('staff.visits.codeOnce')}</p>
      </Modal>
    </section>
  )
}

/** The month's totals and each shift: checked in at what time, missed, or still to come. */
function Attendance({ month }: { month: AttendanceMonth }) {
  const { t } = useTranslation()
  const { totals } = month
  const rate = totals.due === 0 ? null : Math.round((totals.attended / totals.due) * 100)
  const columns: TableColumnsType<ShiftRow> = [
    { title: t('staff.visits.column.date'), dataIndex: 'date' },
    {
      title: t('staff.visits.column.shift'),
      dataIndex: 'slot',
      render: (slot: ShiftRow['slot']) => t(`kiosk.home.duty.slot.${slot}`),
    },
    {
      title: t('staff.visits.column.name'),
      key: 'name',
      render: (_: unknown, r: ShiftRow) => r.representative.name,
    },
    {
      title: t('staff.visits.column.attended'),
      key: 'attended',
      render: (_: unknown, r: ShiftRow) =>
        r.checkedInAt !== null
          ? t('staff.visits.attendedAt', { time: shanghaiTime(r.checkedInAt) })
          : r.status === 'missed'
            ? t('staff.visits.missed')
            : t('staff.visits.notDue'),
    },
  ]
  return (
    <>
      <div className="staff-visits__totals" data-testid="attendance-totals">
        <Statistic title={t('staff.visits.total.due')} value={totals.due} />
        <Statistic title={t('staff.visits.total.attended')} value={totals.attended} />
        <Statistic title={t('staff.visits.total.rate')} value={rate === null ? '—' : `${rate}%`} />
        <Statistic title={t('staff.visits.total.dropIns')} value={totals.dropIns} />
      </div>
      <Table<ShiftRow>
        rowKey={(r) => `${r.date}|${r.slot}|${r.representative.id}`}
        size="middle"
        dataSource={[...month.shifts]}
        columns={columns}
        pagination={{ pageSize: 20, showSizeChanger: false }}
      />
    </>
  )
}
