import fs from 'node:fs'
import { createCanvas } from '@napi-rs/canvas'
import jsQR from 'jsqr'
import { type PDFPageProxy, getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/**
 * Reads a kept receipt PDF the way someone checking it later would: pdf.js (Mozilla's parser) extracts the
 * text through the embedded font's ToUnicode map, and renders the page to pixels, where jsQR looks for the
 * QR code as a phone camera would. Nothing here knows how the PDF was drawn.
 */
type RenderParameters = Parameters<PDFPageProxy['render']>[0]

export interface ReadReceipt {
  readonly pages: number
  /** Page size in millimetres. */
  readonly widthMm: number
  readonly heightMm: number
  /** All text on the page, in drawing order, joined without separators. */
  readonly text: string
  /** What the QR code on the rendered page decodes to, or null when none is found. */
  readonly qr: string | null
  /** The width of the QR code found on the page, finder pattern to finder pattern edge, in millimetres. */
  readonly qrWidthMm: number | null
}

const PT_PER_MM = 72 / 25.4
/** 8 px per mm (~200 dpi), the resolution of a common thermal receipt printer. */
const RENDER_SCALE = 8 / PT_PER_MM

export async function readReceiptPdf(file: string): Promise<ReadReceipt> {
  const data = new Uint8Array(fs.readFileSync(file))
  const doc = await getDocument({ data, disableFontFace: true, verbosity: 0 }).promise
  try {
    const page = await doc.getPage(1)
    const content = await page.getTextContent()
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join('')

    const viewport = page.getViewport({ scale: RENDER_SCALE })
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height))
    const ctx = canvas.getContext('2d')
    ctx.fillStyle = '#fff'
    ctx.fillRect(0, 0, canvas.width, canvas.height)
    // @napi-rs/canvas is the canvas pdf.js itself uses in Node; its types are not the DOM's.
    const params = { canvas, canvasContext: ctx, viewport } as unknown as RenderParameters
    await page.render(params).promise
    const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height)
    const found = jsQR(new Uint8ClampedArray(pixels.data), canvas.width, canvas.height)
    const pxPerMm = RENDER_SCALE * PT_PER_MM

    const [, , w = 0, h = 0] = page.view
    return {
      pages: doc.numPages,
      widthMm: w / PT_PER_MM,
      heightMm: h / PT_PER_MM,
      text,
      qr: found?.data ?? null,
      qrWidthMm: found ? (found.location.topRightCorner.x - found.location.topLeftCorner.x) / pxPerMm : null,
    }
  } finally {
    await doc.destroy()
  }
}
