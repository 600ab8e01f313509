import { beforeAll, describe, expect, it } from 'vitest'
import { type BarMetrics, candidateWidth, pageEnd } from '../../../renderer/components/keyboard/engine/paging'
import { INDEX_TIMEOUT, engineWith } from './real-index'

/** The bar at 1366 px wide with standard text: 30 px candidates. */
const BAR: BarMetrics = { width: 800, fontPx: 30, chrome: 38, minWidth: 80, gap: 12 }

function pages(texts: readonly string[], m: BarMetrics): string[][] {
  const out: string[][] = []
  for (let start = 0; start < texts.length;) {
    const end = pageEnd(texts, start, m)
    out.push(texts.slice(start, end))
    start = end
  }
  return out
}

describe('candidate pages', () => {
  let texts: string[] = []
  beforeAll(() => {
    texts = engineWith()
      .candidates('yl')
      .map((c) => c.text)
  }, INDEX_TIMEOUT)

  it('has many candidates to page through for a short composition', () => {
    expect(texts.length).toBeGreaterThan(50)
  })

  it('splits the candidates into pages that together hold each candidate once, in order', () => {
    expect(pages(texts, BAR).flat()).toEqual(texts)
  })

  it('fills a page no wider than the bar', () => {
    for (const page of pages(texts, BAR)) {
      const width = page.reduce((sum, t, i) => sum + candidateWidth(t, BAR) + (i > 0 ? BAR.gap : 0), 0)
      expect(width).toBeLessThanOrEqual(BAR.width)
    }
  })

  it('gives every candidate key at least the 80 px of any key', () => {
    expect(candidateWidth('是', BAR)).toBe(80)
    expect(candidateWidth('医疗保险', BAR)).toBe(4 * 30 + 38)
  })

  it('shows fewer candidates a page when the text is larger (大字 150 %)', () => {
    const large = { ...BAR, fontPx: 45 }
    expect(pages(texts, large).length).toBeGreaterThan(pages(texts, BAR).length)
  })

  it('shows at least one candidate on a page, even one wider than the bar', () => {
    expect(pageEnd(['中华人民共和国'], 0, { ...BAR, width: 100 })).toBe(1)
  })
})
