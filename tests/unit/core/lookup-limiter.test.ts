import { describe, expect, it } from 'vitest'
import {
  LOOKUP_FAILURE_WINDOW_MS,
  LOOKUP_PAUSE_MS,
  MAX_LOOKUP_FAILURES,
  createLookupLimiter,
} from '../../../electron/core/lookup-limiter'

function limiter() {
  let now = 1_700_000_000_000
  const l = createLookupLimiter(() => now)
  return { l, advance: (ms: number) => (now += ms) }
}

describe('the lookup pause', () => {
  it('lets a kiosk try four times without pausing', () => {
    const { l } = limiter()
    for (let i = 0; i < MAX_LOOKUP_FAILURES - 1; i++) l.fail('kiosk-1')
    expect(() => l.check('kiosk-1')).not.toThrow()
  })

  it('pauses the kiosk on the fifth failure', () => {
    const { l } = limiter()
    for (let i = 0; i < MAX_LOOKUP_FAILURES; i++) l.fail('kiosk-1')
    expect(() => l.check('kiosk-1')).toThrow(expect.objectContaining({ code: 'LOOKUP_PAUSED' }))
  })

  it('pauses only the kiosk that failed', () => {
    const { l } = limiter()
    for (let i = 0; i < MAX_LOOKUP_FAILURES; i++) l.fail('kiosk-1')
    expect(() => l.check('kiosk-2')).not.toThrow()
  })

  it('lifts the pause when its time is up', () => {
    const { l, advance } = limiter()
    for (let i = 0; i < MAX_LOOKUP_FAILURES; i++) l.fail('kiosk-1')
    advance(LOOKUP_PAUSE_MS)
    expect(() => l.check('kiosk-1')).not.toThrow()
  })

  // A success used to wipe the count; but anyone can look their own petition up, so a guesser could slip
  // one in after every four misses and never pause. Failures now lapse with time instead.
  it('keeps counting the failures before a success', () => {
    const { l } = limiter()
    for (let i = 0; i < MAX_LOOKUP_FAILURES - 1; i++) l.fail('kiosk-1')
    l.succeed('kiosk-1')
    l.fail('kiosk-1')
    expect(() => l.check('kiosk-1')).toThrow(expect.objectContaining({ code: 'LOOKUP_PAUSED' }))
  })

  it('stops counting a failure once the pause window has passed since it', () => {
    const { l, advance } = limiter()
    l.fail('kiosk-1')
    advance(LOOKUP_FAILURE_WINDOW_MS / 2)
    for (let i = 0; i < MAX_LOOKUP_FAILURES - 2; i++) l.fail('kiosk-1')
    advance(LOOKUP_FAILURE_WINDOW_MS / 2)
    // The first has lapsed: three count, and one more makes four.
    l.fail('kiosk-1')
    expect(() => l.check('kiosk-1')).not.toThrow()
    l.fail('kiosk-1')
    expect(() => l.check('kiosk-1')).toThrow(expect.objectContaining({ code: 'LOOKUP_PAUSED' }))
  })

  it('gives five tries again once a pause is over', () => {
    const { l, advance } = limiter()
    for (let i = 0; i < MAX_LOOKUP_FAILURES; i++) l.fail('kiosk-1')
    advance(LOOKUP_PAUSE_MS)
    for (let i = 0; i < MAX_LOOKUP_FAILURES - 1; i++) l.fail('kiosk-1')
    expect(() => l.check('kiosk-1')).not.toThrow()
    l.fail('kiosk-1')
    expect(() => l.check('kiosk-1')).toThrow(expect.objectContaining({ code: 'LOOKUP_PAUSED' }))
  })

  it('counts attempts still being checked, so no more than five can be under way or failed', () => {
    const { l } = limiter()
    for (let i = 0; i < MAX_LOOKUP_FAILURES; i++) l.begin('kiosk-1')
    expect(() => l.begin('kiosk-1')).toThrow(expect.objectContaining({ code: 'LOOKUP_PAUSED' }))
    // Another kiosk is not held up by them.
    expect(() => l.begin('kiosk-2')).not.toThrow()
  })

  it('gives an attempt back when it succeeds, and keeps it as a failure when it fails', () => {
    const { l } = limiter()
    for (let i = 0; i < MAX_LOOKUP_FAILURES; i++) l.begin('kiosk-1')
    l.succeed('kiosk-1')
    expect(() => l.begin('kiosk-1')).not.toThrow()
    for (let i = 0; i < MAX_LOOKUP_FAILURES; i++) l.fail('kiosk-1')
    expect(() => l.check('kiosk-1')).toThrow(expect.objectContaining({ code: 'LOOKUP_PAUSED' }))
  })
})
