import { describe, expect, it } from 'vitest'
import { RECEIPT_PAGE_HEIGHT_MM, RECEIPT_SPARE_MM, withPageSize } from '../../../domain/paper-page'

const DOC = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<style>
@page { margin: 0; }
</style>
</head>
<body><div class="receipt">受理回执</div></body>
</html>
`

/** The size of the @page rules the document states, in order. */
const sizes = (html: string) => [...html.matchAll(/@page \{[^}]*size: ([^;]+);/g)].map((m) => m[1])

describe('the page a browser prints a receipt on (serve mode)', () => {
  it('is the roll width by the measured length plus the spare, inside the head', () => {
    const html = withPageSize(DOC, { widthMm: 80, heightMm: 191.2 })
    expect(sizes(html)).toEqual([`80mm ${192 + RECEIPT_SPARE_MM}mm`])
    expect(html.indexOf('size:')).toBeLessThan(html.indexOf('</head>'))
    // The document's own margin rule stays; only the size is added.
    expect(html).toContain('@page { margin: 0; }')
    expect(html.replace(/<style>@page \{ size: [^}]*\}<\/style>\n/, '')).toBe(DOC)
  })

  it('is never shorter than the floor the Electron shell prints on, for either roll', () => {
    expect(sizes(withPageSize(DOC, { widthMm: 58, heightMm: 120 }))).toEqual([
      `58mm ${RECEIPT_PAGE_HEIGHT_MM[58]}mm`,
    ])
    // A queue ticket has no measured length: the floor.
    expect(sizes(withPageSize(DOC, { widthMm: 80 }))).toEqual([`80mm ${RECEIPT_PAGE_HEIGHT_MM[80]}mm`])
  })
})
