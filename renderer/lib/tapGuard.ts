/**
 * An elderly resident often double-taps. When the first tap moves on (a tile opens a screen, a category
 * opens the next step), the second one would land on whatever the new screen has in that place: a
 * category they never chose. Taps on new content that come this soon after the tap that brought it are
 * dropped; 400 ms covers a double tap and is shorter than anyone takes to read and aim anew.
 */
export const CARRY_OVER_MS = 400

/** Only fingers and pens: a mouse or a key never double-taps by accident (and tests click quickly). */
function isTap(e: MouseEvent): boolean {
  return e instanceof PointerEvent && (e.pointerType === 'touch' || e.pointerType === 'pen')
}

// The event time of the last tap anywhere, noted before the page handles it. Times compared, no timer:
// nothing has to fire to lift the guard, and a test's paused clock simply keeps it up.
let lastTapAt = Number.NEGATIVE_INFINITY
if (typeof window !== 'undefined') {
  window.addEventListener(
    'click',
    (e) => {
      if (isTap(e)) lastTapAt = e.timeStamp
    },
    { capture: true, passive: true },
  )
}

/**
 * Guards `content`, just shown: taps on it within CARRY_OVER_MS of the last tap (the one that showed it)
 * are stopped before any handler of the content sees them. Returns the cleanup.
 */
export function guardNewContent(content: HTMLElement): () => void {
  const since = lastTapAt
  const drop = (e: MouseEvent) => {
    if (isTap(e) && e.timeStamp - since < CARRY_OVER_MS) {
      e.preventDefault()
      e.stopPropagation()
    }
  }
  content.addEventListener('click', drop, { capture: true })
  return () => content.removeEventListener('click', drop, { capture: true })
}
