import { Alert, App, Button, DatePicker, Popconfirm, Table, Tag, type TableColumnsType } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BoardRow } from '../../../domain/board'
import { previousMonth } from '../../../domain/board'
import { shanghaiDate } from '../../../domain/dates'
import { useToday } from '../../lib/calendar'
import { errorText } from '../../api'
import { toApiError, useApiQuery } from '../../lib/useApiQuery'
import { useSession } from '../session'
import { monthText, percent } from './format'
import { type Figure, RecordsDrawer } from './RecordsDrawer'

interface Opened {
  readonly row: BoardRow
  readonly figure: Figure
}

/**
 * 月度公示: one month's board, the published one or a preview under the current method, published from
 * here once the month is over. Every number is a button that lists the records it was counted from.
 */
export function MonthBoard({ methodVersion }: { methodVersion: number }) {
  const { t } = useTranslation()
  const { call } = useSession()
  const { message } = App.useApp()
  const thisMonth = useToday().slice(0, 7)
  const [month, setMonth] = useState(() => previousMonth(thisMonth))
  const [opened, setOpened] = useState<Opened | null>(null)
  const [publishing, setPublishing] = useState(false)
  const board = useApiQuery(`staff.board.month:${month}:${methodVersion}`, () =>
    call('board.month', { month }),
  )
  const shown = board.state.status === 'ok' && board.state.value.month === month ? board.state.value : null

  const publish = async (methodVersion: number) => {
    setPublishing(true)
    try {
      // The version of the preview on screen: if another desk changed the method since, this is refused.
      await call('board.publish', { month, methodVersion })
      void message.success(t('staff.board.month.publishDone', { month: monthText(month, t) }))
      board.reload()
    } catch (e) {
      void message.error(errorText(toApiError(e)))
      // A refusal may mean the board changed meanwhile (published from another desk): show it as it is.
      board.reload()
    } finally {
      setPublishing(false)
    }
  }

  const figure = (row: BoardRow, which: Figure, value: number, text: string = String(value)) => (
    <Button
      type="link"
      className="assessment-figure"
      data-testid={`figure-${which}`}
      aria-label={`${row.name} ${t(`staff.board.figure.${which}`)} ${text}`}
      onClick={() => setOpened({ row, figure: which })}
    >
      {text}
    </Button>
  )

  const columns: TableColumnsType<BoardRow> = [
    { title: t('staff.board.column.rank'), dataIndex: 'rank', width: 72 },
    { title: t('staff.board.column.name'), dataIndex: 'name', render: (name: string) => <b>{name}</b> },
    {
      title: t('staff.board.column.level'),
      dataIndex: 'level',
      render: (level: BoardRow['level']) => t(`kiosk.home.duty.level.${level}`),
    },
    {
      title: t('staff.board.column.visits'),
      key: 'visits',
      render: (_: unknown, r: BoardRow) => figure(r, 'visits', r.visits),
    },
    {
      title: (
        <>
          {t('staff.board.column.shifts')}
          <span className="assessment-note">{t('staff.board.shiftsOf')}</span>
        </>
      ),
      key: 'shifts',
      render: (_: unknown, r: BoardRow) => (
        <span className="assessment-pair">
          {figure(r, 'shiftsAttended', r.shiftsAttended)}/{figure(r, 'shiftsScheduled', r.shiftsScheduled)}
        </span>
      ),
    },
    {
      title: t('staff.board.column.handled'),
      key: 'handled',
      render: (_: unknown, r: BoardRow) => figure(r, 'petitionsHandled', r.petitionsHandled),
    },
    {
      title: t('staff.board.column.resolved'),
      key: 'resolved',
      render: (_: unknown, r: BoardRow) => figure(r, 'petitionsResolved', r.petitionsResolved),
    },
    {
      title: t('staff.board.column.onTime'),
      key: 'onTime',
      render: (_: unknown, r: BoardRow) => figure(r, 'resolvedOnTime', r.resolvedOnTime),
    },
    {
      title: t('staff.board.column.satisfaction'),
      key: 'satisfaction',
      render: (_: unknown, r: BoardRow) => <Satisfaction row={r} figure={figure} />,
    },
    {
      title: t('staff.board.column.consultations'),
      key: 'consultations',
      render: (_: unknown, r: BoardRow) => figure(r, 'consultations', r.consultations),
    },
    {
      title: t('staff.board.column.score'),
      dataIndex: 'score',
      render: (score: number) => (
        <b className="assessment-score" data-testid="assessment-score">
          {score}
        </b>
      ),
    },
  ]

  return (
    <div className="assessment-month">
      <div className="assessment-bar">
        <DatePicker
          picker="month"
          size="large"
          allowClear={false}
          aria-label={t('staff.board.month.pick')}
          value={dayjs(`${month}-01`)}
          disabledDate={(d: Dayjs) => d.format('YYYY-MM') > thisMonth}
          onChange={(d: Dayjs | null) => {
            if (d) setMonth(d.format('YYYY-MM'))
          }}
        />
        {shown && (
          <span data-testid="assessment-status">
            {shown.published && shown.publishedAt !== null ? (
              <Tag color="green" className="assessment-tag">
                {t('staff.board.month.published', { date: shanghaiDate(shown.publishedAt) })}
              </Tag>
            ) : (
              <Tag className="assessment-tag">{t('staff.board.month.preview')}</Tag>
            )}
          </span>
        )}
        {shown && !shown.published && (
          <Popconfirm
            title={t('staff.board.month.publishTitle', { month: monthText(month, t) })}
            description={t('staff.board.month.publishWarn')}
            okText={t('staff.board.month.publishOk')}
            cancelText={t('staff.board.month.cancel')}
            okButtonProps={{ size: 'large' }}
            cancelButtonProps={{ size: 'large' }}
            disabled={!shown.canPublish}
            onConfirm={() => void publish(shown.method.version)}
          >
            <Button size="large" type="primary" disabled={!shown.canPublish} loading={publishing}>
              {t('staff.board.month.publish')}
            </Button>
          </Popconfirm>
        )}
      </div>
      {shown && (
        <p className="assessment-explain" data-testid="assessment-method-note">
          {shown.published
            ? t('staff.board.month.publishedNote', { version: shown.method.version })
            : t('staff.board.month.previewNote', { version: shown.method.version })}
          {!shown.published &&
            !shown.canPublish &&
            ` ${t(shown.rows.length === 0 ? 'staff.board.month.nothingToPublish' : 'staff.board.month.notOver')}`}
          {shown.rows.length > 0 && ` ${t('staff.board.month.tapHint')}`}
        </p>
      )}
      {board.state.status === 'error' && <Alert type="error" showIcon title={errorText(board.state.error)} />}
      <div data-testid="assessment-month-table">
        <Table<BoardRow>
          className="assessment-table"
          rowKey="representativeId"
          size="middle"
          loading={shown === null && board.state.status !== 'error'}
          dataSource={shown ? [...shown.rows] : []}
          columns={columns}
          pagination={false}
          locale={{ emptyText: t('staff.board.month.empty') }}
        />
      </div>
      {opened && (
        <RecordsDrawer
          month={month}
          representative={opened.row}
          figure={opened.figure}
          onClose={() => setOpened(null)}
        />
      )}
    </div>
  )
}

function Satisfaction({
  row,
  figure,
}: {
  row: BoardRow
  figure: (row: BoardRow, which: Figure, value: number, text?: string) => ReactNode
}) {
  const { t } = useTranslation()
  const { satisfied, mostlySatisfied, dissatisfied } = row.ratings
  const count = satisfied + mostlySatisfied + dissatisfied
  if (row.satisfactionRate === null) return <span>{t('staff.board.noRatings')}</span>
  return (
    <span className="assessment-satisfaction">
      <b>{t('staff.board.rate', { value: percent(row.satisfactionRate) })}</b>
      {figure(row, 'ratings', count, t('staff.board.ratingsButton', { count }))}
      <span className="assessment-note">
        {t('staff.board.ratingCounts', { satisfied, mostlySatisfied, dissatisfied })}
      </span>
    </span>
  )
}
