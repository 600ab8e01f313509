import { type EventAttributes, createEvents } from 'ics'
import type { DownloadFile, DutyCalendarDay, DutyMonth } from '../../../../contract/views'
import { parseIsoDate, shanghaiDateTime, startOfShanghaiDayMs, weekday } from '../../../../domain/dates'
import { DUTY_SLOTS, type DutySlot, SLOT_HOURS } from '../../../../domain/duty'
import { REPRESENTATIVE_LEVEL_NAME_ZH } from '../../../../domain/names-zh'
import { type Pen, type TextRun, breakLines, fit, publicationPdf, runWidth } from '../receipts/pdf-text'

/**
 * 代表值班表 published for residents and representatives: one month of the duty calendar as a calendar file
 * (.ics, for phones), a spreadsheet (.xlsx, for the office) and a one-page A4 poster (.pdf, for the wall).
 * All three are drawn from the same DutyMonth, so they cannot disagree with the screen.
 */

export type PublishFormat = 'pdf' | 'ics' | 'xlsx'

export interface PublishStation {
  /** Names the station in the 民意集市's event id: two stations' markets on one day are two events. */
  readonly id: string
  readonly name: string
  readonly address: string | null
  readonly hotline: string
}

/**
 * Which shift row each shift of the month is, keyed by shiftKey: the .ics names its events by shift, so
 * one moved or swapped keeps its event on re-import. The public month does not carry the ids.
 */
export type ShiftIds = ReadonlyMap<string, string>

/** A shift of the month taken off the calendar: published as cancelled, so a re-import removes it. */
export interface CancelledShift {
  readonly id: string
  readonly date: string
  readonly slot: DutySlot
}

/** A 民意集市 day of the month taken off the calendar (a tombstone), with the hours it was published with. */
export interface RemovedReceptionDay {
  readonly date: string
  readonly startsAt: string
  readonly endsAt: string
}

export const shiftKey = (date: string, slot: DutySlot, representativeId: string) =>
  `${date}|${slot}|${representativeId}`

export async function publishDutyMonth(
  month: DutyMonth,
  station: PublishStation,
  format: PublishFormat,
  now: number,
  shiftIds: ShiftIds = new Map(),
  cancelled: readonly CancelledShift[] = [],
  removedReceptionDays: readonly RemovedReceptionDay[] = [],
): Promise<DownloadFile> {
  const fileName = `代表值班表-${month.month}.${format}`
  switch (format) {
    case 'ics':
      return {
        fileName,
        contentBase64: Buffer.from(
          dutyIcs(month, station, now, shiftIds, cancelled, removedReceptionDays),
        ).toString('base64'),
      }
    case 'xlsx':
      return { fileName, contentBase64: (await dutyXlsx(month)).toString('base64') }
    case 'pdf':
      return { fileName, contentBase64: (await dutyPdf(month, station, now)).toString('base64') }
  }
}

const SLOT_NAME: Record<DutySlot, string> = { morning: '上午', afternoon: '下午', allDay: '全天' }
const WEEKDAY_NAME = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const

function yearMonth(month: DutyMonth): { year: number; m: number } {
  const { year, month: m } = parseIsoDate(`${month.month}-01`)
  return { year, m }
}

/** The UTC instant of a Shanghai wall-clock `HH:mm` on a date (fixed UTC+8, see domain/dates.ts). */
function instant(date: string, hhmm: string): number {
  const [h, min] = hhmm.split(':').map(Number)
  if (h === undefined || min === undefined || !Number.isInteger(h) || !Number.isInteger(min)) {
    throw new RangeError(`not a clock time: ${JSON.stringify(hhmm)}`)
  }
  return startOfShanghaiDayMs(date) + (h * 60 + min) * 60_000
}

function dayKindName(day: DutyCalendarDay): string {
  switch (day.kind) {
    case 'workday':
      return '工作日'
    case 'weekend':
      return '周末'
    case 'holiday':
      return day.holidayName ?? '节假日'
    case 'makeUpWorkday':
      return '调休上班'
  }
}

const namesIn = (day: DutyCalendarDay, slot: DutySlot) =>
  day.shifts.filter((s) => s.slot === slot).map((s) => s.representative.name)

const receptionText = (r: NonNullable<DutyCalendarDay['receptionDay']>) =>
  `${r.theme}（${r.startsAt}–${r.endsAt}）`

// ——— .ics ———

/** ics 3.12 writes DTSTAMP from `timestamp` (else Date.now()), which its type declarations leave out. */
type IcsEvent = EventAttributes & { readonly timestamp: number }

function dutyIcs(
  month: DutyMonth,
  station: PublishStation,
  now: number,
  shiftIds: ShiftIds,
  cancelled: readonly CancelledShift[],
  removedReceptionDays: readonly RemovedReceptionDay[],
): string {
  const { year, m } = yearMonth(month)
  const location = station.address ? `${station.name} ${station.address}` : station.name
  const events: IcsEvent[] = []
  const receptionUid = (date: string) => `${date}-reception-${station.id}@yizhan`
  // A 民意集市's event is named by its date, so one date's removals and re-settings are revisions of one
  // event: the nth removal goes out as SEQUENCE 2n-1, a day set again after it as 2n. An app ignores a
  // revision whose SEQUENCE is not above the one it holds, so a day set again after a cancellation
  // would otherwise stay cancelled on the phones.
  const removals = new Map<string, { count: number; last: RemovedReceptionDay }>()
  for (const r of removedReceptionDays) {
    removals.set(r.date, { count: (removals.get(r.date)?.count ?? 0) + 1, last: r })
  }
  for (const day of month.days) {
    for (const { slot, representative: rep } of day.shifts) {
      const hours = SLOT_HOURS[slot]
      events.push({
        // Stable across publications, so a calendar app re-importing the file updates events, not doubles
        // them: the shift's own id, which a move or a swap keeps (without it, the day, slot and person).
        uid: `${shiftIds.get(shiftKey(day.date, slot, rep.id)) ?? `${day.date}-${slot}-${rep.id}`}-${station.id}@yizhan`,
        title: `${rep.name} 值班（${SLOT_NAME[slot]}）`,
        description: `${REPRESENTATIVE_LEVEL_NAME_ZH[rep.level]}，界别：${rep.sector}`,
        location,
        start: instant(day.date, hours.start),
        end: instant(day.date, hours.end),
        timestamp: now,
      })
    }
    if (day.receptionDay) {
      const removed = removals.get(day.date)?.count ?? 0
      events.push({
        // A station has one 民意集市 a day: the date and the station name it.
        uid: receptionUid(day.date),
        title: `民意集市：${day.receptionDay.theme}`,
        location,
        start: instant(day.date, day.receptionDay.startsAt),
        end: instant(day.date, day.receptionDay.endsAt),
        ...(removed > 0 ? { sequence: 2 * removed } : {}),
        timestamp: now,
      })
    }
  }
  // A file import never deletes an event: a removed shift is sent as cancelled, a revision (SEQUENCE 1)
  // of the event its shift had, so an app re-importing the file takes it off.
  for (const shift of cancelled) {
    const hours = SLOT_HOURS[shift.slot]
    events.push({
      uid: `${shift.id}-${station.id}@yizhan`,
      title: `值班已取消（${SLOT_NAME[shift.slot]}）`,
      location,
      start: instant(shift.date, hours.start),
      end: instant(shift.date, hours.end),
      status: 'CANCELLED',
      sequence: 1,
      timestamp: now,
    })
  }
  const live = new Set(month.days.filter((d) => d.receptionDay).map((d) => d.date))
  for (const [date, { count, last }] of removals) {
    if (live.has(date)) continue
    events.push({
      uid: receptionUid(date),
      title: '民意集市已取消',
      location,
      start: instant(date, last.startsAt),
      end: instant(date, last.endsAt),
      status: 'CANCELLED',
      sequence: 2 * count - 1,
      timestamp: now,
    })
  }
  // With no events ics 3.12 still writes a valid VCALENDAR with just the header (checked in the tests).
  const { error, value } = createEvents(events, {
    productId: '-//yizhan//duty calendar//ZH',
    calName: `${station.name} ${year}年${m}月代表值班表`,
  })
  if (error) throw error
  if (value === null) throw new Error('ics produced no calendar')
  return foldOctets(value)
}

/**
 * Folds content lines at 75 octets (RFC 5545 §3.1), between UTF-8 characters. ics folds at 75 characters,
 * and a Chinese character is three octets: a station's address made lines of 135 octets, which strict
 * parsers refuse. Its folds are undone first, then each line is folded again.
 */
export function foldOctets(text: string): string {
  const lines = text.split('\r\n')
  const logical: string[] = []
  for (const line of lines) {
    const last = logical.length - 1
    if ((line.startsWith(' ') || line.startsWith('\t')) && last >= 0) logical[last] += line.slice(1)
    else logical.push(line)
  }
  return logical.map(foldLine).join('\r\n')
}

function foldLine(line: string): string {
  const parts: string[] = []
  let part = ''
  let octets = 0
  // The first line holds 75 octets; each continuation 74 after its leading space.
  let room = 75
  for (const ch of line) {
    const size = Buffer.byteLength(ch)
    if (octets + size > room) {
      parts.push(part)
      part = ''
      octets = 0
      room = 74
    }
    part += ch
    octets += size
  }
  parts.push(part)
  return parts.join('\r\n ')
}

// ——— .xlsx ———

const COLUMNS = [
  { header: '日期', width: 12 },
  { header: '星期', width: 8 },
  { header: '日子类型', width: 10 },
  { header: '上午', width: 26 },
  { header: '下午', width: 26 },
  { header: '全天', width: 26 },
  { header: '民意集市', width: 36 },
] as const

async function dutyXlsx(month: DutyMonth): Promise<Buffer> {
  // Loaded on first use: exceljs is large and most station runs never export.
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('值班表', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }))
  sheet.getRow(1).font = { bold: true }
  for (const day of month.days) {
    const row = sheet.addRow([
      day.date,
      WEEKDAY_NAME[weekday(day.date)],
      dayKindName(day),
      ...DUTY_SLOTS.map((slot) => namesIn(day, slot).join('、')),
      day.receptionDay ? receptionText(day.receptionDay) : '',
    ])
    row.alignment = { vertical: 'top', wrapText: true }
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}

// ——— .pdf ———

const PAGE = { width: 841.89, height: 595.28 } // A4 landscape, as pdfkit sizes A4
const MARGIN = 28
const PAD = 4
const LINE = 1.35
const COLOR = {
  text: '#000',
  grid: '#888',
  rest: '#eeeeee',
  holiday: '#b4232a',
  makeUp: '#8a5a00',
  reception: '#1d4f91',
}
/** The ideographic space that separates items on a Chinese line. */
const GAP = '\u3000'

async function dutyPdf(month: DutyMonth, station: PublishStation, now: number): Promise<Buffer> {
  const { year, m } = yearMonth(month)
  const { doc, pen, addPage, done } = publicationPdf({
    title: `${station.name} ${year}年${m}月 代表值班表`,
    author: station.name,
    at: now,
  })
  addPage([PAGE.width, PAGE.height])

  const inner = PAGE.width - 2 * MARGIN
  pen.centered(station.name, MARGIN, MARGIN, 18, true, inner)
  pen.centered(`${year}年${m}月 代表值班表`, MARGIN, MARGIN + 18 * LINE, 13, false, inner)

  // The footer first, so the grid takes exactly the room left between title and footer.
  const footSize = 8.5
  const footTop = PAGE.height - MARGIN - 2 * footSize * LINE
  const hours = DUTY_SLOTS.map((s) => `${SLOT_NAME[s]} ${SLOT_HOURS[s].start}–${SLOT_HOURS[s].end}`)
  const contact = `咨询电话：${station.hotline}${station.address ? `${GAP}地址：${station.address}` : ''}`
  const stamp = pen.run(`生成于 ${shanghaiDateTime(now)}`, footSize)
  pen.line(contact, MARGIN, footTop, footSize, inner - runWidth(stamp) - 12)
  pen.draw(stamp, PAGE.width - MARGIN - runWidth(stamp), footTop)
  pen.line(`值班时间：${hours.join(GAP)}`, MARGIN, footTop + footSize * LINE, footSize, inner)

  const headTop = MARGIN + 18 * LINE + 13 * LINE + 8
  const headH = 18
  const gridTop = headTop + headH
  const offset = (weekday(`${month.month}-01`) + 6) % 7 // Monday-first columns
  const weeks = Math.ceil((offset + month.days.length) / 7)
  const cellW = inner / 7
  const cellH = (footTop - 8 - gridTop) / weeks

  for (let col = 0; col < 7; col++) {
    const label = pen.run(WEEKDAY_NAME[(col + 1) % 7] ?? '', 9.5, true)
    pen.draw(label, MARGIN + col * cellW + (cellW - runWidth(label)) / 2, headTop + (headH - 9.5 * LINE) / 2)
  }
  month.days.forEach((day, i) => {
    const x = MARGIN + ((offset + i) % 7) * cellW
    const y = gridTop + Math.floor((offset + i) / 7) * cellH
    if (day.kind === 'weekend' || day.kind === 'holiday') doc.rect(x, y, cellW, cellH).fill(COLOR.rest)
    dayCell(pen, day, x, y, cellW, cellH)
  })

  doc.save().lineWidth(0.6).strokeColor(COLOR.grid)
  for (let r = 0; r <= weeks; r++)
    doc.moveTo(MARGIN, gridTop + r * cellH).lineTo(MARGIN + inner, gridTop + r * cellH)
  doc.moveTo(MARGIN, headTop).lineTo(MARGIN + inner, headTop)
  for (let c = 0; c <= 7; c++)
    doc.moveTo(MARGIN + c * cellW, headTop).lineTo(MARGIN + c * cellW, gridTop + weeks * cellH)
  doc.stroke().restore()

  doc.end()
  return done
}

/** One day of the grid: the day number and its marker on top, then the 民意集市 and the names, cut to fit. */
function dayCell(pen: Pen, day: DutyCalendarDay, x: number, y: number, w: number, h: number): void {
  const width = w - 2 * PAD
  const num = pen.run(String(parseIsoDate(day.date).day), 11, true)
  pen.draw(num, x + PAD, y + PAD)
  const marker = day.kind === 'makeUpWorkday' ? '调休上班' : day.kind === 'holiday' ? dayKindName(day) : ''
  if (marker) {
    const run = fit(pen.run(marker, 8), width - runWidth(num) - 6, false, pen.ellipsis(8))
    const color = day.kind === 'holiday' ? COLOR.holiday : COLOR.makeUp
    pen.draw(run, x + w - PAD - runWidth(run), y + PAD + 2, color)
  }

  const size = 8
  const lines: { run: TextRun; color: string }[] = []
  if (day.receptionDay) {
    const theme = pen.run(`民意集市：${day.receptionDay.theme}`, size)
    for (const run of breakLines(theme, width)) lines.push({ run, color: COLOR.reception })
  }
  for (const slot of DUTY_SLOTS) {
    const names = namesIn(day, slot)
    if (names.length === 0) continue
    for (const text of packNames(pen, `${SLOT_NAME[slot]}：`, names, size, width)) {
      lines.push({ run: pen.run(text, size), color: COLOR.text })
    }
  }
  const top = y + PAD + 11 * LINE + 1
  const room = Math.max(0, Math.floor((y + h - PAD - top) / (size * LINE)))
  lines.slice(0, room).forEach((line, i) => {
    // The last line that fits says, with …, that more did not.
    const cut = i === room - 1 && lines.length > room
    pen.draw(fit(line.run, width, cut, pen.ellipsis(size)), x + PAD, top + i * size * LINE, line.color)
  })
}

/**
 * Names packed into lines whole, the 、 staying at the end of a line: a name broken over two lines reads as
 * two people. A name too long for a line on its own is left to be cut with … when drawn.
 */
function packNames(
  pen: Pen,
  prefix: string,
  names: readonly string[],
  size: number,
  width: number,
): string[] {
  const lines: string[] = []
  let line = prefix
  names.forEach((name, i) => {
    const piece = i < names.length - 1 ? `${name}、` : name
    if (i > 0 && runWidth(pen.run(line + piece, size)) > width) {
      lines.push(line)
      line = ''
    }
    line += piece
  })
  lines.push(line)
  return lines
}
