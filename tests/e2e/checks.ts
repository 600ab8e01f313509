import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'
import type { PageWindow } from './dom'

/** Controls a resident can tap. */
const CONTROLS = 'button, [role="button"], a[href], input, select, textarea, [role="link"], [role="switch"]'

/** kiosk-ux.md: every control at least 80×80 CSS px, at least 12 px apart. */
export const MIN_CONTROL_PX = 80
export const MIN_GAP_PX = 12

interface Box {
  readonly label: string
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/**
 * The controls a resident can tap now: rendered, not behind an open dialog (`inert`), and wholly inside
 * the part of their scrolling area that is on screen (a tile half scrolled under the bottom bar is not
 * a small target, it is scrolled content). With `wrapper`, a control inside such an element is measured
 * by that element, for widgets whose whole box takes the tap.
 */
export async function visibleControls(page: Page, wrapper?: string): Promise<Box[]> {
  return page.evaluate(
    ([selector, wrapperSelector]) => {
      const w = globalThis as unknown as PageWindow
      const boxes: { label: string; x: number; y: number; width: number; height: number }[] = []
      const seen = new Set<unknown>()
      for (const found of Array.from(w.document.querySelectorAll(selector))) {
        const el = (wrapperSelector ? found.closest(wrapperSelector) : null) ?? found
        if (seen.has(el)) continue
        seen.add(el)
        if (el.closest('[inert]') || el.getClientRects().length === 0) continue
        const style = w.getComputedStyle(el)
        if (style.visibility === 'hidden') continue
        const r = el.getBoundingClientRect()
        let clip = { top: 0, bottom: w.innerHeight, left: 0, right: w.innerWidth }
        for (let p = el.parentElement; p; p = p.parentElement) {
          if (w.getComputedStyle(p).overflowY === 'visible') continue
          const c = p.getBoundingClientRect()
          clip = {
            top: Math.max(clip.top, c.top),
            bottom: Math.min(clip.bottom, c.bottom),
            left: Math.max(clip.left, c.left),
            right: Math.min(clip.right, c.right),
          }
        }
        const inside =
          r.top >= clip.top - 1 &&
          r.bottom <= clip.bottom + 1 &&
          r.left >= clip.left - 1 &&
          r.right <= clip.right + 1
        if (!inside) continue
        const label = (el.getAttribute('aria-label') ?? el.innerText).replace(/\s+/g, ' ').trim()
        boxes.push({ label, x: r.left, y: r.top, width: r.right - r.left, height: r.bottom - r.top })
      }
      return boxes
    },
    [CONTROLS, wrapper ?? null] as const,
  )
}

export async function expectTouchTargets(page: Page): Promise<Box[]> {
  const boxes = await visibleControls(page)
  expect(boxes.length).toBeGreaterThan(0)
  const small = boxes.filter((b) => b.width < MIN_CONTROL_PX || b.height < MIN_CONTROL_PX)
  expect(small, 'controls smaller than 80×80 px').toEqual([])
  const crowded: string[] = []
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const gapX = Math.max(b.x - (a.x + a.width), a.x - (b.x + b.width))
      const gapY = Math.max(b.y - (a.y + a.height), a.y - (b.y + b.height))
      // Sub-pixel layout: allow half a pixel.
      if (Math.max(gapX, gapY) < MIN_GAP_PX - 0.5) crowded.push(`${a.label} ↔ ${b.label}`)
    }
  }
  expect(crowded, 'controls closer than 12 px').toEqual([])
  return boxes
}

/**
 * No serious or critical axe violations. One rule is switched off on purpose: `meta-viewport` flags
 * user-scalable=no, which kiosk-ux.md requires (no pinch zoom on a public touchscreen); the 大字 switch
 * is the kiosk's way to enlarge text.
 */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).disableRules(['meta-viewport']).analyze()
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }))
  expect(bad).toEqual([])
}

/** The zh-CN screens show no English words (a stray key, a placeholder, an untranslated error). */
export async function expectNoEnglish(page: Page): Promise<void> {
  const text = await page.evaluate(() => (globalThis as unknown as PageWindow).document.body.innerText)
  expect(text.match(/[A-Za-z]{2,}/g) ?? []).toEqual([])
}

/** Nothing wider than the screen, and no text cut off inside a box that hides its overflow. */
export async function expectNothingClipped(page: Page): Promise<void> {
  const result = await page.evaluate(() => {
    const w = globalThis as unknown as PageWindow
    const overflowX = w.document.documentElement.scrollWidth - w.innerWidth
    const clipped: string[] = []
    for (const el of Array.from(w.document.querySelectorAll('body *'))) {
      if (el.closest('svg') || el.getClientRects().length === 0) continue
      const name = `${el.tagName.toLowerCase()}.${typeof el.className === 'string' ? el.className : ''}`
      const style = w.getComputedStyle(el)
      const hidesX = style.overflowX !== 'visible'
      const hidesY = style.overflowY === 'hidden' || style.overflowY === 'clip'
      if (
        (hidesX && el.scrollWidth > el.clientWidth + 1) ||
        (hidesY && el.scrollHeight > el.clientHeight + 1)
      ) {
        clipped.push(`${name}: ${el.innerText.slice(0, 20)}`)
      }
      const r = el.getBoundingClientRect()
      if (r.right > w.innerWidth + 1 || r.left < -1)
        clipped.push(`${name} outside the screen: ${el.innerText.slice(0, 20)}`)
    }
    return { overflowX, clipped }
  })
  expect(result.overflowX, 'page scrolls sideways').toBeLessThanOrEqual(0)
  expect(result.clipped).toEqual([])
}

/** Every request went to the local server: nothing from the internet, no fonts or icons from a CDN. */
export function expectOnlyLocal(urls: readonly string[], base: string): void {
  const origin = new URL(base).origin
  expect(urls.length).toBeGreaterThan(0)
  // data: and blob: urls are read from memory (small font subsets are inlined into the CSS).
  const network = urls.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:'))
  expect(network.filter((u) => new URL(u).origin !== origin || new URL(u).hostname !== '127.0.0.1')).toEqual(
    [],
  )
}
