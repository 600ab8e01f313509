import type { Font } from 'fontkit'
import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'
import type { ReceiptData } from '../../../../contract/views'
import {
  BODY_PT,
  CODE_PT,
  PRINTABLE_MM,
  QR_MARGIN_MODULES,
  QR_MM,
  type ReceiptContent,
  receiptContent,
} from './content'
import { receiptFont } from './fonts'
import { BOLD_STROKE_EM, type TextRun, breakLines, pdfBytes, runText, runWidth, shapeText } from './pdf-text'
import type { PaperWidthMm } from './settings'

/**
 * The PDF copy of a receipt, drawn in plain Node (no browser, no Electron) from the same content and the
 * same sizes as the HTML the printer gets (content.ts, render.ts): one page exactly as long as the
 * receipt, the QR code as vector squares, the font subset-embedded with a ToUnicode map so the copy's
 * text can be searched and extracted. A receipt is a few kilobytes to a few tens of kilobytes.
 */

export interface ReceiptPdfOptions {
  readonly widthMm: PaperWidthMm
  /** Written as the document's creation date. */
  readonly createdAt: number
  /** The app finds its own; tests may pass one. */
  readonly font?: Font
}

const PT_PER_MM = 72 / 25.4
const mm = (v: number) => v * PT_PER_MM
/** The HTML receipt's line-height; Noto Sans SC's ascent + descent is 1.448 em, so text sits at the top. */
const LINE_HEIGHT = 1.45
const FONT_NAME = 'receipt'

type Op =
  | { readonly kind: 'text'; readonly run: TextRun; readonly x: number; readonly y: number }
  | { readonly kind: 'fill'; readonly rects: readonly (readonly [number, number, number, number])[] }
  | { readonly kind: 'dash'; readonly x1: number; readonly x2: number; readonly y: number }
  | {
      readonly kind: 'box'
      readonly x: number
      readonly y: number
      readonly w: number
      readonly h: number
      readonly line: number
    }

export interface ReceiptPdf {
  readonly bytes: Buffer
  /** The page's length: the receipt as laid out, which the paper's page size is taken from. */
  readonly heightMm: number
}

export async function renderReceiptPdf(data: ReceiptData, opts: ReceiptPdfOptions): Promise<ReceiptPdf> {
  const font = opts.font ?? receiptFont()
  const content = receiptContent(data)
  const doc = new PDFDocument({
    autoFirstPage: false,
    // No standard font: pdfkit would read Helvetica's metrics from its package folder, absent in a bundle.
    font: null as unknown as string,
    compress: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `受理回执 ${content.formattedCode}${content.reprintMark ? `（${content.reprintMark}）` : ''}${content.demoMark ? `（${content.demoMark}）` : ''}`,
      Author: content.stationName,
      Creator: '民意驿站',
      Producer: '民意驿站',
      CreationDate: new Date(opts.createdAt),
    },
  })
  const done = pdfBytes(doc)

  // pdfkit takes a fontkit font object as a source (PDFFontFactory.open); its types list files only.
  doc.registerFont(FONT_NAME, font as unknown as Buffer)

  const { ops, height } = layout(content, opts.widthMm, font, qrModules(content.qrText))
  doc.addPage({ size: [mm(opts.widthMm), height], margin: 0 })
  draw(doc, ops)
  doc.end()
  return { bytes: await done, heightMm: height / PT_PER_MM }
}

/** The QR symbol's dark modules, quiet zone not included; the same settings as the HTML receipt's SVG. */
function qrModules(text: string): { size: number; dark(row: number, col: number): boolean } {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  return { size: qr.modules.size, dark: (row, col) => Boolean(qr.modules.get(row, col)) }
}

function layout(
  c: ReceiptContent,
  widthMm: PaperWidthMm,
  font: Font,
  qr: { size: number; dark(row: number, col: number): boolean },
): { ops: Op[]; height: number } {
  const ops: Op[] = []
  const left = mm((widthMm - PRINTABLE_MM[widthMm]) / 2)
  const width = mm(PRINTABLE_MM[widthMm])
  const body = BODY_PT[widthMm]
  const shape = (text: string, bold: boolean, size: number, spacing = 0) =>
    shapeText(text, { bold, size, spacing }, font)
  let y = mm(3)

  /** A paragraph: wrapped to the width, each line centred or left-aligned. */
  const paragraph = (run: TextRun, align: 'center' | 'left', x = left, w = width) => {
    const lines = breakLines(run, w)
    for (const line of lines) {
      const lx = align === 'center' ? x + (w - runWidth(line)) / 2 : x
      ops.push({ kind: 'text', run: line, x: lx, y })
      y += run.size * LINE_HEIGHT
    }
  }

  // A demo station's mark first, boxed across the width, as the HTML receipt draws it.
  if (c.demoMark) {
    const pad = mm(0.8)
    const top = y
    y += pad
    paragraph(shape(c.demoMark, true, body), 'center')
    y += pad
    ops.push({ kind: 'box', x: left, y: top, w: width, h: y - top, line: mm(0.4) })
    y += mm(2)
  }
  paragraph(shape(c.stationName, true, body * 1.15), 'center')

  // Title, with the 补打 box beside it on a reprint; the pair is centred as one line.
  y += mm(1)
  const titleSize = body * 1.5
  const title = shape(c.title, true, titleSize, titleSize * 0.1)
  const mark = c.reprintMark ? shape(c.reprintMark, true, titleSize * 0.7) : null
  const markPad = mm(1.5)
  const markGap = mm(2)
  const markW = mark ? runWidth(mark) + 2 * markPad : 0
  const titleW = runWidth(title) + (mark ? markGap + markW : 0)
  const tx = left + (width - titleW) / 2
  ops.push({ kind: 'text', run: title, x: tx, y })
  if (mark) {
    const mx = tx + runWidth(title) + markGap
    const my = y + (titleSize * LINE_HEIGHT - mark.size * LINE_HEIGHT) / 2
    ops.push({ kind: 'box', x: mx, y: my, w: markW, h: mark.size * LINE_HEIGHT, line: mm(0.4) })
    ops.push({ kind: 'text', run: mark, x: mx + markPad, y: my })
  }
  y += titleSize * LINE_HEIGHT + mm(2)

  y += mm(2)
  paragraph(shape(c.codeLabel, false, body), 'center')
  const codeSize = CODE_PT[widthMm]
  const code = shape(c.formattedCode, true, codeSize, codeSize * 0.08)
  ops.push({ kind: 'text', run: code, x: left + (width - runWidth(code)) / 2, y })
  y += codeSize * LINE_HEIGHT

  // The QR box holds the symbol and its quiet zone; dark modules become rectangles, one per horizontal run.
  y += mm(1)
  const box = mm(QR_MM[widthMm])
  const cell = box / (qr.size + 2 * QR_MARGIN_MODULES)
  const qx = left + (width - box) / 2 + QR_MARGIN_MODULES * cell
  const qy = y + QR_MARGIN_MODULES * cell
  const rects: [number, number, number, number][] = []
  for (let row = 0; row < qr.size; row++) {
    for (let col = 0; col < qr.size;) {
      if (!qr.dark(row, col)) {
        col++
        continue
      }
      const start = col
      while (col < qr.size && qr.dark(row, col)) col++
      rects.push([qx + start * cell, qy + row * cell, (col - start) * cell, cell])
    }
  }
  ops.push({ kind: 'fill', rects })
  y += box + mm(2)

  // The table: labels in a 5 em column, values wrapped beside them, dashed rules above and below.
  ops.push({ kind: 'dash', x1: left, x2: left + width, y })
  const labelW = body * 5
  for (const [label, value] of c.rows) {
    const top = y + mm(0.8)
    ops.push({ kind: 'text', run: shape(label, false, body), x: left, y: top })
    y = top
    paragraph(shape(value, false, body), 'left', left + labelW, width - labelW)
    y = Math.max(y, top + body * LINE_HEIGHT) + mm(0.8)
  }
  ops.push({ kind: 'dash', x1: left, x2: left + width, y })

  y += mm(2)
  paragraph(shape(c.howToCheck, false, body), 'left')
  if (c.hotline) {
    y += mm(1.5)
    paragraph(shape(c.hotline, true, body), 'left')
  }
  y += mm(2)
  paragraph(shape(c.keepNote, false, body), 'left')
  y += mm(6)
  return { ops, height: y }
}

function draw(doc: PDFKit.PDFDocument, ops: readonly Op[]): void {
  doc.fillColor('#000').strokeColor('#000').font(FONT_NAME)
  for (const op of ops) {
    switch (op.kind) {
      case 'text': {
        const { run } = op
        doc.save().fontSize(run.size)
        // Synthetic bold: the outline stroked as well as filled; the text layer is unchanged.
        if (run.bold) doc.lineWidth(run.size * BOLD_STROKE_EM)
        doc.text(runText(run), op.x, op.y, {
          lineBreak: false,
          characterSpacing: run.spacing,
          fill: true,
          stroke: run.bold,
        })
        doc.restore()
        break
      }
      case 'fill':
        for (const [x, y, w, h] of op.rects) doc.rect(x, y, w, h)
        doc.fill('#000')
        break
      case 'dash':
        doc
          .save()
          .lineWidth(mm(0.3))
          .dash(mm(1), { space: mm(0.8) })
          .moveTo(op.x1, op.y)
          .lineTo(op.x2, op.y)
          .stroke()
          .restore()
        break
      case 'box':
        doc.save().lineWidth(op.line).rect(op.x, op.y, op.w, op.h).stroke().restore()
        break
    }
  }
}
