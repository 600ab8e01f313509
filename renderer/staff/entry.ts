import { type PointerEvent, useEffect, useMemo, useRef } from 'react'

/**
 * The hidden way into the staff console: a long press on the station name in the resident header. This
 * module is part of the resident bundle, so it holds only the wiring and the gesture; the console itself
 * (antd and all) loads on first use.
 */

/** How long the station name must be held: long enough that a resident's tap or rest never opens it. */
export const STAFF_LONG_PRESS_MS = 2_000

// The console KioskApp wires in; read when a press completes, so registering never re-renders the header.
let handler: (() => void) | null = null

/** For KioskApp: what a completed long press on the station name opens. */
export function useStaffEntryHandler(open: () => void): void {
  useEffect(() => {
    handler = open
    return () => {
      if (handler === open) handler = null
    }
  }, [open])
}

/** Opens the staff console if one is wired; does nothing otherwise (the set-up screen, tests). */
export function openStaffEntry(): void {
  handler?.()
}

interface LongPressHandlers {
  readonly onPointerDown: (e: PointerEvent) => void
  readonly onPointerUp: () => void
  readonly onPointerLeave: () => void
  readonly onPointerCancel: () => void
}

/** Pointer handlers that call `onLongPress` once a press has been held for STAFF_LONG_PRESS_MS. */
export function useLongPress(onLongPress: (() => void) | null): LongPressHandlers | Record<string, never> {
  const timer = useRef<number | undefined>(undefined)
  const latest = useRef(onLongPress)
  useEffect(() => {
    latest.current = onLongPress
  })
  useEffect(() => () => window.clearTimeout(timer.current), [])
  const enabled = onLongPress !== null
  return useMemo(() => {
    if (!enabled) return {}
    const cancel = () => window.clearTimeout(timer.current)
    return {
      onPointerDown: (e: PointerEvent) => {
        if (!e.isPrimary) return
        cancel()
        timer.current = window.setTimeout(() => latest.current?.(), STAFF_LONG_PRESS_MS)
      },
      onPointerUp: cancel,
      onPointerLeave: cancel,
      onPointerCancel: cancel,
    }
  }, [enabled])
}
