import QRCode from 'qrcode'
import type { ReceiptData } from '../../../../contract/views'
import { BODY_PT, CODE_PT, PRINTABLE_MM, QR_MARGIN_MODULES, QR_MM, receiptContent } from './content'
import type { PaperWidthMm } from './settings'

/**
 * The paper receipt (受理回执) as one self-contained HTML document for a thermal printer: no script, no
 * network, no file references, so the hidden print window can run with JavaScript off and nothing can
 * fail to load. Every value is escaped: the station name and category come from settings staff type in.
 */

export interface ReceiptRenderOptions {
  readonly widthMm: PaperWidthMm
}

const FONT_STACK = "'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"

export async function renderReceiptHtml(data: ReceiptData, opts: ReceiptRenderOptions): Promise<string> {
  const { widthMm } = opts
  const c = receiptContent(data)
  const qrSvg = await QRCode.toString(c.qrText, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: QR_MARGIN_MODULES,
  })

  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${c.demoMark ? `受理回执（${esc(c.demoMark)}）` : '受理回执'}</title>
<style>
@page { margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: ${FONT_STACK}; font-size: ${BODY_PT[widthMm]}pt; line-height: 1.45; }
.receipt { width: ${PRINTABLE_MM[widthMm]}mm; margin: 0 auto; padding: 3mm 0 6mm; }
.demo { border: 0.4mm solid #000; padding: 0.8mm 0; margin-bottom: 2mm; font-weight: 700; text-align: center; }
.station { font-size: 1.15em; font-weight: 700; text-align: center; }
.title { font-size: 1.5em; font-weight: 700; text-align: center; margin: 1mm 0 2mm; letter-spacing: 0.1em; }
.reprint { display: inline-block; border: 0.4mm solid #000; padding: 0 1.5mm; margin-left: 2mm; font-size: 0.7em; letter-spacing: 0; vertical-align: middle; }
.code-label { text-align: center; margin-top: 2mm; }
.code { font-size: ${CODE_PT[widthMm]}pt; font-weight: 700; text-align: center; letter-spacing: 0.08em; white-space: nowrap; }
.qr { width: ${QR_MM[widthMm]}mm; height: ${QR_MM[widthMm]}mm; margin: 1mm auto 2mm; }
.qr svg { display: block; width: 100%; height: 100%; }
table { width: 100%; border-collapse: collapse; border-top: 0.3mm dashed #000; border-bottom: 0.3mm dashed #000; }
th, td { padding: 0.8mm 0; vertical-align: top; text-align: left; }
th { width: 5em; font-weight: 400; white-space: nowrap; }
td { word-break: break-all; }
.note { margin-top: 2mm; }
.hotline { margin-top: 1.5mm; font-weight: 700; }
</style>
</head>
<body>
<div class="receipt">
${c.demoMark ? `<div class="demo">${esc(c.demoMark)}</div>\n` : ''}<div class="station">${esc(c.stationName)}</div>
<div class="title">${esc(c.title)}${c.reprintMark ? `<span class="reprint">${esc(c.reprintMark)}</span>` : ''}</div>
<div class="code-label">${esc(c.codeLabel)}</div>
<div class="code">${esc(c.formattedCode)}</div>
<div class="qr">${qrSvg}</div>
<table>
${c.rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('\n')}
</table>
<div class="note">${esc(c.howToCheck)}</div>
${c.hotline ? `<div class="hotline">${esc(c.hotline)}</div>` : ''}
<div class="note">${esc(c.keepNote)}</div>
</div>
</body>
</html>
`
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)
}
