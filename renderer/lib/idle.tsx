import { createContext, useContext, useEffect, useMemo, useRef, useState } from 'react'

/**
 * Every idle time of the resident kiosk, in one place (kiosk-ux.md "idle" and "attract"). The screens
 * never start their own idle timers: KioskApp runs these and forgets the resident when they run out.
 */
export const IDLE = {
  /** No touch on a task screen for this long brings 「还需要更多时间吗？」. */
  taskMs: 90_000,
  /** The prompt's visible countdown; when it ends, everything of the resident is forgotten. */
  promptMs: 30_000,
  /** No touch on the home screen for this long brings the attract screen. */
  homeMs: 60_000,
  /**
   * A finger lifted on the attract screen or the prompt without making a click (a small drag, a long
   * press) still counts as a touch after this long; a tap's own click comes well within it.
   */
  releaseMs: 500,
} as const

/** What counts as a resident being there. Touch scrolling starts with pointerdown too. */
const ACTIVITY = ['pointerdown', 'touchstart', 'keydown', 'wheel'] as const

/** Calls `listener` on every touch, key or wheel anywhere on the page, before the page sees it. */
export function onActivity(listener: () => void): () => void {
  const opts = { capture: true, passive: true }
  for (const type of ACTIVITY) window.addEventListener(type, listener, opts)
  return () => {
    for (const type of ACTIVITY) window.removeEventListener(type, listener, opts)
  }
}

/** Keeps the latest callback without restarting the effects that call it. */
function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value)
  useEffect(() => {
    ref.current = value
  })
  return ref
}

/**
 * Calls `onIdle` once `timeoutMs` passes without a touch or key anywhere on the page. The timer starts
 * over on every touch, and whenever `timeoutMs` or `enabled` change.
 */
export function useIdleTimer(timeoutMs: number, onIdle: () => void, enabled: boolean): void {
  const latest = useLatest(onIdle)
  useEffect(() => {
    if (!enabled) return
    const fire = () => latest.current()
    let timer = window.setTimeout(fire, timeoutMs)
    const restart = () => {
      window.clearTimeout(timer)
      timer = window.setTimeout(fire, timeoutMs)
    }
    const stop = onActivity(restart)
    return () => {
      window.clearTimeout(timer)
      stop()
    }
  }, [timeoutMs, enabled, latest])
}

/**
 * Whole seconds left of `durationMs` from the first render, and `onDone` when none are left. The display
 * is worked out from a deadline rather than counted in ticks, so a late or skipped tick (a busy machine,
 * a clock moved forward in a test) never stretches the countdown.
 */
export function useCountdown(durationMs: number, onDone: () => void): number {
  const latest = useLatest(onDone)
  const [deadline] = useState(() => Date.now() + durationMs)
  const [left, setLeft] = useState(() => Math.ceil(durationMs / 1000))
  useEffect(() => {
    const done = window.setTimeout(() => latest.current(), Math.max(0, deadline - Date.now()))
    const tick = window.setInterval(() => {
      setLeft(Math.max(0, Math.ceil((deadline - Date.now()) / 1000)))
    }, 250)
    return () => {
      window.clearTimeout(done)
      window.clearInterval(tick)
    }
  }, [deadline, latest])
  return left
}

/**
 * Handlers for a full-screen layer that any touch dismisses (the attract screen, the idle prompt).
 * The layer stays until the touch's click has arrived on it: removed earlier, Chromium's tap would
 * deliver that click to whatever lies underneath, and the touch that only meant "I am here" would also
 * open an entry.
 */
export function useTouchToDismiss(onTouch: () => void): {
  onClick: () => void
  onPointerUp: () => void
} {
  const latest = useLatest(onTouch)
  const fallback = useRef<number | undefined>(undefined)
  useEffect(() => () => window.clearTimeout(fallback.current), [])
  return useMemo(
    () => ({
      onClick: () => {
        window.clearTimeout(fallback.current)
        latest.current()
      },
      onPointerUp: () => {
        window.clearTimeout(fallback.current)
        fallback.current = window.setTimeout(() => latest.current(), IDLE.releaseMs)
      },
    }),
    [latest],
  )
}

/** Ends the current resident's visit: a screen that is finished with them (a receipt shown) may call it. */
const EndVisitContext = createContext<() => void>(() => {})
export const EndVisitProvider = EndVisitContext

/** Forgets everything of the current resident and shows the home screen, as the idle timeout does. */
export function useEndVisit(): () => void {
  return useContext(EndVisitContext)
}
