import { shanghaiDateTime } from '../../../../domain/dates'
import { REPRESENTATIVE_LEVEL_NAME_ZH, STATUS_NAME_ZH } from '../../../../domain/names-zh'
import type { Level } from '../../../../domain/petition/types'
import type { DownloadFile, PetitionReport, ReportFigures } from '../../../../contract/views'
import { publicationPdf, runWidth } from '../receipts/pdf-text'

/**
 * 统计报表 as files for the office: an Excel workbook (one sheet per breakdown, numbers as numbers so they
 * can be summed and charted) and an A4 PDF for the file cabinet. Both are drawn from the same
 * PetitionReport the dashboard shows, so they cannot disagree with the screen.
 */

export type ReportFormat = 'xlsx' | 'pdf'

export async function exportReport(
  report: PetitionReport,
  stationName: string,
  format: ReportFormat,
): Promise<DownloadFile> {
  const fileName = `诉求统计报表-${report.from}至${report.to}.${format}`
  const bytes = format === 'xlsx' ? await reportXlsx(report) : await reportPdf(report, stationName)
  return { fileName, contentBase64: bytes.toString('base64') }
}

// The desk's words for levels and states (renderer/i18n/zh-CN/staff.json), so the file reads like the screen.
const LEVEL_NAME: Record<Level, string> = { station: '本站', township: '乡镇', county: '县级' }

/** A rate as a percentage with one decimal, or — when there is nothing to divide by. */
const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`)

const FIGURE_HEADERS = [
  '诉求数',
  '已答复',
  '按期答复',
  '按期答复率',
  '当场解决',
  '当场解决率',
  '满意',
  '基本满意',
  '不满意',
  '满意率',
] as const

/** The figures as sheet cells: counts as numbers, rates as fractions formatted as percentages. */
function figureCells(f: ReportFigures): (number | null)[] {
  return [
    f.petitions,
    f.answered,
    f.answeredOnTime,
    f.onTimeRate,
    f.resolvedOnSpot,
    f.onSpotRate,
    f.ratings.satisfied,
    f.ratings.mostlySatisfied,
    f.ratings.dissatisfied,
    f.satisfactionRate,
  ]
}
const RATE_COLUMNS = new Set(['按期答复率', '当场解决率', '满意率'])

// ——— .xlsx ———

async function reportXlsx(report: PetitionReport): Promise<Buffer> {
  // Loaded on first use: exceljs is large and most station runs never export.
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  const sheet = (name: string, headers: readonly string[], rows: readonly (string | number | null)[][]) => {
    const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.columns = headers.map((header) => ({
      header,
      width: Math.max(10, header.length * 2 + 4),
      ...(RATE_COLUMNS.has(header) ? { style: { numFmt: '0.0%' } } : {}),
    }))
    ws.getRow(1).font = { bold: true }
    for (const row of rows) ws.addRow(row)
  }
  sheet(
    '按月',
    ['月份', ...FIGURE_HEADERS],
    [
      ...report.months.map((m) => [m.month, ...figureCells(m)]),
      [`合计（${report.from}至${report.to}）`, ...figureCells(report.totals)],
    ],
  )
  sheet(
    '按类别',
    ['类别', '诉求数'],
    report.categories.map((c) => [c.name, c.petitions]),
  )
  sheet(
    '按层级',
    ['办理层级', '诉求数'],
    report.levels.map((l) => [LEVEL_NAME[l.level], l.petitions]),
  )
  sheet(
    '按状态',
    ['当前状态', '诉求数'],
    report.statuses.map((s) => [STATUS_NAME_ZH[s.status], s.petitions]),
  )
  sheet(
    '代表',
    ['代表', '层级', ...FIGURE_HEADERS, '进站天数', '排班', '到岗', '议事次数'],
    report.representatives.map((r) => [
      r.name,
      REPRESENTATIVE_LEVEL_NAME_ZH[r.level],
      ...figureCells(r.figures),
      r.visits,
      r.shiftsScheduled,
      r.shiftsAttended,
      r.consultations,
    ]),
  )
  return Buffer.from(await book.xlsx.writeBuffer())
}

// ——— .pdf ———

const PAGE = { width: 595.28, height: 841.89 } // A4 portrait
const MARGIN = 40
const INNER = PAGE.width - 2 * MARGIN
const ROW = 16
const SIZE = 9
const BAR = '#0b4f8f'
const RULE = '#888'
/** The ideographic space that separates items on a Chinese line. */
const GAP = '\u3000'

interface Column {
  readonly header: string
  /** Share of the table's width. */
  readonly width: number
  readonly align: 'left' | 'right'
}

async function reportPdf(report: PetitionReport, stationName: string): Promise<Buffer> {
  const title = `${stationName} 诉求统计报表`
  const { doc, pen, addPage, done } = publicationPdf({
    title: `${title} ${report.from}至${report.to}`,
    author: stationName,
    at: report.generatedAt,
  })
  let y = 0
  const newPage = () => {
    addPage([PAGE.width, PAGE.height])
    y = MARGIN
  }
  /** Starts a new page when `height` more does not fit on this one. */
  const room = (height: number) => {
    if (y + height > PAGE.height - MARGIN) newPage()
  }

  newPage()
  pen.centered(title, MARGIN, y, 16, true, INNER)
  y += 26
  pen.centered(
    `提交月份 ${report.from} 至 ${report.to}${GAP}生成于 ${shanghaiDateTime(report.generatedAt)}`,
    MARGIN,
    y,
    SIZE,
    false,
    INNER,
  )
  y += 24

  const t = report.totals
  const headline = [
    `诉求总数 ${t.petitions}`,
    `按期答复率 ${percent(t.onTimeRate)}`,
    `满意率 ${percent(t.satisfactionRate)}`,
    `当场解决率 ${percent(t.onSpotRate)}`,
  ]
  headline.forEach((text, i) => pen.line(text, MARGIN + (i * INNER) / 4, y, 11, INNER / 4 - 6))
  y += 24

  const heading = (text: string) => {
    room(ROW * 4)
    y += 6
    pen.line(text, MARGIN, y, 11, INNER)
    y += 18
  }
  /** A table with a header row repeated on each page; a bar column is drawn when `bar` gives values. */
  const table = (columns: readonly Column[], rows: readonly string[][], bar?: readonly number[]) => {
    const widths = columns.map((c) => c.width * INNER)
    const header = () => {
      drawRow(columns.map((c) => c.header))
      doc
        .save()
        .lineWidth(0.6)
        .strokeColor(RULE)
        .moveTo(MARGIN, y)
        .lineTo(MARGIN + INNER, y)
        .stroke()
        .restore()
    }
    const drawRow = (cells: readonly string[], value?: number, max?: number) => {
      let x = MARGIN
      cells.forEach((cell, i) => {
        const w = widths[i] ?? 0
        const col = columns[i]
        if (col?.header === '' && value !== undefined && max !== undefined && max > 0) {
          doc
            .save()
            .rect(x + 2, y + 3, ((w - 4) * value) / max, ROW - 7)
            .fill(BAR)
            .restore()
        } else {
          const run = pen.run(cell, SIZE)
          const dx = col?.align === 'right' ? w - 4 - Math.min(runWidth(run), w - 8) : 4
          pen.line(cell, x + dx, y + 3, SIZE, w - 8)
        }
        x += w
      })
      y += ROW
    }
    room(ROW * 2)
    header()
    const max = bar ? Math.max(0, ...bar) : undefined
    rows.forEach((cells, i) => {
      if (y + ROW > PAGE.height - MARGIN) {
        newPage()
        header()
      }
      drawRow(cells, bar?.[i], max)
    })
  }

  const num = (header: string, width: number): Column => ({ header, width, align: 'right' })
  const text = (header: string, width: number): Column => ({ header, width, align: 'left' })

  heading('按提交月份')
  table(
    [
      text('月份', 0.12),
      num('诉求数', 0.1),
      text('', 0.26),
      num('已答复', 0.1),
      num('按期答复率', 0.14),
      num('满意率', 0.14),
      num('当场解决率', 0.14),
    ],
    report.months.map((m) => [
      m.month,
      String(m.petitions),
      '',
      String(m.answered),
      percent(m.onTimeRate),
      percent(m.satisfactionRate),
      percent(m.onSpotRate),
    ]),
    report.months.map((m) => m.petitions),
  )

  heading('按类别')
  table(
    [text('类别', 0.3), num('诉求数', 0.14), text('', 0.56)],
    report.categories.map((c) => [c.name, String(c.petitions), '']),
    report.categories.map((c) => c.petitions),
  )

  heading('按办理层级与当前状态')
  const levelRows = report.levels.map((l) => `${LEVEL_NAME[l.level]} ${l.petitions}`)
  const statusRows = report.statuses.map((s) => `${STATUS_NAME_ZH[s.status]} ${s.petitions}`)
  room(ROW * 2)
  pen.line(`办理层级：${levelRows.join(GAP)}`, MARGIN, y, SIZE + 1, INNER)
  y += ROW
  pen.line(`当前状态：${statusRows.join(GAP)}`, MARGIN, y, SIZE + 1, INNER)
  y += ROW

  heading('代表')
  table(
    [
      text('代表', 0.16),
      text('层级', 0.16),
      num('诉求', 0.08),
      num('已答复', 0.09),
      num('按期率', 0.1),
      num('满意率', 0.1),
      num('当场解决', 0.1),
      num('进站天数', 0.1),
      num('到岗/排班', 0.11),
    ],
    report.representatives.map((r) => [
      r.name,
      REPRESENTATIVE_LEVEL_NAME_ZH[r.level],
      String(r.figures.petitions),
      String(r.figures.answered),
      percent(r.figures.onTimeRate),
      percent(r.figures.satisfactionRate),
      String(r.figures.resolvedOnSpot),
      String(r.visits),
      `${r.shiftsAttended}/${r.shiftsScheduled}`,
    ]),
  )

  room(ROW * 3)
  y += 8
  const note =
    '说明：按诉求提交月份统计，数字为诉求目前的办理情况；已答复含当场解决；按期指在当时的办理期限内答复；' +
    '满意率＝（满意＋基本满意）÷全部评价；代表的诉求指目前交办给该代表的诉求。'
  for (const line of pen.wrap(note, SIZE, INNER)) {
    pen.draw(line, MARGIN, y)
    y += SIZE * 1.5
  }

  doc.end()
  return done
}
