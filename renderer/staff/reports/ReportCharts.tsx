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
import { type ReactNode, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { PetitionReport } from '../../../contract/views'
import { useEChart } from '../../lib/useEChart'

// Only what these charts need: ECharts is tree-shaken and lives in the reports section's lazy chunk.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer])

type Option = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>

const INK = '#1a1a1a'
const COUNT = '#a3191f'
const ON_TIME = '#0b4f8f'
const SATISFIED = '#2e7d32'
const FONT = { fontFamily: "'Noto Sans SC', 'Noto Sans CJK SC', sans-serif", fontSize: 14, color: INK }
const ROW_PX = 36

/** A rate 0–1 as a percentage with one decimal for a line; '-' is ECharts' gap for a month without data. */
const ratePoint = (rate: number | null): number | '-' => (rate === null ? '-' : Math.round(rate * 1000) / 10)

/** One chart in a box (renderer/lib/useEChart.ts), described for screen readers by its label. */
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
      className="reports-chart"
      style={{ height }}
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  )
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <figure className="reports-panel">
      <figcaption className="reports-panel__title">{title}</figcaption>
      {children}
    </figure>
  )
}

/** Vertical bars with the count written on top: levels and statuses, a handful of bars each. */
function columnOption(names: readonly string[], values: readonly number[]): Option {
  return {
    animation: false,
    aria: { enabled: false },
    grid: { left: 8, right: 8, top: 28, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: [...names],
      axisTick: { show: false },
      axisLabel: { ...FONT, interval: 0 },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: FONT },
    series: [
      {
        type: 'bar',
        data: [...values],
        barMaxWidth: 48,
        itemStyle: { color: COUNT },
        label: { show: true, position: 'top', ...FONT },
        silent: true,
      },
    ],
  }
}

/** 各月诉求, 按类别, 按办理层级, 按办理状态: the report's breakdowns as four charts. */
export function ReportCharts({ report }: { report: PetitionReport }) {
  const { t } = useTranslation()

  const months = useMemo((): Option => {
    const rateAxis = {
      type: 'value' as const,
      min: 0,
      max: 100,
      axisLabel: { ...FONT, formatter: '{value}%' },
      // The count axis draws the grid; a second set of lines at other heights would only confuse.
      splitLine: { show: false },
    }
    return {
      animation: false,
      aria: { enabled: false },
      legend: { top: 0, textStyle: FONT },
      tooltip: { trigger: 'axis', textStyle: FONT },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: report.months.map((m) => m.month),
        axisTick: { alignWithLabel: true },
        axisLabel: FONT,
      },
      yAxis: [{ type: 'value', minInterval: 1, axisLabel: FONT }, rateAxis],
      series: [
        {
          type: 'bar',
          name: t('reports.chart.months.petitions'),
          data: report.months.map((m) => m.petitions),
          barMaxWidth: 32,
          itemStyle: { color: COUNT },
        },
        {
          type: 'line',
          name: t('reports.chart.months.onTimeRate'),
          yAxisIndex: 1,
          data: report.months.map((m) => ratePoint(m.onTimeRate)),
          itemStyle: { color: ON_TIME },
          lineStyle: { width: 3 },
          tooltip: { valueFormatter: (v) => (typeof v === 'number' ? `${v}%` : t('reports.none')) },
        },
        {
          type: 'line',
          name: t('reports.chart.months.satisfactionRate'),
          yAxisIndex: 1,
          data: report.months.map((m) => ratePoint(m.satisfactionRate)),
          itemStyle: { color: SATISFIED },
          lineStyle: { width: 3, type: 'dashed' },
          tooltip: { valueFormatter: (v) => (typeof v === 'number' ? `${v}%` : t('reports.none')) },
        },
      ],
    }
  }, [report.months, t])

  const categories = useMemo(
    (): Option => ({
      animation: false,
      aria: { enabled: false },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', show: false, max: (v) => Math.max(v.max, 1) },
      yAxis: {
        type: 'category',
        // Most petitions first, from the top.
        inverse: true,
        data: report.categories.map((c) => c.name),
        axisTick: { show: false },
        axisLabel: FONT,
      },
      series: [
        {
          type: 'bar',
          data: report.categories.map((c) => c.petitions),
          barMaxWidth: 24,
          itemStyle: { color: COUNT },
          label: { show: true, position: 'right', ...FONT },
          silent: true,
        },
      ],
    }),
    [report.categories],
  )

  const levels = useMemo(
    () =>
      columnOption(
        report.levels.map((l) => t(`staff.level.${l.level}`)),
        report.levels.map((l) => l.petitions),
      ),
    [report.levels, t],
  )
  const statuses = useMemo(
    () =>
      columnOption(
        report.statuses.map((s) => t(`staff.status.${s.status}`)),
        report.statuses.map((s) => s.petitions),
      ),
    [report.statuses, t],
  )

  return (
    <div className="reports-charts">
      <div className="reports-charts__wide">
        <Panel title={t('reports.chart.months.title')}>
          <Chart
            option={months}
            label={t('reports.chart.months.label')}
            testId="reports-chart-months"
            height={360}
          />
        </Panel>
      </div>
      <Panel title={t('reports.chart.categories.title')}>
        {report.categories.length === 0 && <p className="reports-empty">{t('reports.chart.empty')}</p>}
        <Chart
          option={categories}
          label={t('reports.chart.categories.label')}
          testId="reports-chart-categories"
          height={Math.max(report.categories.length, 3) * ROW_PX + 16}
        />
      </Panel>
      <Panel title={t('reports.chart.levels.title')}>
        <Chart
          option={levels}
          label={t('reports.chart.levels.label')}
          testId="reports-chart-levels"
          height={280}
        />
      </Panel>
      <Panel title={t('reports.chart.statuses.title')}>
        <Chart
          option={statuses}
          label={t('reports.chart.statuses.label')}
          testId="reports-chart-statuses"
          height={280}
        />
      </Panel>
    </div>
  )
}
