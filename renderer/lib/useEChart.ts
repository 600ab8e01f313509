import { type ECharts, type EChartsCoreOption, init } from 'echarts/core'
import { type RefObject, useEffect, useRef } from 'react'

/**
 * One ECharts chart in the box the returned ref is put on: SVG (crisp at any size, and its text is real
 * text), resized with its box, disposed with the component. The option is replaced whole whenever it or the
 * box's height changes, so a new month or metric never leaves series of the previous one behind. Callers
 * register the chart types they use with `echarts.use` (tree-shaking keeps the rest out of their chunk).
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
    // The box may just have been given its height for this many bars.
    instance.resize()
  }, [option, height])

  return box
}
