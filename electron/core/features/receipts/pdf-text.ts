import type { Font } from 'fontkit'
import PDFDocument from 'pdfkit'
import { receiptFont } from './fonts'

/**
 * Text for the PDF copy: how wide each character is and where lines break. Widths come from the font's
 * own advances, so the layout matches what pdfkit draws.
 */

export interface Glyph {
  readonly ch: string
  /** Advance in points at the run's size, letter spacing not included. */
  readonly width: number
}

export interface TextRun {
  readonly glyphs: readonly Glyph[]
  readonly bold: boolean
  readonly size: number
  /** Added after every character, as CSS letter-spacing does. */
  readonly spacing: number
}

export function runWidth(run: TextRun): number {
  return run.glyphs.reduce((sum, g) => sum + g.width + run.spacing, 0)
}

export function runText(run: TextRun): string {
  return run.glyphs.map((g) => g.ch).join('')
}

export function shapeText(
  text: string,
  style: { bold: boolean; size: number; spacing?: number },
  font: Font,
): TextRun {
  const scale = style.size / font.unitsPerEm
  const glyphs = [...text].map((ch) => ({
    ch,
    width: font.glyphForCodePoint(ch.codePointAt(0) ?? 0).advanceWidth * scale,
  }))
  return { glyphs, bold: style.bold, size: style.size, spacing: style.spacing ?? 0 }
}

/** Characters that may not start a line (they stay with the one before) or end one (they go with the next). */
const NO_LINE_START = new Set([...'，。、；：！？）」』》〉】,.;:!?)]}%'])
const NO_LINE_END = new Set([...'（「『《〈【([{'])

/**
 * Greedy line breaking the way the browser breaks the HTML receipt (`word-break: break-all` in the table):
 * Chinese breaks between any two characters, a run of ASCII (a phone number, a date, a code) stays whole
 * unless it alone is wider than the line, and punctuation is not stranded at the start or end of a line.
 */
export function breakLines(run: TextRun, maxWidth: number): TextRun[] {
  const units = breakUnits(run.glyphs)
  const lines: Glyph[][] = []
  let line: Glyph[] = []
  let width = 0
  const unitWidth = (u: readonly Glyph[]) => u.reduce((s, g) => s + g.width + run.spacing, 0)
  for (const unit of units) {
    const w = unitWidth(unit)
    if (width + w <= maxWidth || line.length === 0) {
      if (w > maxWidth && line.length === 0) {
        // Wider than a whole line on its own: break it by characters.
        for (const g of unit) {
          if (width + g.width + run.spacing > maxWidth && line.length > 0) {
            lines.push(line)
            line = []
            width = 0
          }
          line.push(g)
          width += g.width + run.spacing
        }
        continue
      }
      line.push(...unit)
      width += w
      continue
    }
    lines.push(line)
    line = [...unit]
    width = w
  }
  if (line.length > 0) lines.push(line)
  return lines.map((glyphs) => ({ ...run, glyphs: trimSpaces(glyphs) }))
}

function breakUnits(glyphs: readonly Glyph[]): Glyph[][] {
  const units: Glyph[][] = []
  let glueNext = false
  for (const g of glyphs) {
    const last = units.at(-1)
    const ascii = /^[\x21-\x7e]$/.test(g.ch)
    const lastAscii = last !== undefined && /^[\x21-\x7e]$/.test(last.at(-1)?.ch ?? '')
    if (last && (glueNext || NO_LINE_START.has(g.ch) || (ascii && lastAscii))) last.push(g)
    else units.push([g])
    glueNext = NO_LINE_END.has(g.ch)
  }
  return units
}

function trimSpaces(glyphs: Glyph[]): Glyph[] {
  let start = 0
  let end = glyphs.length
  while (start < end && glyphs[start]?.ch === ' ') start++
  while (end > start && glyphs[end - 1]?.ch === ' ') end--
  return glyphs.slice(start, end)
}

/** The bytes a pdfkit document writes, once `end()` has been called on it. */
export function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
}

/** Stroke width of synthetic bold, in em: close to Noto Sans SC Bold's stems at receipt sizes. */
export const BOLD_STROKE_EM = 0.035

/** The run cut to `width` and ended with … when it is too wide, or always when `more` follows it. */
export function fit(run: TextRun, width: number, more: boolean, ellipsis: TextRun): TextRun {
  if (!more && runWidth(run) <= width) return run
  const glyphs = [...run.glyphs]
  while (glyphs.length > 0 && runWidth({ ...run, glyphs }) + runWidth(ellipsis) > width) glyphs.pop()
  return { ...run, glyphs: [...glyphs, ...ellipsis.glyphs] }
}

/** Shapes and draws single lines of text at absolute positions, never wrapping (so never adding a page). */
export class Pen {
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly font: Font,
  ) {}

  run(text: string, size: number, bold = false): TextRun {
    return shapeText(text, { bold, size }, this.font)
  }

  ellipsis(size: number): TextRun {
    return this.run('…', size)
  }

  draw(run: TextRun, x: number, y: number, color = '#000'): void {
    this.doc.save().fontSize(run.size).fillColor(color).strokeColor(color)
    if (run.bold) this.doc.lineWidth(run.size * BOLD_STROKE_EM)
    this.doc.text(runText(run), x, y, { lineBreak: false, fill: true, stroke: run.bold })
    this.doc.restore()
  }

  /** The text broken into lines no wider than `width`. */
  wrap(text: string, size: number, width: number): TextRun[] {
    return breakLines(this.run(text, size), width)
  }

  line(text: string, x: number, y: number, size: number, width: number): void {
    this.draw(fit(this.run(text, size), width, false, this.ellipsis(size)), x, y)
  }

  /** Centred in the `width` starting at `x`. */
  centered(text: string, x: number, y: number, size: number, bold: boolean, width: number): void {
    const run = fit(this.run(text, size, bold), width, false, this.run('…', size, bold))
    this.draw(run, x + (width - runWidth(run)) / 2, y)
  }
}

const PUBLICATION_FONT = 'publication'

/**
 * A document for the station's printed publications (the duty schedule, the reports): compressed, tagged
 * Chinese, titled, with the bundled CJK font registered and a Pen to write with. `addPage` opens a page of
 * the given size in points with that font selected; `done` resolves to the bytes once `doc.end()` is called.
 */
export function publicationPdf(info: { title: string; author: string; at: number }): {
  readonly doc: PDFKit.PDFDocument
  readonly pen: Pen
  readonly addPage: (size: readonly [number, number]) => void
  readonly done: Promise<Buffer>
} {
  const font = receiptFont()
  const doc = new PDFDocument({
    autoFirstPage: false,
    // No standard font: pdfkit would read Helvetica's metrics from its package folder, absent in a bundle.
    font: null as unknown as string,
    compress: true,
    lang: 'zh-CN',
    info: {
      Title: info.title,
      Author: info.author,
      Creator: '民意驿站',
      Producer: '民意驿站',
      CreationDate: new Date(info.at),
    },
  })
  const done = pdfBytes(doc)
  // pdfkit takes a fontkit font object as a source (PDFFontFactory.open); its types list files only.
  doc.registerFont(PUBLICATION_FONT, font as unknown as Buffer)
  return {
    doc,
    pen: new Pen(doc, font),
    addPage: ([width, height]) => {
      doc.addPage({ size: [width, height], margin: 0 })
      doc.font(PUBLICATION_FONT)
    },
    done,
  }
}
