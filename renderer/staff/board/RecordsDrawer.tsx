import { Alert, Drawer, Table, type TableColumnsType } from 'antd'
import type { TFunction } from 'i18next'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { InputOf } from '../../../contract/api'
import type { BoardRecord } from '../../../contract/views'
import type { BoardRow } from '../../../domain/board'
import { shanghaiDateTime } from '../../../domain/dates'
import { formatTrackingCode } from '../../../domain/tracking-code'
import { useApiQuery } from '../../lib/useApiQuery'
import { useSession } from '../session'
import { monthText } from './format'

/** A number of a board that opens its records (contract/schemas.ts BOARD_FIGURES). */
export type Figure = InputOf<'board.records'>['figure']

type Kind = BoardRecord['kind']

const KIND_OF: Record<Figure, Kind> = {
  visits: 'visit',
  shiftsScheduled: 'shift',
  shiftsAttended: 'shift',
  petitionsHandled: 'petition',
  petitionsResolved: 'petition',
  resolvedOnTime: 'petition',
  ratings: 'rating',
  consultations: 'consultation',
}

type Column =
  | 'time'
  | 'by'
  | 'date'
  | 'slot'
  | 'code'
  | 'category'
  | 'status'
  | 'submittedAt'
  | 'dueOn'
  | 'rating'
  | 'kind'
  | 'topic'
/** The columns each kind of record is listed with, in order. */
const COLUMNS: Record<Kind, readonly Column[]> = {
  visit: ['time', 'by'],
  shift: ['date', 'slot'],
  petition: ['code', 'category', 'status', 'submittedAt', 'dueOn'],
  rating: ['code', 'rating', 'time'],
  consultation: ['date', 'kind', 'topic'],
}

type Line = { readonly key: string } & Partial<Record<Column, ReactNode>>

/** One record in words, cell by cell. */
function lineOf(r: BoardRecord, t: TFunction): Line {
  switch (r.kind) {
    case 'visit':
      return { key: r.id, time: shanghaiDateTime(r.at), by: t(`staff.visits.by.${r.confirmedBy}`) }
    case 'shift':
      return { key: r.id, date: r.date, slot: t(`kiosk.home.duty.slot.${r.slot}`) }
    case 'petition':
      return {
        key: r.id,
        code: <code>{formatTrackingCode(r.code)}</code>,
        category: r.categoryName,
        status: t(`staff.status.${r.status}`),
        submittedAt: shanghaiDateTime(r.submittedAt),
        dueOn: r.dueOn,
      }
    case 'rating':
      return {
        key: r.id,
        code: <code>{formatTrackingCode(r.code)}</code>,
        rating: t(`staff.rating.${r.rating}`),
        time: shanghaiDateTime(r.at),
      }
    case 'consultation':
      return {
        key: r.id,
        date: r.date,
        kind: t(`staff.consultations.kind.${r.consultationKind}`),
        topic: r.topic,
      }
  }
}

/** 穿透查询: the records one number of a month's board was counted from. */
export function RecordsDrawer(props: {
  month: string
  representative: BoardRow
  figure: Figure
  onClose: () => void
}) {
  const { t } = useTranslation()
  const { call } = useSession()
  const { month, representative, figure } = props
  const records = useApiQuery(
    `staff.board.records:${month}:${representative.representativeId}:${figure}`,
    () => call('board.records', { month, representativeId: representative.representativeId, figure }),
  )
  const lines = records.state.status === 'ok' ? records.state.value.map((r) => lineOf(r, t)) : []
  const columns: TableColumnsType<Line> = COLUMNS[KIND_OF[figure]].map((c) => ({
    key: c,
    dataIndex: c,
    title: t(`staff.board.records.column.${c}`),
  }))

  return (
    <Drawer
      open
      size="large"
      onClose={props.onClose}
      title={t('staff.board.records.title', {
        name: representative.name,
        figure: t(`staff.board.figure.${figure}`),
      })}
    >
      <div className="assessment-records" data-testid="assessment-records">
        {records.state.status === 'ok' && (
          <p className="assessment-explain">
            {t('staff.board.records.summary', { month: monthText(month, t), count: lines.length })}
            {figure === 'visits' && ` ${t('staff.board.records.visitsNote')}`}
          </p>
        )}
        {records.state.status === 'error' && (
          <Alert type="error" showIcon title={records.state.error.message} />
        )}
        <Table<Line>
          rowKey="key"
          size="middle"
          loading={records.state.status === 'loading'}
          dataSource={lines}
          columns={columns}
          pagination={false}
          locale={{ emptyText: t('staff.board.records.empty') }}
        />
      </div>
    </Drawer>
  )
}
