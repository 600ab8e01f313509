import { useEffect, useState } from 'react'
import { addDays, parseIsoDate, shanghaiDate, startOfShanghaiDayMs } from '../../domain/dates'
import type { IsoDate } from '../../domain/petition/types'
import type * as LunarModule from './lunar'

/** Today in Asia/Shanghai; re-renders just after midnight so a kiosk left on shows the right day. */
export function useToday(): IsoDate {
  const [today, setToday] = useState(() => shanghaiDate(Date.now()))
  useEffect(() => {
    const msToMidnight = startOfShanghaiDayMs(addDays(today, 1)) - Date.now()
    const timer = window.setTimeout(
      () => setToday(shanghaiDate(Date.now())),
      Math.max(1_000, msToMidnight + 1_000),
    )
    return () => window.clearTimeout(timer)
  }, [today])
  return today
}

export interface LunarDate {
  /** In Chinese as printed on calendars: 十 / 闰六 … */
  readonly monthZh: string
  /** 初七, 十五, 廿三 … */
  readonly dayZh: string
  /** 1–12; negative for a leap month, as lunar-typescript reports it. */
  readonly month: number
  readonly day: number
}

type LunarChunk = typeof LunarModule
let lunarChunk: Promise<LunarChunk> | null = null

/**
 * lunar-typescript is large (~100 kB gzipped, most of it almanac tables the kiosk never shows) and takes
 * the main thread for a few hundred milliseconds as it loads, so its chunk is fetched only once the page
 * has loaded and the browser is idle: the home screen is usable first, and the lunar line appears a
 * moment later. One load serves every screen.
 */
export function loadLunar(): Promise<LunarChunk> {
  lunarChunk ??= new Promise<void>((resolve) => {
    const whenIdle = () => window.requestIdleCallback(() => resolve(), { timeout: 2_000 })
    if (document.readyState === 'complete') whenIdle()
    else window.addEventListener('load', whenIdle, { once: true })
  }).then(() => import('./lunar'))
  return lunarChunk
}

/** The lunar date of `date`, once the lunar chunk has loaded (see loadLunar). */
export function useLunarDate(date: IsoDate): LunarDate | null {
  const [lunar, setLunar] = useState<{ date: IsoDate; value: LunarDate } | null>(null)
  useEffect(() => {
    let current = true
    loadLunar().then(
      ({ Solar }) => {
        const { year, month, day } = parseIsoDate(date)
        const l = Solar.fromYmd(year, month, day).getLunar()
        const value = {
          monthZh: l.getMonthInChinese(),
          dayZh: l.getDayInChinese(),
          month: l.getMonth(),
          day: l.getDay(),
        }
        if (current) setLunar({ date, value })
      },
      () => {
        // Without the chunk the lunar line is simply left out; the solar date is still shown.
      },
    )
    return () => {
      current = false
    }
  }, [date])
  return lunar?.date === date ? lunar.value : null
}
