import { Alert, App, Button, DatePicker, Spin, Statistic, Table, type TableColumnsType } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PetitionReport, ReportFigures, RepresentativeReportRow } from '../../../contract/views'
import { type ApiError, errorText } from '../../api'
import { useToday } from '../../lib/calendar'
import { saveFile } from '../../lib/download'
import { toApiError } from '../../lib/useApiQuery'
import { useSession } from '../session'
import { ReportCharts } from './ReportCharts'
import './reports.css'

const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const
type Format = keyof typeof MIME

interface Span {
  readonly from: string
  readonly to: string
}

/** What the station answered for one span: the report, or the refusal (a span too long, reversed). */
type Loaded =
  { readonly span: Span; readonly report: PetitionReport } | { readonly span: Span; readonly error: ApiError }

/** 0–1 as a percentage with one decimal; no rate (nothing to divide by) as “—”. */
function rateText(rate: number | null, none: string): string {
  return rate === null ? none : `${(rate * 100).toFixed(1)}%`
}

/** The refusal in one line: the general message, then what it says about the months (最多 24 个月 …). */
/**
 * 统计报表: the petitions submitted in a span of months with their answers and ratings, broken down by
 * month, category, level and status, each representative's part, and the same report as Excel or PDF.
 */
export default function ReportsDesk() {
  const { t } = useTranslation()
  const { call } = useSession()
  const { message } = App.useApp()
  const thisMonth = useToday().slice(0, 7)
  const [span, setSpan] = useState<Span>(() => ({
    from: dayjs(`${thisMonth}-01`).subtract(11, 'month').format('YYYY-MM'),
    to: thisMonth,
  }))
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [exporting, setExporting] = useState<Format | null>(null)

  // Not useApiQuery: it keeps the last good value over an error, and a refused span must say so.
  useEffect(() => {
    let current = true
    call('reports.summary', span).then(
      (report) => {
        if (current) setLoaded({ span, report })
      },
      (e: unknown) => {
        if (current) setLoaded({ span, error: toApiError(e) })
      },
    )
    return () => {
      current = false
    }
  }, [call, span])

  const fresh = loaded !== null && loaded.span === span
  const report = loaded && 'report' in loaded ? loaded.report : null
  const error = fresh && 'error' in loaded ? loaded.error : null

  const download = async (format: Format) => {
    setExporting(format)
    try {
      const file = await call('reports.export', { ...span, format })
      saveFile(file, MIME[format])
      void message.success(t('reports.export.done', { file: file.fileName }))
    } catch (e) {
      void message.error(errorText(toApiError(e)))
    } finally {
      setExporting(null)
    }
  }

  return (
    <section className="staff-queue reports-desk" aria-labelledby="reports-desk-title">
      <div className="reports-desk__head">
        <h1 id="reports-desk-title" className="staff-heading">
          {t('reports.title')}
        </h1>
        <DatePicker.RangePicker
          picker="month"
          size="large"
          allowClear={false}
          aria-label={t('reports.span.label')}
          placeholder={[t('reports.span.from'), t('reports.span.to')]}
          value={[dayjs(`${span.from}-01`), dayjs(`${span.to}-01`)]}
          onChange={(range) => {
            const [from, to] = range ?? []
            if (from && to) setSpan({ from: from.format('YYYY-MM'), to: to.format('YYYY-MM') })
          }}
          disabledDate={(d: Dayjs) => d.format('YYYY-MM') > thisMonth}
        />
        <Button
          size="large"
          loading={exporting === 'xlsx'}
          disabled={error !== null}
          onClick={() => void download('xlsx')}
        >
          {t('reports.export.xlsx')}
        </Button>
        <Button
          size="large"
          loading={exporting === 'pdf'}
          disabled={error !== null}
          onClick={() => void download('pdf')}
        >
          {t('reports.export.pdf')}
        </Button>
      </div>
      <p className="reports-note">{t('reports.note')}</p>

      {error && <Alert type="error" showIcon title={errorText(error)} data-testid="reports-error" />}
      {/* While a new span loads, the last report stays on screen under the spinner. */}
      {!error && (
        <Spin spinning={!fresh} size="large">
          {report ? <ReportBody report={report} /> : <div className="reports-loading" />}
        </Spin>
      )}
    </section>
  )
}

function ReportBody({ report }: { report: PetitionReport }) {
  const { t } = useTranslation()
  return (
    <div className="reports-body" data-testid="reports-body" data-span={`${report.from}/${report.to}`}>
      <Headline totals={report.totals} />
      <ReportCharts report={report} />
      <h2 className="staff-subheading">{t('reports.table.title')}</h2>
      <RepresentativeTable rows={report.representatives} />
    </div>
  )
}

function Headline({ totals }: { totals: ReportFigures }) {
  const { t } = useTranslation()
  const ratings = totals.ratings.satisfied + totals.ratings.mostlySatisfied + totals.ratings.dissatisfied
  const rate = (value: number | null) => rateText(value, t('reports.none'))
  const figures = [
    {
      id: 'petitions',
      title: t('reports.figure.petitions'),
      value: String(totals.petitions),
      suffix: t('reports.unit'),
      note: t('reports.figure.petitionsNote', { answered: totals.answered }),
    },
    {
      id: 'onTimeRate',
      title: t('reports.figure.onTimeRate'),
      value: rate(totals.onTimeRate),
      note: t('reports.figure.onTimeNote', { onTime: totals.answeredOnTime }),
    },
    {
      id: 'satisfactionRate',
      title: t('reports.figure.satisfactionRate'),
      value: rate(totals.satisfactionRate),
      note: t('reports.figure.satisfactionNote', { ratings }),
    },
    {
      id: 'onSpotRate',
      title: t('reports.figure.onSpotRate'),
      value: rate(totals.onSpotRate),
      note: t('reports.figure.onSpotNote', { onSpot: totals.resolvedOnSpot }),
    },
  ] as const
  return (
    <div className="reports-headline">
      {figures.map((f) => (
        <div key={f.id} className="reports-figure">
          <Statistic
            title={f.title}
            value={f.value}
            // A missing rate is read out as 无数据 rather than as a dash.
            valueRender={(node) =>
              f.value === t('reports.none') ? (
                <span data-testid={`reports-${f.id}`}>
                  <span role="img" aria-label={t('reports.noneLabel')}>
                    {f.value}
                  </span>
                </span>
              ) : (
                <span data-testid={`reports-${f.id}`}>{node}</span>
              )
            }
            {...('suffix' in f ? { suffix: f.suffix } : {})}
          />
          <p className="reports-figure__note">{f.note}</p>
        </div>
      ))}
    </div>
  )
}

function RepresentativeTable({ rows }: { rows: readonly RepresentativeReportRow[] }) {
  const { t } = useTranslation()
  const byCount = (pick: (r: RepresentativeReportRow) => number) => ({
    sorter: (a: RepresentativeReportRow, b: RepresentativeReportRow) => pick(a) - pick(b),
    render: (_: unknown, r: RepresentativeReportRow) => pick(r),
  })
  // No rate sorts below 0 %: it is not a worse rate, but it is not a better one either.
  const byRate = (pick: (r: RepresentativeReportRow) => number | null) => ({
    sorter: (a: RepresentativeReportRow, b: RepresentativeReportRow) => (pick(a) ?? -1) - (pick(b) ?? -1),
    render: (_: unknown, r: RepresentativeReportRow) => rateText(pick(r), t('reports.none')),
  })
  const columns: TableColumnsType<RepresentativeReportRow> = [
    { title: t('reports.table.column.name'), key: 'name', render: (_, r) => <b>{r.name}</b> },
    {
      title: t('reports.table.column.level'),
      key: 'level',
      render: (_, r) => t(`kiosk.home.duty.level.${r.level}`),
    },
    { title: t('reports.table.column.petitions'), key: 'petitions', ...byCount((r) => r.figures.petitions) },
    { title: t('reports.table.column.answered'), key: 'answered', ...byCount((r) => r.figures.answered) },
    {
      title: t('reports.table.column.onTimeRate'),
      key: 'onTimeRate',
      ...byRate((r) => r.figures.onTimeRate),
    },
    {
      title: t('reports.table.column.satisfactionRate'),
      key: 'satisfactionRate',
      ...byRate((r) => r.figures.satisfactionRate),
    },
    {
      title: t('reports.table.column.resolvedOnSpot'),
      key: 'resolvedOnSpot',
      ...byCount((r) => r.figures.resolvedOnSpot),
    },
    { title: t('reports.table.column.visits'), key: 'visits', ...byCount((r) => r.visits) },
    {
      title: t('reports.table.column.shifts'),
      key: 'shifts',
      sorter: (a, b) => a.shiftsAttended - b.shiftsAttended,
      render: (_, r) => `${r.shiftsAttended}/${r.shiftsScheduled}`,
    },
    {
      title: t('reports.table.column.consultations'),
      key: 'consultations',
      ...byCount((r) => r.consultations),
    },
  ]
  return (
    <div data-testid="reports-table">
      <Table<RepresentativeReportRow>
        className="reports-table"
        rowKey="representativeId"
        size="middle"
        dataSource={[...rows]}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('reports.table.empty') }}
      />
    </div>
  )
}
