import { BarChart, type BarSeriesOption } from 'echarts/charts'
import { GridComponent, type GridComponentOption } from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { BoardRow } from '../../../domain/board'
import { useTextScale } from '../../lib/textScale'
import { useEChart } from '../../lib/useEChart'
import { type Metric, metricText, metricValue } from './metrics'

// Only what a bar chart needs: ECharts is tree-shaken and lives in this screen's lazily loaded chunk.
echarts.use([BarChart, GridComponent, SVGRenderer])

type Option = echarts.ComposeOption<BarSeriesOption | GridComponentOption>

/** One bar per representative, the value written at its end, in the kiosk's text size. */
const BAR_ROW_REM = 2.5
const INK = '#1a1a1a'
const BAR = '#0b4f8f'

/**
 * A horizontal bar chart of one figure, highest first, with names and values in large type. SVG rather
 * than canvas: crisp at any size, and its text is real text.
 */
export function BoardChart({ rows, metric }: { rows: readonly BoardRow[]; metric: Metric }) {
  const { t } = useTranslation()
  const { scale } = useTextScale()
  const rem = 24 * (scale / 100)
  const sorted = useMemo(
    () => rows.toSorted((a, b) => metricValue(b, metric) - metricValue(a, metric)),
    [rows, metric],
  )
  const height = Math.round(sorted.length * BAR_ROW_REM * rem + rem)

  const option = useMemo((): Option => {
    const font = { fontFamily: "'Noto Sans SC', 'Noto Sans CJK SC', sans-serif", fontSize: rem, color: INK }
    return {
      animation: false,
      aria: { enabled: false },
      grid: { left: 8, right: rem * 6, top: rem / 2, bottom: rem / 2, containLabel: true },
      xAxis: { type: 'value', show: false, max: (v) => Math.max(v.max, 1) },
      yAxis: {
        type: 'category',
        inverse: true,
        data: sorted.map((r) => r.name),
        axisTick: { show: false },
        axisLine: { lineStyle: { color: INK, width: 2 } },
        axisLabel: { ...font, fontWeight: 'bold', margin: rem / 2 },
      },
      series: [
        {
          type: 'bar',
          data: sorted.map((r) => metricValue(r, metric)),
          barWidth: rem * 1.4,
          itemStyle: { color: BAR, borderRadius: [0, 6, 6, 0] },
          label: {
            show: true,
            position: 'right',
            ...font,
            formatter: (p) => {
              const row = sorted[p.dataIndex]
              return row ? metricText(row, metric, t) : ''
            },
          },
          silent: true,
        },
      ],
    }
  }, [sorted, metric, rem, t])
  const box = useEChart(option, height)

  return (
    <div
      ref={box}
      className="board-chart"
      style={{ height }}
      role="img"
      aria-label={t('kiosk.board.chart.label', { metric: t(`kiosk.board.metric.${metric}`) })}
      data-testid="board-chart"
    />
  )
}
