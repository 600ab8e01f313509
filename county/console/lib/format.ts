import { DEFAULT_CATEGORIES } from '../../../domain/categories'
import { shanghaiDateTime } from '../../../domain/dates'
import { formatTrackingCode } from '../../../domain/tracking-code'

/** Times reach the console as UTC milliseconds and are read in Shanghai, whatever the browser's zone. */
export const dateTime = (ms: number): string => shanghaiDateTime(ms)

/** With seconds, for a log: the zone's offset is whole minutes, so the seconds are UTC's. */
export const dateTimeSeconds = (ms: number): string =>
  `${shanghaiDateTime(ms)}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}`

export const trackingCode = (code: string): string => (code.length === 8 ? formatTrackingCode(code) : code)

const CATEGORY_NAMES = new Map(DEFAULT_CATEGORIES.map((c) => [c.id, c.name]))

/** The hub knows categories by id; stations start from the same default list, so its names fit. */
export const categoryName = (id: string): string => CATEGORY_NAMES.get(id) ?? id

/** A rate 0–1 as a percentage with one decimal, or null when there is nothing to divide by. */
export const percent = (rate: number | null): string | null =>
  rate === null ? null : `${(rate * 100).toFixed(1)}%`
