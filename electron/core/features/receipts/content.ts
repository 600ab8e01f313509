import { parseIsoDate, shanghaiDateTime } from '../../../../domain/dates'
import type { IsoDate, Level } from '../../../../domain/petition/types'
import { formatTrackingCode } from '../../../../domain/tracking-code'
import type { ReceiptData } from '../../../../contract/views'
import type { PaperWidthMm } from './settings'

/**
 * What a receipt says and how big its parts are, in one place: the HTML the printer gets and the PDF copy
 * kept in the data directory are drawn from this, so the copy says what the paper said.
 */

const LEVEL_ZH: Record<Level, string> = {
  station: '联络站',
  township: '乡镇人大',
  county: '县人大常委会',
}

/** The printable width of the head: 58 mm rolls print 48 mm, 80 mm rolls print 72 mm. */
export const PRINTABLE_MM: Record<PaperWidthMm, number> = { 58: 48, 80: 72 }
/** The QR box, quiet zone included; the symbol inside stays above the 25 mm a phone camera needs. */
export const QR_MM: Record<PaperWidthMm, number> = { 58: 32, 80: 36 }
export const QR_MARGIN_MODULES = 2
/** Body and tracking-code sizes in points, as thermal receipts print them. */
export const BODY_PT: Record<PaperWidthMm, number> = { 58: 9, 80: 10 }
export const CODE_PT: Record<PaperWidthMm, number> = { 58: 20, 80: 24 }

export interface ReceiptContent {
  /** The line above everything else on a demo station's receipt, else null (a real station's never has it). */
  readonly demoMark: string | null
  readonly stationName: string
  readonly title: string
  /** '补打' on a staff reprint, else null. */
  readonly reprintMark: string | null
  readonly codeLabel: string
  /** XXXX-XXXX, as residents read and type it. */
  readonly formattedCode: string
  /** The canonical code alone: a phone that scans the QR learns nothing about the resident. */
  readonly qrText: string
  /** Label and value; rows without a value (anonymous petitions) are already left out. */
  readonly rows: readonly (readonly [string, string])[]
  readonly howToCheck: string
  /** '联络站电话：…', or null when the station has no hotline. */
  readonly hotline: string | null
  readonly keepNote: string
}

/** On every receipt of a demo station, kiosk and desk alike: the demo's petitions and promises are made up. */
export const DEMO_MARK = '演示数据 · 非正式回执'

export function receiptContent(data: ReceiptData): ReceiptContent {
  const handler = data.receivingRepresentativeName
    ? `${LEVEL_ZH[data.level]}（接待代表：${data.receivingRepresentativeName}）`
    : LEVEL_ZH[data.level]
  const rows: (readonly [string, string | null])[] = [
    ['事项类别', data.categoryName],
    ['提交时间', shanghaiDateTime(data.submittedAt)],
    ['办理单位', handler],
    ['答复期限', `${chineseDate(data.dueOn)}前答复`],
    ['反映人', data.maskedName],
    ['联系电话', data.maskedPhone],
  ]
  return {
    demoMark: data.demo ? DEMO_MARK : null,
    stationName: data.stationName,
    title: '受理回执',
    reprintMark: data.reprint ? '补打' : null,
    codeLabel: '查询码',
    formattedCode: formatTrackingCode(data.code),
    qrText: data.code,
    rows: rows.filter((r): r is readonly [string, string] => r[1] !== null && r[1] !== ''),
    howToCheck: data.maskedPhone
      ? '凭查询码到联络站触摸屏「办理查询」查看进度，查询时需输入登记电话号码的后4位。'
      : '凭查询码到联络站触摸屏「办理查询」查看进度。',
    hotline: data.hotline ? `联络站电话：${data.hotline}` : null,
    keepNote: '请妥善保管本回执。',
  }
}

/** 2025-01-08 → 2025年1月8日: how dates are read aloud and written by hand. */
function chineseDate(d: IsoDate): string {
  const { year, month, day } = parseIsoDate(d)
  return `${year}年${month}月${day}日`
}
