import { Alert, Button, Select, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { COUNTY_QUEUES, type CountyPetitionRow, type CountyQueue } from '../../../../contract/county-console'
import { STATUS_NAME_ZH } from '../../../../domain/names-zh'
import { api, type ConsoleApiError, toConsoleApiError } from '../../api'
import { navigate } from '../../app/router'
import { useT } from '../../i18n'
import { ConsolePage } from '../../lib/ConsolePage'
import { categoryName, dateTime, trackingCode } from '../../lib/format'
import { useQuery } from '../../lib/useQuery'
import { PetitionDrawer } from './PetitionDrawer'
import { type Listing, queueLoader } from './queueListing'

const PAGE_SIZE = 50

type QueueListing = Listing<ConsoleApiError>

const EMPTY: QueueListing = { rows: [], next: null, loading: true, error: null }

/**
 * 县级待办: the petitions escalated to the county (overdue ones, or every petition the hub holds), keyset
 * paged with 加载更多. A row opens the petition in a drawer over the list, at its own address.
 */
export function QueuePage({ petitionId }: { petitionId: string | null }) {
  const t = useT()
  const [queue, setQueue] = useState<CountyQueue>('escalated')
  const [stationId, setStationId] = useState<string | undefined>(undefined)
  const [listing, setListing] = useState<QueueListing>(EMPTY)
  const [generation, setGeneration] = useState(0)
  const stations = useQuery('stations', () => api.stations())
  const [loader] = useState(() =>
    queueLoader({
      fetchPage: api.petitions,
      toError: toConsoleApiError,
      update: setListing,
      limit: PAGE_SIZE,
    }),
  )

  useEffect(() => {
    loader.first({ queue, stationId })
    return () => loader.stop()
  }, [loader, queue, stationId, generation])

  const reload = useCallback(() => {
    setListing((l) => ({ ...l, loading: true }))
    setGeneration((g) => g + 1)
  }, [])

  const loadMore = () => {
    if (listing.next !== null) loader.more({ queue, stationId }, listing.next)
  }

  const open = (row: CountyPetitionRow) => navigate({ page: 'petitions', petitionId: row.id })

  const columns: TableColumnsType<CountyPetitionRow> = [
    {
      key: 'code',
      title: t('petitions.column.code'),
      render: (_, row) => (
        <Button
          type="link"
          className="console-code-link"
          aria-label={t('petitions.open', { code: trackingCode(row.code) })}
          onClick={(e) => {
            e.stopPropagation()
            open(row)
          }}
        >
          {trackingCode(row.code)}
        </Button>
      ),
    },
    { key: 'station', title: t('petitions.column.station'), dataIndex: 'stationName' },
    {
      key: 'category',
      title: t('petitions.column.category'),
      render: (_, row) => categoryName(row.categoryId),
    },
    {
      key: 'status',
      title: t('petitions.column.status'),
      render: (_, row) => (
        <>
          {STATUS_NAME_ZH[row.status]}
          {row.level !== 'county' && (
            <Typography.Text type="secondary"> · {t(`petitions.level.${row.level}`)}</Typography.Text>
          )}
        </>
      ),
    },
    {
      key: 'department',
      title: t('petitions.column.department'),
      render: (_, row) => row.department ?? t('app.none'),
    },
    {
      key: 'dueOn',
      title: t('petitions.column.dueOn'),
      render: (_, row) =>
        row.overdue ? (
          <span className="console-overdue">
            {row.dueOn} <Tag color="red">{t('petitions.overdue')}</Tag>
          </span>
        ) : (
          row.dueOn
        ),
    },
    {
      key: 'submittedAt',
      title: t('petitions.column.submittedAt'),
      render: (_, row) => dateTime(row.submittedAt),
    },
  ]

  const stationOptions =
    stations.state.status === 'ok' ? stations.state.value.map((s) => ({ value: s.id, label: s.name })) : []

  return (
    <ConsolePage
      id="queue"
      title={t('petitions.title')}
      actions={
        <>
          <Select
            className="console-station-filter"
            aria-label={t('petitions.station')}
            placeholder={t('petitions.allStations')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 280 }}
            options={stationOptions}
            value={stationId ?? null}
            onChange={(v: string | null | undefined) => {
              setListing((l) => ({ ...l, loading: true }))
              setStationId(v ?? undefined)
            }}
          />
          <Button onClick={reload}>{t('petitions.reload')}</Button>
        </>
      }
    >
      <div className="console-panel">
        <Tabs
          activeKey={queue}
          onChange={(key) => {
            setListing({ ...EMPTY })
            setQueue(key as CountyQueue)
          }}
          items={COUNTY_QUEUES.map((q) => ({ key: q, label: t(`petitions.queue.${q}`) }))}
        />
        {listing.error && (
          <Alert type="error" showIcon title={listing.error.message} className="console-gap" />
        )}
        <Table<CountyPetitionRow>
          className="console-queue"
          data-testid="petition-queue"
          rowKey="id"
          columns={columns}
          dataSource={[...listing.rows]}
          loading={listing.loading}
          pagination={false}
          locale={{ emptyText: t(`petitions.empty.${queue}`) }}
          rowClassName={(row) => (row.overdue ? 'console-row--overdue' : '')}
          onRow={(row) => ({ onClick: () => open(row), style: { cursor: 'pointer' } })}
        />
        <div className="console-more">
          <Typography.Text type="secondary">
            {listing.next === null
              ? t('petitions.loadedAll', { n: listing.rows.length })
              : t('petitions.loaded', { n: listing.rows.length })}
          </Typography.Text>
          {listing.next !== null && (
            <Button onClick={loadMore} loading={listing.loading}>
              {t('petitions.loadMore')}
            </Button>
          )}
        </div>
      </div>
      {petitionId !== null && (
        <PetitionDrawer
          key={petitionId}
          id={petitionId}
          onClose={() => navigate({ page: 'petitions', petitionId: null })}
          onChanged={reload}
        />
      )}
    </ConsolePage>
  )
}
