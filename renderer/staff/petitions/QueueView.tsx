import { Alert, Button, Input, Segmented, Select, Table, Tag, type TableColumnsType } from 'antd'
import { type HTMLAttributes, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { shanghaiDateTime } from '../../../domain/dates'
import { formatTrackingCode } from '../../../domain/tracking-code'
import type { Level } from '../../../domain/petition/types'
import type { QueueRow } from '../../../contract/views'
import { useApiQuery } from '../../lib/useApiQuery'
import { useSession } from '../session'
import { DUE_COLOUR } from './references'

export interface QueueQuery {
  readonly status: 'new' | 'open' | 'all' | 'closed'
  readonly level: Level | null
  /** 督办: only what is due within two working days, or overdue. */
  readonly due: 'soon' | 'overdue' | null
  readonly categoryId: string | null
  /** 我经手的: only petitions the signed-in clerk has recorded something on. */
  readonly mine: boolean
  readonly search: string | null
  /** Keyset cursors of the pages before this one and of this one (null: the first page). */
  readonly cursors: readonly (string | null)[]
}

export const INITIAL_QUERY: QueueQuery = {
  status: 'open',
  level: null,
  due: null,
  categoryId: null,
  mine: false,
  search: null,
  cursors: [null],
}

const PAGE_SIZE = 20
const LEVELS: readonly Level[] = ['station', 'township', 'county']

/** The petition queue: filters, search, three-colour due status, keyset paging. */
export function QueueView({
  query,
  onQuery,
  onOpen,
  onFile,
}: {
  query: QueueQuery
  onQuery: (q: QueueQuery) => void
  onOpen: (id: string) => void
  /** Opens the 代录 form. */
  onFile: () => void
}) {
  const { t } = useTranslation()
  const { call } = useSession()
  const [searchText, setSearchText] = useState(query.search ?? '')
  const after = query.cursors.at(-1) ?? null
  const page = useApiQuery(`queue:${JSON.stringify(query)}`, () =>
    call('petitions.queue', {
      status: query.status,
      level: query.level,
      due: query.due,
      categoryId: query.categoryId,
      mine: query.mine,
      search: query.search,
      limit: PAGE_SIZE,
      after,
    }),
  )
  const categories = useApiQuery('staff.categories', () => call('catalog.categories', {}))
  const refilter = (change: Partial<Omit<QueueQuery, 'cursors'>>) =>
    onQuery({ ...query, ...change, cursors: [null] })

  const columns: TableColumnsType<QueueRow> = [
    {
      title: t('staff.queue.column.code'),
      dataIndex: 'code',
      render: (code: string) => <span className="staff-code">{formatTrackingCode(code)}</span>,
    },
    { title: t('staff.queue.column.category'), dataIndex: 'categoryName' },
    { title: t('staff.queue.column.summary'), dataIndex: 'summary', ellipsis: true },
    {
      title: t('staff.queue.column.name'),
      dataIndex: 'maskedName',
      render: (name: string | null) => name ?? t('staff.queue.anonymous'),
    },
    {
      title: t('staff.queue.column.level'),
      dataIndex: 'level',
      render: (level: Level) => t(`staff.level.${level}`),
    },
    {
      title: t('staff.queue.column.status'),
      dataIndex: 'status',
      render: (status: QueueRow['status']) => t(`staff.status.${status}`),
    },
    {
      title: t('staff.queue.column.due'),
      key: 'due',
      render: (_: unknown, row: QueueRow) => {
        // From the station, which counts with its own holiday overrides as the 临期/超期 lists do.
        const due = row.due ?? 'none'
        return (
          <span className="staff-due" data-testid="due-status" data-due={due}>
            <Tag color={DUE_COLOUR[due]} className="staff-due__tag">
              {t(`staff.due.${due}`)}
            </Tag>
            {row.dueOn}
          </span>
        )
      },
    },
    {
      title: t('staff.queue.column.submittedAt'),
      dataIndex: 'submittedAt',
      render: (at: number) => shanghaiDateTime(at),
    },
    {
      key: 'open',
      render: (_: unknown, row: QueueRow) => (
        <Button onClick={() => onOpen(row.id)} aria-label={`${t('staff.queue.open')} ${row.code}`}>
          {t('staff.queue.open')}
        </Button>
      ),
    },
  ]

  const value = page.state.status === 'ok' ? page.state.value : null
  return (
    <section className="staff-queue" aria-labelledby="staff-queue-title">
      <div className="staff-detail__head">
        <h1 id="staff-queue-title" className="staff-heading">
          {t('staff.queue.title')}
        </h1>
        <Button type="primary" size="large" onClick={onFile}>
          {t('staff.walkIn.open')}
        </Button>
      </div>
      <div className="staff-queue__filters">
        <Segmented<'all' | 'mine'>
          size="large"
          aria-label={t('staff.queue.filter.mine')}
          value={query.mine ? 'mine' : 'all'}
          onChange={(who) => refilter({ mine: who === 'mine' })}
          options={(['all', 'mine'] as const).map((who) => ({
            value: who,
            label: t(`staff.queue.filter.mine_${who}`),
          }))}
        />
        <Segmented<QueueQuery['status']>
          size="large"
          aria-label={t('staff.queue.filter.status')}
          value={query.status}
          onChange={(status) => refilter({ status })}
          options={(['new', 'open', 'all', 'closed'] as const).map((s) => ({
            value: s,
            label: t(`staff.queue.filter.${s}`),
          }))}
        />
        <Select<Level | 'any'>
          size="large"
          aria-label={t('staff.queue.filter.level')}
          className="staff-queue__level"
          value={query.level ?? 'any'}
          onChange={(level) => refilter({ level: level === 'any' ? null : level })}
          options={[
            { value: 'any', label: t('staff.queue.filter.anyLevel') },
            ...LEVELS.map((l) => ({ value: l, label: t(`staff.level.${l}`) })),
          ]}
        />
        <Segmented<'any' | 'soon' | 'overdue'>
          size="large"
          aria-label={t('staff.queue.filter.due')}
          value={query.due ?? 'any'}
          onChange={(due) => refilter({ due: due === 'any' ? null : due })}
          options={(['any', 'soon', 'overdue'] as const).map((d) => ({
            value: d,
            label: t(`staff.queue.filter.due_${d}`),
          }))}
        />
        <Select<string>
          size="large"
          aria-label={t('staff.queue.filter.category')}
          className="staff-queue__level"
          value={query.categoryId ?? 'any'}
          onChange={(id) => refilter({ categoryId: id === 'any' ? null : id })}
          options={[
            { value: 'any', label: t('staff.queue.filter.anyCategory') },
            ...(categories.state.status === 'ok' ? categories.state.value : []).map((c) => ({
              value: c.id,
              label: c.name,
            })),
          ]}
        />
        <Input.Search
          size="large"
          className="staff-queue__search"
          aria-label={t('staff.queue.search')}
          placeholder={t('staff.queue.searchPlaceholder')}
          enterButton={t('staff.queue.search')}
          allowClear
          value={searchText}
          maxLength={100}
          onChange={(e) => setSearchText(e.target.value)}
          onSearch={(text) => refilter({ search: text.trim() === '' ? null : text.trim() })}
        />
      </div>
      {page.state.status === 'error' && <Alert type="error" showIcon title={page.state.error.message} />}
      <Table<QueueRow>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={value?.rows ?? []}
        loading={page.state.status === 'loading'}
        pagination={false}
        locale={{ emptyText: t('staff.queue.empty') }}
        onRow={(row) =>
          ({ 'data-testid': 'queue-row', 'data-code': row.code }) as HTMLAttributes<HTMLElement>
        }
      />
      <nav className="staff-queue__pages">
        <Button
          size="large"
          disabled={query.cursors.length <= 1}
          onClick={() => onQuery({ ...query, cursors: query.cursors.slice(0, -1) })}
        >
          {t('staff.queue.prevPage')}
        </Button>
        <span>{t('staff.queue.pageNo', { page: query.cursors.length })}</span>
        <Button
          size="large"
          disabled={!value?.next}
          onClick={() => value?.next && onQuery({ ...query, cursors: [...query.cursors, value.next] })}
        >
          {t('staff.queue.nextPage')}
        </Button>
      </nav>
    </section>
  )
}
