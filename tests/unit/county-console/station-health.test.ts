import { describe, expect, it } from 'vitest'
import type { StationHealth } from '../../../contract/county-console'
import { needsAttention, rejectedRecently } from '../../../county/console/pages/stations/health'

const DAY = 86_400_000
const NOW = Date.UTC(2026, 10, 26, 2)

const station = (more: Partial<StationHealth>): StationHealth => ({
  id: 'st-a',
  name: 'st-a联络站',
  township: '王楼镇',
  enrolledAt: NOW - 100 * DAY,
  revokedAt: null,
  lastContactAt: NOW - 3_600_000,
  received: 40,
  backlog: 0,
  rejected: 0,
  lastRejectedAt: null,
  ...more,
})

describe('a station’s health', () => {
  it('needs attention for a refusal in the last seven days, not for one long ago', () => {
    expect(needsAttention(station({}), NOW)).toBe(false)
    const lately = station({ rejected: 3, lastRejectedAt: NOW - 6 * DAY })
    expect(rejectedRecently(lately, NOW)).toBe(true)
    expect(needsAttention(lately, NOW)).toBe(true)
    const longAgo = station({ rejected: 1, lastRejectedAt: NOW - 90 * DAY })
    expect(rejectedRecently(longAgo, NOW)).toBe(false)
    expect(needsAttention(longAgo, NOW)).toBe(false)
    expect(needsAttention(station({ rejected: 1, lastRejectedAt: NOW - 7 * DAY - 1 }), NOW)).toBe(false)
  })

  it('still needs attention when silent for over a day, refusals or not', () => {
    const silent = station({ lastContactAt: NOW - 2 * DAY, rejected: 1, lastRejectedAt: NOW - 90 * DAY })
    expect(needsAttention(silent, NOW)).toBe(true)
  })
})
