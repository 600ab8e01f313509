import { type ECharts, type EChartsCoreOption, init } from 'echarts/core'
import { type RefObject, useEffect, useRef } from 'react'

/**
 * One ECharts chart in the box the returned ref is put on: SVG (crisp at any size, and its text is real
 * text), resized with its box, disposed with the component. The option is replaced whole whenever it or the
 * box's height changes, so a new range never leaves series of the previous one behind. The same pattern as
 * the kiosk's hook (renderer/lib/useEChart.ts), which the console may not import.
 */
export function useEChart(option: EChartsCoreOption, height: number): RefObject<HTMLDivElement | null> {
  const box = useRef<HTMLDivElement>(null)
  const chart = useRef<ECharts | null>(null)

  useEffect(() => {
    const el = box.current
    if (!el) return
    const instance = init(el, null, { renderer: 'svg' })
    chart.current = instance
    const observer = new ResizeObserver(() => instance.resize())
    observer.observe(el)
    return () => {
      observer.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    const instance = chart.current
    if (!instance) return
    instance.setOption(option, { notMerge: true })
    instance.resize()
  }, [option, height])

  return box
}
