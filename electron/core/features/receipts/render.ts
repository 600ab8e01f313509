import QRCode from 'qrcode'
import { parseIsoDate, shanghaiDateTime } from '../../../../domain/dates'
import type { IsoDate, Level } from '../../../../domain/petition/types'
import { formatTrackingCode } from '../../../../domain/tracking-code'
import type { ReceiptData } from '../../../../contract/views'
import type { PaperWidthMm } from './settings'

/**
 * The paper receipt (受理回执) as one self-contained HTML document for a thermal printer: no script, no
 * network, no file references, so the hidden print window can run with JavaScript off and nothing can
 * fail to load. Every value is escaped: the station name and category come from settings staff type in.
 */

export interface ReceiptRenderOptions {
  readonly widthMm: PaperWidthMm
}

const LEVEL_ZH: Record<Level, string> = {
  station: '联络站',
  township: '乡镇人大',
  county: '县人大常委会',
}

/** The printable width of the head: 58 mm rolls print 48 mm, 80 mm rolls print 72 mm. */
const PRINTABLE_MM: Record<PaperWidthMm, number> = { 58: 48, 80: 72 }
/** The QR box, quiet zone included; the symbol inside stays above the 25 mm a phone camera needs. */
const QR_MM: Record<PaperWidthMm, number> = { 58: 32, 80: 36 }
const QR_MARGIN_MODULES = 2

const FONT_STACK = "'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"

export async function renderReceiptHtml(data: ReceiptData, opts: ReceiptRenderOptions): Promise<string> {
  const { widthMm } = opts
  // The QR holds the canonical code alone: a phone that scans it learns nothing about the resident.
  const qrSvg = await QRCode.toString(data.code, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: QR_MARGIN_MODULES,
  })
  const handler = data.receivingRepresentativeName
    ? `${LEVEL_ZH[data.level]}（接待代表：${data.receivingRepresentativeName}）`
    : LEVEL_ZH[data.level]
  const rows: [string, string | null][] = [
    ['事项类别', data.categoryName],
    ['提交时间', shanghaiDateTime(data.submittedAt)],
    ['办理单位', handler],
    ['答复期限', `${chineseDate(data.dueOn)}前答复`],
    ['反映人', data.maskedName],
    ['联系电话', data.maskedPhone],
  ]
  const howToCheck = data.maskedPhone
    ? '凭查询码到联络站触摸屏「办理查询」查看进度，查询时需输入登记手机号的后4位。'
    : '凭查询码到联络站触摸屏「办理查询」查看进度。'

  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>受理回执</title>
<style>
@page { size: ${widthMm}mm auto; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: ${FONT_STACK}; font-size: ${widthMm === 58 ? 9 : 10}pt; line-height: 1.45; }
.receipt { width: ${PRINTABLE_MM[widthMm]}mm; margin: 0 auto; padding: 3mm 0 6mm; }
.station { font-size: 1.15em; font-weight: 700; text-align: center; }
.title { font-size: 1.5em; font-weight: 700; text-align: center; margin: 1mm 0 2mm; letter-spacing: 0.1em; }
.reprint { display: inline-block; border: 0.4mm solid #000; padding: 0 1.5mm; margin-left: 2mm; font-size: 0.7em; letter-spacing: 0; vertical-align: middle; }
.code-label { text-align: center; margin-top: 2mm; }
.code { font-size: ${widthMm === 58 ? 20 : 24}pt; font-weight: 700; text-align: center; letter-spacing: 0.08em; white-space: nowrap; }
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
<div class="station">${esc(data.stationName)}</div>
<div class="title">受理回执${data.reprint ? '<span class="reprint">补打</span>' : ''}</div>
<div class="code-label">查询码</div>
<div class="code">${esc(formatTrackingCode(data.code))}</div>
<div class="qr">${qrSvg}</div>
<table>
${rows
  .filter((r): r is [string, string] => r[1] !== null && r[1] !== '')
  .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`)
  .join('\n')}
</table>
<div class="note">${esc(howToCheck)}</div>
${data.hotline ? `<div class="hotline">联络站电话：${esc(data.hotline)}</div>` : ''}
<div class="note">请妥善保管本回执。</div>
</div>
</body>
</html>
`
}

/** 2025-01-08 → 2025年1月8日: how dates are read aloud and written by hand. */
function chineseDate(d: IsoDate): string {
  const { year, month, day } = parseIsoDate(d)
  return `${year}年${month}月${day}日`
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
