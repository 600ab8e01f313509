import { esc } from '../receipts/render'
import { PRINTABLE_MM } from '../receipts/content'
import type { PaperWidthMm } from '../receipts/settings'

/**
 * The 民意集市 queue ticket (排队号) for the receipt printer: the number as large as the roll allows, so
 * an elderly resident reads it at arm's length and hears it called. Self-contained like the receipt (no
 * script, no network), so the hidden print window runs with JavaScript off.
 */
export interface TicketContent {
  readonly stationName: string
  readonly theme: string | null
  readonly number: number
  readonly date: string
  readonly time: string
}

/** The number's height on paper, in points: three digits fit the printable width at this size. */
const NUMBER_PT: Record<PaperWidthMm, number> = { 58: 60, 80: 84 }

export function renderTicketHtml(c: TicketContent, widthMm: PaperWidthMm): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>排队号</title>
<style>
@page { margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif; font-size: 10pt; line-height: 1.4; }
.ticket { width: ${PRINTABLE_MM[widthMm]}mm; margin: 0 auto; padding: 3mm 0 6mm; text-align: center; }
.station { font-weight: 700; }
.theme { margin-top: 1mm; }
.label { margin-top: 3mm; font-size: 1.2em; letter-spacing: 0.2em; }
.number { font-size: ${NUMBER_PT[widthMm]}pt; font-weight: 700; line-height: 1.1; }
.note { margin-top: 2mm; }
</style>
</head>
<body>
<div class="ticket">
<div class="station">${esc(c.stationName)}</div>
${c.theme ? `<div class="theme">民意集市：${esc(c.theme)}</div>` : ''}
<div class="label">排队号</div>
<div class="number">${c.number}</div>
<div class="note">${esc(c.date)} ${esc(c.time)}</div>
<div class="note">请留意叫号，过号请告诉工作人员</div>
</div>
</body>
</html>
`
}
