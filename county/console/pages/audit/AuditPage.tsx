import { Alert, Button, DatePicker, Select, Table, type TableColumnsType, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useEffect, useRef, useState } from 'react'
import {
  AUDIT_CATEGORIES,
  AUDIT_OUTCOMES,
  type AuditCategory,
  type AuditOutcome,
  type AuditRow,
  DONE_OUTCOMES,
  SUPERSEDED_OUTCOMES,
} from '../../../../contract/county-console'
import { api, type ConsoleApiError, toConsoleApiError } from '../../api'
import { useT } from '../../i18n'
import { ConsolePage } from '../../lib/ConsolePage'
import { dateTimeSeconds } from '../../lib/format'
import { useQuery } from '../../lib/useQuery'
import { actionWords, detailWords, outcomeWords, whoOf } from './auditWords'

interface Filter {
  readonly stationId: string | undefined
  readonly category: AuditCategory | undefined
  readonly outcome: AuditOutcome | undefined
  readonly from: string | undefined
  readonly to: string | undefined
}

interface Listing {
  readonly rows: readonly AuditRow[]
  readonly next: number | null
  readonly loading: boolean
  readonly error: ConsoleApiError | null
}

const NO_FILTER: Filter = {
  stationId: undefined,
  category: undefined,
  outcome: undefined,
  from: undefined,
  to: undefined,
}

/**
 * 操作记录 (admins): what the hub wrote to its audit log, newest first: sign-ins and failed ones, accounts,
 * stations and their codes, roster and village changes, petition actions, and every sync request it
 * refused (a forged or replayed signature, a revoked station), which is how an attack shows. 加载更多
 * pages on by id.
 */
export function AuditPage() {
  const t = useT()
  const [filter, setFilter] = useState<Filter>(NO_FILTER)
  const [listing, setListing] = useState<Listing>({ rows: [], next: null, loading: true, error: null })
  const [generation, setGeneration] = useState(0)
  // An answer counts only for the filter it was asked under: a page that arrives late is dropped.
  const asked = useRef(0)
  const stations = useQuery('stations', () => api.stations())

  // Loading is marked by whoever asks (a new filter, 刷新, 加载更多), not here: the first page is asked
  // from an effect, which should set no state of its own.
  const load = (before: number | null) => {
    const mine = before === null ? ++asked.current : asked.current
    api.audit({ ...filter, ...(before === null ? {} : { before }) }).then(
      (page) => {
        if (mine !== asked.current) return
        setListing((l) => ({
          rows: before === null ? page.rows : [...l.rows, ...page.rows],
          next: page.next,
          loading: false,
          error: null,
        }))
      },
      (e: unknown) => {
        if (mine !== asked.current) return
        const error = toConsoleApiError(e)
        setListing((l) =>
          before === null ? { rows: [], next: null, loading: false, error } : { ...l, loading: false, error },
        )
      },
    )
  }

  useEffect(() => {
    load(null)
    // `load` reads the filter it is rendered with; a new filter or 刷新 loads the first page again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filter, generation])

  const loading = () => setListing((l) => ({ ...l, loading: true }))

  const change = (more: Partial<Filter>) => {
    loading()
    setFilter((f) => ({ ...f, ...more }))
  }

  const columns: TableColumnsType<AuditRow> = [
    { key: 'at', title: t('audit.column.at'), render: (_, row) => dateTimeSeconds(row.at), width: 180 },
    {
      key: 'station',
      title: t('audit.column.station'),
      render: (_, row) => row.stationName ?? row.stationId ?? t('app.none'),
    },
    { key: 'action', title: t('audit.column.action'), render: (_, row) => actionWords(row.action, t) },
    {
      key: 'outcome',
      title: t('audit.column.outcome'),
      render: (_, row) =>
        // Only a refusal in red: not what was done, nor a record that lost to a newer edit.
        DONE_OUTCOMES.includes(row.outcome) || SUPERSEDED_OUTCOMES.includes(row.outcome) ? (
          outcomeWords(row, t)
        ) : (
          <Typography.Text type="danger">{outcomeWords(row, t)}</Typography.Text>
        ),
    },
    { key: 'who', title: t('audit.column.who'), render: (_, row) => whoOf(row) ?? t('app.none') },
    {
      key: 'detail',
      title: t('audit.column.detail'),
      render: (_, row) => detailWords(row, t) || t('app.none'),
    },
  ]

  const stationOptions =
    stations.state.status === 'ok' ? stations.state.value.map((s) => ({ value: s.id, label: s.name })) : []

  return (
    <ConsolePage
      id="audit"
      title={t('audit.title')}
      actions={
        <Button
          onClick={() => {
            loading()
            setGeneration((g) => g + 1)
          }}
        >
          {t('audit.reload')}
        </Button>
      }
    >
      <div className="console-panel">
        <div className="console-filters">
          <Select
            aria-label={t('audit.filter.station')}
            placeholder={t('audit.filter.allStations')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 240 }}
            options={stationOptions}
            value={filter.stationId ?? null}
            onChange={(v: string | null | undefined) => change({ stationId: v ?? undefined })}
          />
          <Select
            aria-label={t('audit.filter.category')}
            placeholder={t('audit.filter.allCategories')}
            allowClear
            style={{ width: 200 }}
            options={AUDIT_CATEGORIES.map((c) => ({ value: c, label: t(`audit.category.${c}`) }))}
            value={filter.category ?? null}
            onChange={(v: AuditCategory | null | undefined) => change({ category: v ?? undefined })}
          />
          <Select
            aria-label={t('audit.filter.outcome')}
            placeholder={t('audit.filter.allOutcomes')}
            allowClear
            style={{ width: 180 }}
            options={AUDIT_OUTCOMES.map((o) => ({ value: o, label: t(`audit.outcomeFilter.${o}`) }))}
            value={filter.outcome ?? null}
            onChange={(v: AuditOutcome | null | undefined) => change({ outcome: v ?? undefined })}
          />
          <DatePicker.RangePicker
            aria-label={t('audit.filter.range')}
            onChange={(dates: [Dayjs | null, Dayjs | null] | null) =>
              change({
                from: dates?.[0]?.format('YYYY-MM-DD') ?? undefined,
                to: dates?.[1]?.format('YYYY-MM-DD') ?? undefined,
              })
            }
          />
        </div>
        {listing.error && (
          <Alert type="error" showIcon title={listing.error.message} className="console-gap" />
        )}
        <Table<AuditRow>
          data-testid="audit-log"
          rowKey="id"
          columns={columns}
          dataSource={[...listing.rows]}
          loading={listing.loading}
          pagination={false}
          locale={{ emptyText: t('audit.empty') }}
        />
        <div className="console-more">
          <Typography.Text type="secondary">
            {listing.next === null
              ? t('audit.loadedAll', { n: listing.rows.length })
              : t('audit.loaded', { n: listing.rows.length })}
          </Typography.Text>
          {listing.next !== null && (
            <Button
              onClick={() => {
                loading()
                load(listing.next)
              }}
              loading={listing.loading}
            >
              {t('audit.loadMore')}
            </Button>
          )}
        </div>
      </div>
    </ConsolePage>
  )
}
