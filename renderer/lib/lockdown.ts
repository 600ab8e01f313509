/**
 * Kiosk lockdown for resident screens: no context menu, no zoom by keyboard, wheel or gesture, no text
 * selection or dragging, no way out through a link. CSS does the first part (touch-action, user-select in
 * styles.css); these listeners catch what CSS cannot. The Electron shell adds its own limits on top.
 */
export function installLockdown(win: Window = window): () => void {
  const doc = win.document
  const prevent = (e: Event) => e.preventDefault()
  const isEditable = (t: EventTarget | null) =>
    t instanceof HTMLElement && (t.isContentEditable || t.tagName === 'INPUT' || t.tagName === 'TEXTAREA')

  const onWheel = (e: WheelEvent) => {
    if (e.ctrlKey || e.metaKey) e.preventDefault()
  }
  const onKey = (e: KeyboardEvent) => {
    // Ctrl/Cmd with + - = 0 zooms the page in Chromium.
    if ((e.ctrlKey || e.metaKey) && ['+', '-', '=', '0', '_'].includes(e.key)) e.preventDefault()
  }
  const onTouchMove = (e: TouchEvent) => {
    // Two fingers: a pinch. A non-passive listener is needed for preventDefault to count.
    if (e.touches.length > 1) e.preventDefault()
  }
  const onSelectStart = (e: Event) => {
    if (!isEditable(e.target)) e.preventDefault()
  }
  const onClick = (e: MouseEvent) => {
    const link = e.target instanceof Element ? e.target.closest('a[href]') : null
    if (
      link instanceof HTMLAnchorElement &&
      new URL(link.href, win.location.href).origin !== win.location.origin
    ) {
      e.preventDefault()
    }
  }

  const listeners: [string, EventListener, AddEventListenerOptions][] = [
    ['contextmenu', prevent, { capture: true }],
    ['wheel', onWheel as EventListener, { passive: false, capture: true }],
    ['keydown', onKey as EventListener, { capture: true }],
    ['touchmove', onTouchMove as EventListener, { passive: false, capture: true }],
    // Safari-only gesture events; harmless elsewhere.
    ['gesturestart', prevent, { passive: false, capture: true }],
    ['dragstart', prevent, { capture: true }],
    ['selectstart', onSelectStart, { capture: true }],
    ['click', onClick as EventListener, { capture: true }],
  ]
  for (const [type, fn, opts] of listeners) doc.addEventListener(type, fn, opts)
  return () => {
    for (const [type, fn, opts] of listeners) doc.removeEventListener(type, fn, opts)
  }
}
