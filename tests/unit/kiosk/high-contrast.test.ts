import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/**
 * 高对比 (the last step of 大字): the palette in styles.css under :root[data-contrast='high'] gives every
 * text colour on every background it is drawn on a contrast of at least 7:1 (WCAG AAA).
 */

const CSS = readFileSync(new URL('../../../renderer/styles.css', import.meta.url), 'utf8')

/** The custom properties of the first rule with exactly this selector, e.g. `:root`. */
function propertiesOf(selector: string): Map<string, string> {
  const start = CSS.indexOf(`${selector} {`)
  if (start < 0) throw new Error(`styles.css has no ${selector} rule`)
  const body = CSS.slice(CSS.indexOf('{', start) + 1, CSS.indexOf('}', start))
  const props = new Map<string, string>()
  for (const m of body.matchAll(/--([a-z0-9-]+):\s*([^;]+);/g)) props.set(m[1] ?? '', (m[2] ?? '').trim())
  return props
}

const isColour = (v: string) => /^#[0-9a-f]{6}$/i.test(v)

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05)
}

const standard = propertiesOf(':root')
const high = propertiesOf(":root[data-contrast='high']")

// Where the stylesheets draw each colour (grep `color: var(--` and `background: var(--` in renderer/).
const TEXTS_ON_LIGHT = ['ink', 'ink-2', 'red', 'red-dark', 'info-line', 'ok', 'control-line']
const LIGHT = ['paper', 'card', 'info-bg', 'error-bg']
const PAIRS: readonly (readonly [text: string, background: string])[] = [
  ...TEXTS_ON_LIGHT.flatMap((text) => LIGHT.map((bg) => [text, bg] as const)),
  // White (--card, and #ffffff on .button--primary) on the dark fills.
  ...['red', 'red-dark', 'ink', 'info-line'].map((bg) => ['card', bg] as const),
  ['ink', 'gold'],
  ['ink', 'call'],
  // The attract screen's theme line on its red.
  ['gold', 'red'],
  ['gold', 'red-dark'],
]

describe('high-contrast palette', () => {
  it('overrides every colour of the standard palette, so none of its softer tones is left', () => {
    const colours = [...standard].filter(([, v]) => isColour(v)).map(([k]) => k)
    expect(colours.length).toBeGreaterThan(10)
    for (const name of colours) expect(isColour(high.get(name) ?? ''), `--${name}`).toBe(true)
  })

  it.each(PAIRS)('--%s on --%s is at least 7:1', (text, background) => {
    const fg = high.get(text) ?? ''
    const bg = high.get(background) ?? ''
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(7)
  })

  it('white on the dark fills is at least 7:1 too', () => {
    for (const bg of ['red', 'red-dark', 'info-line'])
      expect(contrast('#ffffff', high.get(bg) ?? '')).toBeGreaterThanOrEqual(7)
  })

  it('measures contrast the WCAG way', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2)
  })
})
