/**
 * The page a receipt or queue ticket is printed on, the same in both shells: Electron passes it to
 * webContents.print as pageSize (electron/main/printing.ts), serve mode writes it into the document as
 * `@page { size }` (renderer/lib/printReceipt.ts), so neither leaves the browser to pick A4 or Letter.
 */

/**
 * Thermal rolls have no page height, but Chromium needs one. These heights are the floor: they hold a
 * queue ticket or an ordinary receipt with room to spare; receipt printer drivers stop feeding at the end
 * of the printed content or cut after it, so the spare is not wasted paper on the printers stations use.
 * A receipt's page is as long as its measured layout plus RECEIPT_SPARE_MM when that is longer: its length
 * grows with the station name (up to 60 characters), and past the page it would spill onto a second one.
 */
export const RECEIPT_PAGE_HEIGHT_MM: Record<58 | 80, number> = { 58: 210, 80: 170 }
/** Room beyond the core's layout for the paper's own (the printer's fonts may set a line a little taller). */
export const RECEIPT_SPARE_MM = 10

export interface PaperPage {
  /** The roll's width. */
  readonly widthMm: 58 | 80
  /** The document's laid-out length (a receipt's, from the core); absent for the short queue ticket. */
  readonly heightMm?: number
}

/** The page height to print on, in mm. */
export function pageHeightMm(page: PaperPage): number {
  const floor = RECEIPT_PAGE_HEIGHT_MM[page.widthMm]
  return page.heightMm === undefined ? floor : Math.max(floor, Math.ceil(page.heightMm + RECEIPT_SPARE_MM))
}

/**
 * The document with its page size stated, for a browser to print (serve mode). The core's documents state
 * only `@page { margin: 0 }`: a roll's length is not CSS (`size: 80mm auto` is invalid), so the page is
 * sized here from the measured length, as the Electron shell sizes it. Added as a second @page rule
 * before </head>: rules merge, and the documents' CSP allows inline styles.
 */
export function withPageSize(html: string, page: PaperPage): string {
  const rule = `<style>@page { size: ${page.widthMm}mm ${pageHeightMm(page)}mm; }</style>\n`
  const at = html.indexOf('</head>')
  // Every document the core prints has a head; one without gets the rule first, which still applies.
  return at === -1 ? rule + html : html.slice(0, at) + rule + html.slice(at)
}
