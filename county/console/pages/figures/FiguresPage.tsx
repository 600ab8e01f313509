import { Alert, Button, DatePicker, Form, Statistic, Table, type TableColumnsType, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { type CountyFigures, type FigureRow, FiguresQuery } from '../../../../contract/county-console'
import { monthOf, previousMonth } from '../../../../domain/board'
import { api } from '../../api'
import { useT } from '../../i18n'
import { fieldErrors } from '../../lib/forms'
import { percent } from '../../lib/format'
import { useQuery } from '../../lib/useQuery'
import { FigureCharts } from './FigureCharts'
import { RepresentativeTable } from './RepresentativeTable'

type StationRow = CountyFigures['byStation'][number]

/** The last twelve months, this one included, in Shanghai. */
function lastTwelveMonths(): FiguresQuery {
  const to = monthOf(Date.now())
  let from = to
  for (let i = 0; i < 11; i++) from = previousMonth(from)
  return { from, to }
}

/** 统计: the county's figures over a span of months, in total, by month, by station and by representative. */
export default function FiguresPage() {
  const t = useT()
  const [range, setRange] = useState<FiguresQuery>(lastTwelveMonths)
  const [rangeError, setRangeError] = useState<string | null>(null)
  const { state, reload } = useQuery(`figures:${range.from}:${range.to}`, () => api.figures(range))

  const pick = (dates: [Dayjs | null, Dayjs | null] | null) => {
    const next = { from: dates?.[0]?.format('YYYY-MM') ?? '', to: dates?.[1]?.format('YYYY-MM') ?? '' }
    const parsed = FiguresQuery.safeParse(next)
    if (!parsed.success) {
      setRangeError(Object.values(fieldErrors(parsed.error)).join('；'))
      return
    }
    setRangeError(null)
    setRange(parsed.data)
  }

  const rate = (r: number | null) => percent(r) ?? t('figures.noRate')
  const rateColumn = (key: 'onTimeRate' | 'onSpotRate' | 'satisfactionRate') => ({
    key,
    title: t(`figures.table.${key}`),
    align: 'right' as const,
    render: (_: unknown, r: FigureRow) => rate(r[key]),
  })
  const columns: TableColumnsType<StationRow> = [
    { key: 'station', title: t('figures.table.station'), dataIndex: 'stationName' },
    { key: 'petitions', title: t('figures.table.petitions'), dataIndex: 'petitions', align: 'right' },
    { key: 'escalated', title: t('figures.table.escalated'), dataIndex: 'escalated', align: 'right' },
    { key: 'answered', title: t('figures.table.answered'), dataIndex: 'answered', align: 'right' },
    rateColumn('onTimeRate'),
    rateColumn('onSpotRate'),
    rateColumn('satisfactionRate'),
  ]

  const figures = state.status === 'ok' ? state.value : null

  return (
    <section aria-labelledby="figures-title">
      <div className="console-page-head">
        <Typography.Title level={1} id="figures-title">
          {t('figures.title')}
        </Typography.Title>
        <Form.Item
          label={t('figures.range')}
          validateStatus={rangeError ? 'error' : ''}
          help={rangeError}
          className="console-range"
        >
          <DatePicker.RangePicker
            picker="month"
            allowClear={false}
            value={[dayjs(`${range.from}-01`), dayjs(`${range.to}-01`)]}
            onChange={(dates) => pick(dates)}
          />
        </Form.Item>
      </div>
      {state.status === 'error' && (
        <Alert
          type="error"
          showIcon
          title={state.error.message}
          action={<Button onClick={reload}>{t('app.retry')}</Button>}
        />
      )}
      {figures && (
        <>
          <div className="console-totals" data-testid="figures-totals">
            <div className="console-panel">
              <Statistic title={t('figures.totals.petitions')} value={figures.totals.petitions} />
            </div>
            <RatePanel
              title={t('figures.totals.onTimeRate')}
              rate={figures.totals.onTimeRate}
              part={figures.totals.answeredOnTime}
              whole={figures.totals.answered}
            />
            <RatePanel
              title={t('figures.totals.satisfactionRate')}
              rate={figures.totals.satisfactionRate}
              part={figures.totals.satisfied}
              whole={figures.totals.ratings}
            />
            <RatePanel
              title={t('figures.totals.onSpotRate')}
              rate={figures.totals.onSpotRate}
              part={figures.totals.resolvedOnSpot}
              whole={figures.totals.petitions}
            />
          </div>
          <FigureCharts figures={figures} />
          <div className="console-panel">
            <Typography.Title level={2} className="console-chart-title">
              {t('figures.table.title')}
            </Typography.Title>
            <Table<StationRow>
              data-testid="figures-stations"
              rowKey="stationId"
              size="small"
              columns={columns}
              dataSource={[...figures.byStation]}
              pagination={false}
            />
          </div>
          <RepresentativeTable range={range} />
        </>
      )}
    </section>
  )
}

/** A headline rate with the counts it comes from, or the no-rate mark when nothing counts yet. */
function RatePanel(props: { title: string; rate: number | null; part: number; whole: number }) {
  const t = useT()
  return (
    <div className="console-panel">
      <Statistic
        title={props.title}
        value={percent(props.rate) ?? t('figures.noRate')}
        suffix={
          <Typography.Text type="secondary" className="console-stat-of">
            {t('figures.totals.of', { part: props.part, whole: props.whole })}
          </Typography.Text>
        }
      />
    </div>
  )
}
