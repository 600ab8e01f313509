import ExcelJS from 'exceljs'
import ICAL from 'ical.js'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DutyCalendarDay, DutyMonth } from '../../../contract/views'
import { parseIsoDate } from '../../../domain/dates'
import { publishDutyMonth } from '../../../electron/core/features/duty/publish'
import { type TestStation, openTestStation, testClock } from '../../fixtures/station'

/**
 * 代表值班表 published as .ics, .xlsx and .pdf from the demo's October 2026 (国庆节 on the 1st–7th, a
 * 民意集市 on the 调休 Saturday the 10th), each file read back with a library other than the one that wrote it
 * where one exists.
 */

/** Tuesday 2026-09-15, 09:30 in Asia/Shanghai. */
const NOW = Date.UTC(2026, 8, 15, 1, 30)

let t: TestStation
let october: DutyMonth
let station: { id: string; name: string; address: string | null; hotline: string }

beforeAll(async () => {
  t = await openTestStation({ clock: testClock(NOW) })
  const { id } = await t.succeed('setup.loadDemo', {})
  october = await t.succeed('duty.month', { month: '2026-10' })
  const profile = await t.succeed('station.profile', {})
  const row = await t.db
    .selectFrom('station')
    .select('address')
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  station = { id, name: profile.name, address: row.address, hotline: profile.hotline }
})
afterAll(() => t.close())

const dayOf = (month: DutyMonth, date: string): DutyCalendarDay => {
  const day = month.days.find((d) => d.date === date)
  if (!day) throw new Error(`${date} is not in ${month.month}`)
  return day
}
const bytes = (base64: string) => Buffer.from(base64, 'base64')
const allShifts = (month: DutyMonth) =>
  month.days.flatMap((d) => d.shifts.map((s) => ({ ...s, date: d.date })))

describe('the duty calendar as an .ics file', () => {
  const calendar = async (month: DutyMonth) => {
    const file = await publishDutyMonth(month, station, 'ics', NOW)
    return {
      file,
      vcalendar: new ICAL.Component(ICAL.parse(bytes(file.contentBase64).toString('utf8')) as unknown[]),
    }
  }
  const instant = (v: ReturnType<ICAL.Component['getFirstPropertyValue']>) => {
    if (!(v instanceof ICAL.Time)) throw new Error(`not a time: ${String(v)}`)
    return v.toJSDate().getTime()
  }
  const text = (c: ICAL.Component, name: string) => String(c.getFirstPropertyValue(name))

  it('is named for the month and has one event per shift and per 民意集市', async () => {
    const { file, vcalendar } = await calendar(october)
    expect(file.fileName).toBe('代表值班表-2026-10.ics')
    expect(text(vcalendar, 'x-wr-calname')).toBe(`${station.name} 2026年10月代表值班表`)
    const receptions = october.days.filter((d) => d.receptionDay !== null)
    expect(allShifts(october).length).toBeGreaterThan(10)
    expect(receptions).toHaveLength(1)
    expect(vcalendar.getAllSubcomponents('vevent')).toHaveLength(
      allShifts(october).length + receptions.length,
    )
  })

  it('puts a morning shift at 08:30–12:00 Beijing time, that is 00:30–04:00 UTC', async () => {
    const { vcalendar } = await calendar(october)
    const shift = allShifts(october).find((s) => s.slot === 'morning')
    if (!shift) throw new Error('no morning shift in the demo October')
    const event = vcalendar
      .getAllSubcomponents('vevent')
      .find((e) => text(e, 'uid') === `${shift.date}-morning-${shift.representative.id}-${station.id}@yizhan`)
    if (!event) throw new Error('the shift has no event')
    const { year, month, day } = parseIsoDate(shift.date)
    expect(instant(event.getFirstPropertyValue('dtstart'))).toBe(Date.UTC(year, month - 1, day, 0, 30))
    expect(instant(event.getFirstPropertyValue('dtend'))).toBe(Date.UTC(year, month - 1, day, 4, 0))
    expect(instant(event.getFirstPropertyValue('dtstamp'))).toBe(NOW)
    expect(text(event, 'summary')).toBe(`${shift.representative.name} 值班（上午）`)
    expect(text(event, 'location')).toContain(station.name)
    expect(text(event, 'description')).toContain(shift.representative.sector)
  })

  it("names the representative in every shift's summary, with unique ids", async () => {
    const { vcalendar } = await calendar(october)
    const events = vcalendar.getAllSubcomponents('vevent')
    const uids = events.map((e) => text(e, 'uid'))
    expect(new Set(uids).size).toBe(events.length)
    for (const s of allShifts(october)) {
      // Without shift ids (publishDutyMonth's default), the day, slot and person name the event.
      const uid = `${s.date}-${s.slot}-${s.representative.id}-${station.id}@yizhan`
      const event = events.find((e) => text(e, 'uid') === uid)
      expect(event && text(event, 'summary')).toContain(s.representative.name)
    }
  })

  it('has the 民意集市 with its theme and its own hours', async () => {
    const { vcalendar } = await calendar(october)
    const reception = dayOf(october, '2026-10-10').receptionDay
    if (!reception) throw new Error('no 民意集市 on 2026-10-10')
    const event = vcalendar
      .getAllSubcomponents('vevent')
      .find((e) => text(e, 'summary').startsWith('民意集市'))
    if (!event) throw new Error('the 民意集市 has no event')
    expect(text(event, 'summary')).toBe(`民意集市：${reception.theme}`)
    const [h, m] = reception.startsAt.split(':').map(Number)
    expect(instant(event.getFirstPropertyValue('dtstart'))).toBe(Date.UTC(2026, 9, 10, (h ?? 0) - 8, m ?? 0))
  })

  it('is still a calendar for a month without any duty', async () => {
    const empty = await t.succeed('duty.month', { month: '2030-01' })
    expect(allShifts(empty)).toEqual([])
    const { vcalendar } = await calendar(empty)
    expect(vcalendar.name).toBe('vcalendar')
    expect(vcalendar.getAllSubcomponents('vevent')).toEqual([])
    expect(text(vcalendar, 'x-wr-calname')).toBe(`${station.name} 2030年1月代表值班表`)
  })
})

describe('the duty calendar as an Excel workbook', () => {
  const rows = async (month: DutyMonth) => {
    const file = await publishDutyMonth(month, station, 'xlsx', NOW)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(bytes(file.contentBase64) as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('值班表')
    if (!sheet) throw new Error('no sheet 值班表')
    const out: string[][] = []
    sheet.eachRow({ includeEmpty: true }, (row) => {
      out.push(Array.from({ length: 7 }, (_, i) => row.getCell(i + 1).text))
    })
    return { file, sheet, rows: out }
  }
  const rowOf = (all: string[][], date: string) => {
    const row = all.find((r) => r[0] === date)
    if (!row) throw new Error(`no row for ${date}`)
    return row
  }

  it('has the header, then one row per day of the month, with the header frozen', async () => {
    const { file, sheet, rows: all } = await rows(october)
    expect(file.fileName).toBe('代表值班表-2026-10.xlsx')
    expect(all[0]).toEqual(['日期', '星期', '日子类型', '上午', '下午', '全天', '民意集市'])
    expect(all.slice(1).map((r) => r[0])).toEqual(october.days.map((d) => d.date))
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.getRow(1).font?.bold).toBe(true)
  })

  it('lists the names of a morning in the 上午 column, joined by 、', async () => {
    const { rows: all } = await rows(october)
    const day = october.days.find((d) => d.shifts.some((s) => s.slot === 'morning'))
    if (!day) throw new Error('no morning shift in the demo October')
    const names = day.shifts.filter((s) => s.slot === 'morning').map((s) => s.representative.name)
    expect(rowOf(all, day.date)[3]).toBe(names.join('、'))
  })

  it('says 国庆节 for the holiday, 调休上班 for the make-up Saturday and 周末 for a Sunday', async () => {
    const { rows: all } = await rows(october)
    expect(rowOf(all, '2026-10-01').slice(1, 3)).toEqual(['星期四', '国庆节'])
    expect(rowOf(all, '2026-10-10')[2]).toBe('调休上班')
    expect(rowOf(all, '2026-10-11').slice(1, 3)).toEqual(['星期日', '周末'])
    expect(rowOf(all, '2026-10-08')[2]).toBe('工作日')
  })

  it('gives the 民意集市 its theme and hours, and leaves the other days empty', async () => {
    const { rows: all } = await rows(october)
    const reception = dayOf(october, '2026-10-10').receptionDay
    if (!reception) throw new Error('no 民意集市 on 2026-10-10')
    expect(rowOf(all, '2026-10-10')[6]).toBe(
      `${reception.theme}（${reception.startsAt}–${reception.endsAt}）`,
    )
    expect(all.slice(1).filter((r) => r[6] !== '')).toHaveLength(1)
  })
})

describe('the duty calendar as a PDF poster', () => {
  interface Item {
    readonly str: string
    readonly x: number
    /** The baseline, from the bottom of the page (PDF coordinates). */
    readonly y: number
    readonly width: number
    readonly height: number
  }
  /** The raw bytes for the page tree, and pdf.js (not pdfkit) for the text and where it was drawn. */
  const pdf = async (month: DutyMonth) => {
    const file = await publishDutyMonth(month, station, 'pdf', NOW)
    const raw = bytes(file.contentBase64)
    const doc = await getDocument({ data: new Uint8Array(raw), disableFontFace: true, verbosity: 0 }).promise
    try {
      const page = await doc.getPage(1)
      const items: Item[] = []
      for (const item of (await page.getTextContent()).items) {
        if (!('str' in item) || item.str.trim() === '') continue
        const [, , , , x = 0, y = 0] = item.transform as number[]
        items.push({ str: item.str, x, y, width: item.width, height: item.height })
      }
      const [, , width = 0, height = 0] = page.view
      return { file, raw, pages: doc.numPages, width, height, items }
    } finally {
      await doc.destroy()
    }
  }
  // Page objects, not the page tree (/Type /Pages).
  const pageObjects = (raw: Buffer) => raw.toString('latin1').match(/\/Type \/Page(?![a-zA-Z])/g)?.length ?? 0

  it('is one A4 landscape page with the title, the holidays and the footer', async () => {
    const { file, raw, pages, width, height, items } = await pdf(october)
    expect(file.fileName).toBe('代表值班表-2026-10.pdf')
    expect(raw.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pages).toBe(1)
    expect(pageObjects(raw)).toBe(1)
    expect(width).toBeCloseTo(841.89, 1)
    expect(height).toBeCloseTo(595.28, 1)
    const text = items.map((i) => i.str)
    expect(text).toContain(station.name)
    expect(text).toContain('2026年10月 代表值班表')
    expect(text.filter((s) => s === '国庆节')).toHaveLength(7)
    expect(text).toContain('调休上班')
    expect(text.join('\n')).toContain(`咨询电话：${station.hotline}`)
    expect(text.join('\n')).toContain('上午 08:30–12:00')
    expect(text).toContain('生成于 2026-09-15 09:30')
  })

  it('cuts a day with more names than its cell holds with …, inside the cell, on one page', async () => {
    const crowded: DutyMonth = {
      ...october,
      days: october.days.map((d) => {
        if (d.date !== '2026-10-08') return d
        const card = d.shifts[0]?.representative
        if (!card) throw new Error('no shift on 2026-10-08')
        const slots = ['morning', 'afternoon', 'allDay'] as const
        return {
          ...d,
          receptionDay: { theme: '很长的主题'.repeat(3), startsAt: '09:00', endsAt: '12:00' },
          shifts: Array.from({ length: 12 }, (_, i) => ({
            slot: slots[i % 3] ?? 'morning',
            representative: { ...card, id: `${card.id}-${i}`, name: `测试代表${i + 1}号` },
          })),
        }
      }),
    }
    const { raw, pages, items } = await pdf(crowded)
    expect(pages).toBe(1)
    expect(pageObjects(raw)).toBe(1)
    // Thursday the 8th is drawn between its day number and Friday the 9th's; the 15th is below it.
    const start = items.findIndex((i) => i.str === '8')
    const next = items.findIndex((i) => i.str === '9')
    const right = items[next]
    const below = items.find((i) => i.str === '15')
    if (start < 0 || !right || !below) throw new Error('the day numbers are not on the page')
    const cell = items.slice(start + 1, next)
    expect(cell.map((i) => i.str).join('')).toContain('测试代表1号')
    for (const item of cell) {
      expect(item.x + item.width, item.str).toBeLessThan(right.x)
      expect(item.y, item.str).toBeGreaterThan(below.y + below.height)
    }
    expect(cell.at(-1)?.str.endsWith('…')).toBe(true)
    expect(cell.map((i) => i.str).join('')).not.toContain('测试代表12号')
  })

  it('is one page for a month without any duty, and for a month over six weeks', async () => {
    // August 2026 starts on a Saturday and spans six Monday-first weeks.
    for (const month of ['2030-01', '2026-08']) {
      const { pages, raw, items } = await pdf(await t.succeed('duty.month', { month }))
      expect(pages, month).toBe(1)
      expect(pageObjects(raw), month).toBe(1)
      expect(items.map((i) => i.str)).toContain('31')
    }
  })
})
