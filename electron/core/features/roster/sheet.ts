import { parse as parseCsv } from 'csv-parse/sync'
import type { Selectable } from 'kysely'
import type { ParsedInputOf } from '../../../../contract/api'
import type { DownloadFile, ImportProblem, RosterImportResult } from '../../../../contract/views'
import { shanghaiDate } from '../../../../domain/dates'
import { DomainError } from '../../../../domain/errors'
import { REPRESENTATIVE_LEVEL_NAME_ZH } from '../../../../domain/names-zh'
import type { RepresentativeLevel } from '../../../../domain/petition/types'
import { checkPhone } from '../../../../domain/validators'
import type { Ctx } from '../../context'
import type { DB } from '../../db/schema'
import { newId } from '../../ids'
import { invalidField } from '../../validation'
import { appendAudit } from '../audit/service'
import { loadNameSpeller } from '../../../../domain/name-spelling'
import { MAX_UNPACKED_BYTES, firstSheetCells, isZip } from '../../../../domain/sheet-cells'
import {
  ROSTER_HEADERS,
  type RosterColumn,
  activeOfWord,
  levelOfWord,
  rosterColumnsOf,
  splitSpecialties,
} from '../../../../domain/roster-sheet'

/**
 * 代表名册 as a spreadsheet: the template, the export and the import, one column list for all three. An
 * import takes an Excel workbook or a CSV file in GBK (what Excel saves on a Chinese Windows) or UTF-8;
 * every row is checked first, and with any problem nothing is written and every problem is reported by
 * row and reason (第12行：办公电话格式不对). A row with a 编号 (from an export) updates that representative;
 * one without is matched by name and township, or added.
 */

const COLUMNS = [
  { key: 'id', header: '编号', width: 40 },
  { key: 'name', header: '姓名', width: 12 },
  { key: 'level', header: '级别', width: 10 },
  { key: 'sector', header: '界别', width: 16 },
  { key: 'specialties', header: '擅长领域', width: 28 },
  { key: 'township', header: '所属乡镇', width: 14 },
  { key: 'officePhone', header: '办公电话', width: 16 },
  { key: 'active', header: '状态', width: 8 },
  { key: 'localNote', header: '本站备注', width: 30 },
] as const

type Key = (typeof COLUMNS)[number]['key']
const REQUIRED: readonly Key[] = ['name', 'level']

/** The bounds of the representative columns. */
const MAX = { name: 20, sector: 30, specialty: 20, specialties: 8, localNote: 200 } as const
const MAX_ROWS = 20_000

interface RowValues {
  readonly row: number
  readonly id: string | null
  readonly name: string
  readonly level: RepresentativeLevel
  readonly sector: string
  readonly specialties: readonly string[]
  readonly townshipId: string | null
  readonly officePhone: string | null
  readonly active: boolean
  readonly localNote: string | null
}

/** Reads the file into rows of cell texts, the header row first. */
async function readCells(bytes: Buffer): Promise<string[][]> {
  // An .xlsx is a zip archive; anything else is taken for CSV.
  if (isZip(bytes)) {
    const cells = await firstSheetCells(bytes)
    if ('refusal' in cells) throw cells.refusal === 'tooLarge' ? tooLarge() : unreadable()
    return cells.rows
  }
  try {
    const rows: string[][] = parseCsv(decodeText(bytes), { relax_column_count: true, trim: true, bom: true })
    return rows
  } catch {
    throw unreadable()
  }
}

/** UTF-8 when the bytes are valid UTF-8 (a BOM or not), else GBK, which Excel writes on Chinese Windows. */
function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gbk').decode(bytes)
  }
}

const unreadable = () =>
  invalidField('file', '文件无法读取，请用“下载模板”得到的 Excel 文件，或另存为 CSV 后再导入')
const tooLarge = () =>
  invalidField(
    'file',
    `文件解压后超过 ${MAX_UNPACKED_BYTES / 1024 / 1024} MB，不是正常的代表名册，请用“下载模板”得到的 Excel 文件`,
  )

/** Whether a row says of a county representative exactly what the county sent (its note aside). */
function sameCountyFields(
  held: Pick<
    Selectable<DB['representative']>,
    'name' | 'level' | 'sector' | 'specialties' | 'township_id' | 'office_phone' | 'active'
  >,
  r: RowValues,
): boolean {
  return (
    held.name === r.name &&
    held.level === r.level &&
    held.sector === r.sector &&
    held.specialties === JSON.stringify(r.specialties) &&
    held.township_id === r.townshipId &&
    held.office_phone === r.officePhone &&
    held.active === (r.active ? 1 : 0)
  )
}

/** Checks every row against the columns, the townships and the roster; returns values or problems. */
function checkRows(
  cells: readonly string[][],
  townships: ReadonlyMap<string, string>,
  knownIds: ReadonlySet<string>,
): { rows: RowValues[]; problems: ImportProblem[] } {
  const header = (cells[0] ?? []).map((h) => h.trim())
  const problems: ImportProblem[] = []
  const index = new Map<Key, number>()
  // The columns the county's sheet has too may carry its words (层级, 专长, 乡镇, 在职): a roster the county
  // handed out imports here as it is. Its 联络站 column is the county's business and is not read.
  const shared = rosterColumnsOf(header)
  for (const c of COLUMNS) {
    const at = c.key in ROSTER_HEADERS ? shared[c.key as RosterColumn] : header.indexOf(c.header)
    if (at !== undefined && at >= 0) index.set(c.key, at)
  }
  for (const key of REQUIRED) {
    if (!index.has(key)) {
      const header = COLUMNS.find((c) => c.key === key)?.header ?? key
      problems.push({ row: 1, message: `第1行：缺少“${header}”列` })
    }
  }
  if (problems.length > 0) return { rows: [], problems }

  const rows: RowValues[] = []
  const seen = new Map<string, number>()
  cells.slice(1).forEach((line, i) => {
    const row = i + 2
    const get = (key: Key) => {
      const at = index.get(key)
      return at === undefined ? '' : (line[at] ?? '').trim()
    }
    if (line.every((c) => c.trim() === '')) return // blank lines in a sheet are not rows
    const say = (what: string) => problems.push({ row, message: `第${row}行：${what}` })

    const id = get('id') || null
    if (id !== null && !knownIds.has(id)) say(`编号“${id}”不在名册里，新代表请不填编号`)
    const name = get('name')
    if (name === '') say('姓名不能为空')
    else if ([...name].length > MAX.name) say(`姓名超过${MAX.name}个字`)
    const level = levelOfWord(get('level'))
    if (level === null) say('级别应填省、市、县或乡镇')
    const sector = get('sector')
    if ([...sector].length > MAX.sector) say(`界别超过${MAX.sector}个字`)
    const specialties = splitSpecialties(get('specialties'))
    if (specialties.length > MAX.specialties) say(`擅长领域最多填${MAX.specialties}项`)
    if (specialties.some((s) => [...s].length > MAX.specialty)) say(`每项擅长领域不超过${MAX.specialty}个字`)
    const townshipName = get('township')
    const townshipId = townshipName === '' ? null : (townships.get(townshipName) ?? null)
    if (townshipName !== '' && townshipId === null) say(`没有“${townshipName}”这个乡镇`)
    const phoneText = get('officePhone')
    const phone = phoneText === '' ? null : checkPhone(phoneText)
    if (phone && !phone.ok) say('办公电话格式不对')
    const active = activeOfWord(get('active'))
    if (active === null) say('状态应填“在任”或“离任”')
    const localNote = get('localNote')
    if ([...localNote].length > MAX.localNote) say(`本站备注超过${MAX.localNote}个字`)

    const key = id ?? `${name}|${townshipId ?? ''}`
    const earlier = seen.get(key)
    if (earlier !== undefined) say(`与第${earlier}行是同一位代表`)
    seen.set(key, row)

    if (level !== null && name !== '')
      rows.push({
        row,
        id,
        name,
        level,
        sector,
        specialties,
        townshipId,
        officePhone: phone?.ok ? phone.value : null,
        active: active ?? true,
        localNote: localNote === '' ? null : localNote,
      })
  })
  if (rows.length === 0 && problems.length === 0) problems.push({ row: 2, message: '文件里没有代表' })
  if (rows.length > MAX_ROWS) problems.push({ row: MAX_ROWS + 2, message: `一次最多导入${MAX_ROWS}位代表` })
  return { rows, problems }
}

export async function importRoster(
  ctx: Ctx,
  input: ParsedInputOf<'roster.import'>,
): Promise<RosterImportResult> {
  const staff = ctx.staff
  if (staff?.role !== 'admin') throw new DomainError('ADMIN_ONLY')
  const cells = await readCells(Buffer.from(input.contentBase64, 'base64'))
  const [townships, existing] = await Promise.all([
    ctx.db.selectFrom('township').select(['id', 'name']).execute(),
    ctx.db
      .selectFrom('representative')
      .select([
        'id',
        'name',
        'level',
        'sector',
        'specialties',
        'township_id',
        'office_phone',
        'active',
        'roster_version',
      ])
      .execute(),
  ])
  const checked = checkRows(
    cells,
    new Map(townships.map((t) => [t.name, t.id])),
    new Set(existing.map((r) => r.id)),
  )
  const { rows } = checked
  const byNameAndPlace = new Map(existing.map((r) => [`${r.name}|${r.township_id ?? ''}`, r.id]))
  const byId = new Map(existing.map((r) => [r.id, r]))
  const matchOf = (r: RowValues) => r.id ?? byNameAndPlace.get(`${r.name}|${r.townshipId ?? ''}`) ?? null
  // The county keeps its representatives (architecture.md: the roster is the county's, read-only at the
  // station): a row of one may change only the station's own note. Anything else would be undone by the
  // county's next change and never reach the county; it is refused with the way to do it instead.
  const problems = [...checked.problems]
  // Namesakes of one township (the county's roster may hold two 王建国 of 王楼镇): a row without 编号
  // cannot say which one it means, and the map above keeps only the last, so it would update that one.
  const namesakes = new Map<string, number>()
  for (const r of existing) {
    const key = `${r.name}|${r.township_id ?? ''}`
    namesakes.set(key, (namesakes.get(key) ?? 0) + 1)
  }
  for (const r of rows) {
    if (r.id === null && (namesakes.get(`${r.name}|${r.townshipId ?? ''}`) ?? 0) > 1) {
      problems.push({
        row: r.row,
        message: `第${r.row}行：名册中同一乡镇有两位以上的${r.name}，请用导出的名册（带编号）修改`,
      })
    }
  }
  for (const r of rows) {
    const held = byId.get(matchOf(r) ?? '')
    if (held?.roster_version === 1 && !sameCountyFields(held, r)) {
      problems.push({
        row: r.row,
        message: `第${r.row}行：${r.name}由县人大常委会维护，本站只能改“本站备注”，其他信息请在县级平台修改`,
      })
    }
  }
  problems.sort((a, b) => a.row - b.row)
  if (problems.length > 0) return { saved: false, added: 0, updated: 0, problems }

  const spell = await loadNameSpeller()
  const now = ctx.now()
  let added = 0
  let updated = 0
  await ctx.db.transaction().execute(async (tx) => {
    for (const r of rows) {
      const spelled = spell(r.name)
      const values = {
        name: r.name,
        name_pinyin: spelled.pinyin,
        name_initials: spelled.initials,
        name_readings: spelled.readings,
        level: r.level,
        sector: r.sector,
        specialties: JSON.stringify(r.specialties),
        township_id: r.townshipId,
        office_phone: r.officePhone,
        active: r.active ? 1 : 0,
        local_note: r.localNote,
        updated_at: now,
      }
      const id = matchOf(r)
      if (id !== null) {
        const countys = byId.get(id)?.roster_version === 1
        await tx
          .updateTable('representative')
          .set(countys ? { local_note: values.local_note, updated_at: now } : values)
          .where('id', '=', id)
          .execute()
        updated++
      } else {
        await tx
          .insertInto('representative')
          .values({
            id: newId(),
            ...values,
            specialist_group: null,
            grid_id: null,
            station_id: null,
            contact_route: 'station',
            checkin_code_hash: null,
            roster_version: 0,
          })
          .execute()
        added++
      }
    }
    await appendAudit(tx, {
      at: now,
      actor: { role: staff.role, id: staff.id },
      action: 'roster.imported',
      entity: 'representative',
      entityId: null,
      detail: { fileName: input.fileName, added, updated },
    })
  })
  return { saved: true, added, updated, problems: [] }
}

/** An Excel workbook of the given rows under the column headers, as base64. */
async function workbook(rows: readonly Record<Key, string>[], notes: readonly string[]): Promise<string> {
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('代表名册')
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }))
  sheet.getRow(1).font = { bold: true }
  for (const r of rows) sheet.addRow(r)
  if (notes.length > 0) {
    const help = book.addWorksheet('填写说明')
    help.getColumn(1).width = 100
    for (const line of notes) help.addRow([line])
  }
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64')
}

const TEMPLATE_NOTES = [
  '第一行是列名，请不要改动；每位代表填一行。',
  '编号：从“导出名册”得到的文件里才有，用来修改已有的代表；新代表不填。',
  '姓名、级别必填。级别填“省”“市”“县”或“乡镇”。',
  '擅长领域可填多项，用顿号（、）分开，例如：农业、水利。',
  '所属乡镇要与系统里的乡镇名称一致，例如：王楼镇。',
  '办公电话填手机号或带区号的固定电话，只供工作人员联系，不会在自助机上显示。',
  '状态填“在任”或“离任”，不填视为在任。',
  '也可以另存为 CSV（GBK 或 UTF-8 编码）后导入。',
]

export async function rosterTemplate(ctx: Ctx): Promise<DownloadFile> {
  if (!ctx.staff) throw new DomainError('STAFF_ONLY')
  const example: Record<Key, string> = {
    id: '',
    name: '王海涛',
    level: '县',
    sector: '农民',
    specialties: '农业、水利',
    township: '王楼镇',
    officePhone: '0393-5221234',
    active: '在任',
    localNote: '',
  }
  return { fileName: '代表名册模板.xlsx', contentBase64: await workbook([example], TEMPLATE_NOTES) }
}

export async function exportRoster(ctx: Ctx): Promise<DownloadFile> {
  if (!ctx.staff) throw new DomainError('STAFF_ONLY')
  const reps = await ctx.db
    .selectFrom('representative')
    .leftJoin('township', 'township.id', 'representative.township_id')
    .select([
      'representative.id',
      'representative.name',
      'representative.level',
      'representative.sector',
      'representative.specialties',
      'representative.office_phone',
      'representative.active',
      'representative.local_note',
      'township.name as township_name',
    ])
    .orderBy('representative.name_pinyin')
    .orderBy('representative.id')
    .execute()
  const rows = reps.map((r): Record<Key, string> => ({
    id: r.id,
    name: r.name,
    level: REPRESENTATIVE_LEVEL_NAME_ZH[r.level],
    sector: r.sector,
    specialties: (JSON.parse(r.specialties) as string[]).join('、'),
    township: r.township_name ?? '',
    officePhone: r.office_phone ?? '',
    active: r.active === 1 ? '在任' : '离任',
    localNote: r.local_note ?? '',
  }))
  const date = shanghaiDate(ctx.now())
  return { fileName: `代表名册-${date}.xlsx`, contentBase64: await workbook(rows, TEMPLATE_NOTES) }
}
