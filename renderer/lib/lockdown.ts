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
  /** A link that would leave the app: another origin, or a new window or tab (a kiosk has no way back). */
  const leavingLink = (target: EventTarget | null): boolean => {
    // HTML links, image-map areas and SVG links (whose href is an SVGAnimatedString).
    const link = target instanceof Element ? target.closest('a[href], area[href], a[*|href]') : null
    if (!link) return false
    const href =
      link instanceof HTMLAnchorElement || link instanceof HTMLAreaElement
        ? link.href
        : (link.getAttribute('href') ?? link.getAttribute('xlink:href') ?? '')
    const opensElsewhere = !['', '_self'].includes((link.getAttribute('target') ?? '').toLowerCase())
    try {
      return opensElsewhere || new URL(href, win.location.href).origin !== win.location.origin
    } catch {
      return true
    }
  }
  const onClick = (e: MouseEvent) => {
    if (leavingLink(e.target)) e.preventDefault()
  }
  const onAuxClick = (e: MouseEvent) => {
    // A middle click on any link opens it in a new tab.
    if (e.target instanceof Element && e.target.closest('a[href], area[href], a[*|href]')) e.preventDefault()
  }

  const listeners: [string, EventListener, AddEventListenerOptions][] = [
    ['contextmenu', prevent, { capture: true }],
    ['wheel', onWheel as EventListener, { passive: false, capture: true }],
    ['keydown', onKey as EventListener, { capture: true }],
    ['touchmove', onTouchMove as EventListener, { passive: false, capture: true }],
    // Safari-only gesture events; harmless elsewhere.
    ['gesturestart', prevent, { passive: false, capture: true }],
    ['gesturechange', prevent, { passive: false, capture: true }],
    ['dragstart', prevent, { capture: true }],
    ['selectstart', onSelectStart, { capture: true }],
    ['click', onClick as EventListener, { capture: true }],
    ['auxclick', onAuxClick as EventListener, { capture: true }],
  ]
  for (const [type, fn, opts] of listeners) doc.addEventListener(type, fn, opts)
  return () => {
    for (const [type, fn, opts] of listeners) doc.removeEventListener(type, fn, opts)
  }
}
