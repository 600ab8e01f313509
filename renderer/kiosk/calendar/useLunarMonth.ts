import { useEffect, useState } from 'react'
import { parseIsoDate } from '../../../domain/dates'
import type { IsoDate } from '../../../domain/petition/types'
import { loadLunar } from '../../lib/calendar'

export interface LunarDay {
  /** 十月, 闰六月 … (in Chinese, without 月) */
  readonly monthZh: string
  /** 初七, 十五, 廿三 … */
  readonly dayZh: string
  /** The first day of a lunar month: calendars print the month's name there instead of 初一. */
  readonly firstOfMonth: boolean
}

/**
 * Lunar dates for a list of days, from the lunar library's own chunk (see loadLunar in
 * renderer/lib/calendar.ts); until it has loaded, and if it cannot load, the map is empty.
 */
export function useLunarDays(days: readonly IsoDate[]): ReadonlyMap<IsoDate, LunarDay> {
  const key = days.join(',')
  const [state, setState] = useState<{ key: string; map: ReadonlyMap<IsoDate, LunarDay> } | null>(null)
  useEffect(() => {
    let current = true
    loadLunar().then(
      ({ Solar }) => {
        const map = new Map<IsoDate, LunarDay>()
        for (const date of key === '' ? [] : key.split(',')) {
          const { year, month, day } = parseIsoDate(date)
          const lunar = Solar.fromYmd(year, month, day).getLunar()
          map.set(date, {
            monthZh: lunar.getMonthInChinese(),
            dayZh: lunar.getDayInChinese(),
            firstOfMonth: lunar.getDay() === 1,
          })
        }
        if (current) setState({ key, map })
      },
      () => {
        // Without the chunk the lunar line is left out; the solar dates still show.
      },
    )
    return () => {
      current = false
    }
  }, [key])
  return state?.key === key ? state.map : EMPTY
}

const EMPTY: ReadonlyMap<IsoDate, LunarDay> = new Map()
