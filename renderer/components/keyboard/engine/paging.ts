/**
 * Candidate pages that fit the bar: as many candidates as their widths allow, at least one. Widths are
 * estimated from the text's length and the font size rather than measured, so a page is known before it
 * is drawn and never overflows into clipping.
 */

export interface BarMetrics {
  /** Width available to candidates, px. */
  readonly width: number
  /** Font size of a candidate, px. */
  readonly fontPx: number
  /** Padding and borders of a candidate button, px. */
  readonly chrome: number
  readonly minWidth: number
  readonly gap: number
}

/** A CJK character is one em wide; Latin letters and digits about 0.6 em. */
export function candidateWidth(text: string, m: BarMetrics): number {
  let ems = 0
  for (const ch of text) ems += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 1 : 0.6
  return Math.max(m.minWidth, Math.ceil(ems * m.fontPx + m.chrome))
}

/** The end (exclusive) of the page that starts at `start`. */
export function pageEnd(texts: readonly string[], start: number, m: BarMetrics): number {
  let used = 0
  let end = start
  while (end < texts.length) {
    const w = candidateWidth(texts[end] ?? '', m) + (end > start ? m.gap : 0)
    if (end > start && used + w > m.width) break
    used += w
    end++
  }
  return end
}
