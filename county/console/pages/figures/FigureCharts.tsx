import { BarChart, type BarSeriesOption, LineChart, type LineSeriesOption } from 'echarts/charts'
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { useMemo } from 'react'
import type { CountyFigures } from '../../../../contract/county-console'
import { useT } from '../../i18n'
import { useEChart } from '../../lib/useEChart'

// Only what these charts need: ECharts is tree-shaken and lives in the figures page's lazy chunk.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer])

type Option = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>

const INK = '#1a1a1a'
const COUNT = '#a3191f'
const ON_TIME = '#0b4f8f'
const SATISFIED = '#2e7d32'
const FONT = { fontSize: 13, color: INK }
const ROW_PX = 32

/** A rate 0–1 as a percentage with one decimal for a line; '-' is ECharts' gap for a month without data. */
const ratePoint = (rate: number | null): number | '-' => (rate === null ? '-' : Math.round(rate * 1000) / 10)

function Chart({
  option,
  label,
  testId,
  height,
}: {
  option: Option
  label: string
  testId: string
  height: number
}) {
  const box = useEChart(option, height)
  return (
    <div
      ref={box}
      className="console-chart"
      style={{ height }}
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  )
}

/** 各月诉求 (bars) with the on-time and satisfaction rates (lines), and 各联络站诉求 (horizontal bars). */
export function FigureCharts({ figures }: { figures: CountyFigures }) {
  const t = useT()

  const months = useMemo((): Option => {
    const percentOf = (v: unknown) => (typeof v === 'number' ? `${v}%` : t('figures.noRate'))
    return {
      animation: false,
      aria: { enabled: false },
      legend: { top: 0, textStyle: FONT },
      tooltip: { trigger: 'axis', textStyle: FONT },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: figures.byMonth.map((m) => m.month),
        axisTick: { alignWithLabel: true },
        axisLabel: FONT,
      },
      yAxis: [
        { type: 'value', minInterval: 1, axisLabel: FONT },
        {
          type: 'value',
          min: 0,
          max: 100,
          axisLabel: { ...FONT, formatter: '{value}%' },
          splitLine: { show: false },
        },
      ],
      series: [
        {
          type: 'bar',
          name: t('figures.chart.petitions'),
          data: figures.byMonth.map((m) => m.petitions),
          barMaxWidth: 28,
          itemStyle: { color: COUNT },
        },
        {
          type: 'line',
          name: t('figures.chart.onTimeRate'),
          yAxisIndex: 1,
          data: figures.byMonth.map((m) => ratePoint(m.onTimeRate)),
          itemStyle: { color: ON_TIME },
          lineStyle: { width: 3 },
          tooltip: { valueFormatter: percentOf },
        },
        {
          type: 'line',
          name: t('figures.chart.satisfactionRate'),
          yAxisIndex: 1,
          data: figures.byMonth.map((m) => ratePoint(m.satisfactionRate)),
          itemStyle: { color: SATISFIED },
          lineStyle: { width: 3, type: 'dashed' },
          tooltip: { valueFormatter: percentOf },
        },
      ],
    }
  }, [figures.byMonth, t])

  const byStation = useMemo(
    () => [...figures.byStation].sort((a, b) => b.petitions - a.petitions),
    [figures.byStation],
  )
  const stations = useMemo(
    (): Option => ({
      animation: false,
      aria: { enabled: false },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', show: false, max: (v) => Math.max(v.max, 1) },
      yAxis: {
        type: 'category',
        // Most petitions first, from the top.
        inverse: true,
        data: byStation.map((s) => s.stationName),
        axisTick: { show: false },
        axisLabel: FONT,
      },
      series: [
        {
          type: 'bar',
          data: byStation.map((s) => s.petitions),
          barMaxWidth: 20,
          itemStyle: { color: COUNT },
          label: { show: true, position: 'right', ...FONT },
          silent: true,
        },
      ],
    }),
    [byStation],
  )

  return (
    <div className="console-charts">
      <figure className="console-panel">
        <figcaption className="console-chart-title">{t('figures.chart.months')}</figcaption>
        <Chart option={months} label={t('figures.chart.monthsLabel')} testId="chart-months" height={320} />
      </figure>
      <figure className="console-panel">
        <figcaption className="console-chart-title">{t('figures.chart.stations')}</figcaption>
        {byStation.length === 0 && <p>{t('figures.chart.empty')}</p>}
        <Chart
          option={stations}
          label={t('figures.chart.stationsLabel')}
          testId="chart-stations"
          height={Math.max(byStation.length, 4) * ROW_PX + 16}
        />
      </figure>
    </div>
  )
}
