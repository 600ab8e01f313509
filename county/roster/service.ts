import crypto from 'node:crypto'
import { sql } from 'kysely'
import {
  type CountyRepresentative,
  RepresentativeInput,
  type RepresentativeUpdate,
  type RosterImportResult,
} from '../../contract/county-console'
import { loadNameSpeller } from '../../domain/name-spelling'
import {
  ROSTER_HEADERS,
  type RosterColumn,
  activeOfWord,
  levelOfWord,
  rosterColumnsOf,
  splitSpecialties,
} from '../../domain/roster-sheet'
import { MAX_UNPACKED_BYTES, type SheetRefusal, firstSheetCells } from '../../domain/sheet-cells'
import { hubAudit } from '../audit'
import type { HubExecutor } from '../db/schema'
import { ConsoleFailure } from '../errors'
import { takeVersion } from '../sync/versions'

/** A representative as the county keeps it and every station receives it: never a personal phone. */
export interface RosterRecord {
  readonly id: string
  readonly name: string
  readonly namePinyin: string
  readonly nameInitials: string
  readonly level: 'province' | 'city' | 'county' | 'township'
  readonly sector: string
  readonly specialties: readonly string[]
  /**
   * The township's name (城关镇): names are unique within the county and every station's township table
   * has them, while its ids are each station's own.
   */
  readonly township: string | null
  readonly stationId: string | null
  readonly active: boolean
}

/**
 * A record as stored in the representative table. Records stored before townships travelled by name carry
 * a `townshipId` (which no station could resolve) and no `township`: they read as without a township.
 */
export function storedRecord(stored: unknown): RosterRecord {
  const r = stored as RosterRecord & { readonly townshipId?: unknown }
  return {
    id: r.id,
    name: r.name,
    namePinyin: r.namePinyin,
    nameInitials: r.nameInitials,
    level: r.level,
    sector: r.sector,
    specialties: Array.isArray(r.specialties) ? r.specialties : [],
    township: typeof r.township === 'string' ? r.township : null,
    stationId: r.stationId ?? null,
    active: r.active,
  }
}

/**
 * Adds or changes representatives; all of one call share one version, so stations see them together.
 * A representative removed since the caller read the roster stays removed: the call is refused whole.
 */
export async function putRepresentatives(
  db: HubExecutor,
  records: readonly RosterRecord[],
  by: string,
): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const version = await takeVersion(tx)
    for (const r of records) {
      const written = await tx
        .insertInto('representative')
        .values({ id: r.id, record: JSON.stringify(r), deleted: false, version })
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet({ record: JSON.stringify(r), version })
            .where('representative.deleted', '=', false),
        )
        .executeTakeFirst()
      if (Number(written.numInsertedOrUpdatedRows ?? 0) === 0) {
        throw new ConsoleFailure(409, 'STALE', `代表${r.name}刚被其他人从名册删除，请刷新后再试`)
      }
    }
    await hubAudit(tx, {
      stationId: null,
      action: 'roster.put',
      outcome: 'ok',
      detail: { count: records.length, by },
    })
    return version
  })
}

/**
 * Removes a representative as a tombstone: stations learn of the removal, never infer it from absence.
 * The tombstone keeps the name, for 统计's 代表履职 of the months the representative served; stations read
 * only a tombstone's id (electron/core/sync/apply.ts, retireRepresentative).
 */
export async function deleteRepresentative(db: HubExecutor, id: string, by: string): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const version = await takeVersion(tx)
    const r = await tx
      .updateTable('representative')
      .set({
        deleted: true,
        version,
        record: sql<string>`jsonb_build_object('id', id, 'name', record->'name')`,
      })
      .where('id', '=', id)
      .where('deleted', '=', false)
      .executeTakeFirst()
    if (Number(r.numUpdatedRows) === 0) throw new ConsoleFailure(404, 'NOT_FOUND', '名册里没有这位代表')
    await hubAudit(tx, { stationId: null, action: 'roster.delete', outcome: 'ok', detail: { id, by } })
    return version
  })
}

/**
 * The county's roster for the console, by name; `q` matches the name, its pinyin or its initials, a
 * specialty or the sector (the search hint offers 专长: staff look for who knows about 水利).
 */
export async function listRepresentatives(db: HubExecutor, q?: string): Promise<CountyRepresentative[]> {
  const rows = await db
    .selectFrom('representative')
    .select(['id', 'record', 'version'])
    .where('deleted', '=', false)
    .execute()
  const needle = q?.trim().toLowerCase()
  return rows
    .map((r) => ({ record: storedRecord(r.record), version: r.version }))
    .filter(({ record }) => !needle || matchesSearch(record, needle))
    .sort((a, b) => a.record.namePinyin.localeCompare(b.record.namePinyin))
    .map(({ record, version }) => toCounty(record, version))
}

function matchesSearch(r: RosterRecord, needle: string): boolean {
  return (
    r.name.includes(needle) ||
    r.namePinyin.startsWith(needle) ||
    r.nameInitials.startsWith(needle) ||
    r.specialties.some((s) => s.includes(needle)) ||
    r.sector.includes(needle)
  )
}

function toCounty(r: RosterRecord, version: number): CountyRepresentative {
  return {
    id: r.id,
    name: r.name,
    namePinyin: r.namePinyin,
    level: r.level,
    sector: r.sector,
    specialties: [...r.specialties],
    township: r.township,
    stationId: r.stationId,
    active: r.active,
    version,
  }
}

/** Adds one representative from the console's form. */
export async function addRepresentative(
  db: HubExecutor,
  input: RepresentativeInput,
  by: string,
): Promise<CountyRepresentative> {
  await checkStations(db, [input.stationId])
  const record = await recordOf(crypto.randomUUID(), input)
  const version = await putRepresentatives(db, [record], by)
  return toCounty(record, version)
}

/**
 * Changes one representative from the console's form, only if it is still at the version the form was
 * read at and not removed: the form carries the whole record, so a save from an older read would undo a
 * colleague's edit, or bring back a representative removed meanwhile.
 */
export async function updateRepresentative(
  db: HubExecutor,
  id: string,
  update: RepresentativeUpdate,
  by: string,
): Promise<CountyRepresentative> {
  const { version: seen, ...input } = update
  await checkStations(db, [input.stationId])
  const record = await recordOf(id, input)
  return db.transaction().execute(async (tx) => {
    const version = await takeVersion(tx)
    // Read committed re-checks the WHERE on the row a concurrent edit or removal left, after waiting for it.
    const r = await tx
      .updateTable('representative')
      .set({ record: JSON.stringify(record), version })
      .where('id', '=', id)
      .where('version', '=', seen)
      .where('deleted', '=', false)
      .executeTakeFirst()
    if (Number(r.numUpdatedRows) === 0) {
      const now = await tx
        .selectFrom('representative')
        .select('deleted')
        .where('id', '=', id)
        .executeTakeFirst()
      if (!now || now.deleted) throw new ConsoleFailure(404, 'NOT_FOUND', '名册里没有这位代表')
      throw new ConsoleFailure(409, 'STALE', '这位代表的信息刚被其他人修改过，请刷新后再改')
    }
    await hubAudit(tx, { stationId: null, action: 'roster.put', outcome: 'ok', detail: { count: 1, by } })
    return toCounty(record, version)
  })
}

async function recordOf(id: string, input: RepresentativeInput): Promise<RosterRecord> {
  const spelled = (await loadNameSpeller())(input.name)
  return { id, ...input, namePinyin: spelled.pinyin, nameInitials: spelled.initials }
}

async function checkStations(db: HubExecutor, ids: readonly (string | null)[]): Promise<void> {
  const wanted = [...new Set(ids.filter((s): s is string => s !== null))]
  if (wanted.length === 0) return
  const found = await db.selectFrom('station').select('id').where('id', 'in', wanted).execute()
  const missing = wanted.find((s) => !found.some((f) => f.id === s))
  if (missing) {
    const message = `没有编号为 ${missing} 的联络站`
    throw new ConsoleFailure(400, 'VALIDATION', message, { stationId: message })
  }
}

/** A UUIDv7: the ids stations make (electron/core/ids.ts); the county's own are v4 (crypto.randomUUID). */
const STATION_MADE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i

/**
 * Why a 编号 the roster does not hold cannot be imported, or null when it can. A station's export carries the
 * 编号 of representatives that station registered itself: the county takes them under the same 编号, so
 * when the roster travels back the station's own record becomes the county's rather than a second copy.
 * Anything else unknown is a mistake (a county 编号 mistyped), and a removed representative stays removed.
 */
function unknownIdRefusal(id: string, removed: ReadonlySet<string>): string | null {
  if (removed.has(id)) return `编号为 ${id} 的代表已从名册删除`
  return STATION_MADE_ID.test(id) ? null : `名册里没有编号为 ${id} 的代表`
}

/** The columns an import cannot do without; 编号 is optional (a new representative has none yet). */
const REQUIRED: readonly RosterColumn[] = ['name', 'level']

/**
 * Imports the county's roster from the first sheet of an .xlsx: all rows or none, each row's mistakes
 * named by its row number. The header may use the county's words or a station export's (ROSTER_HEADERS);
 * 乡镇 is the township's name, 联络站 a station's id or name. A row with 编号 changes that representative, or
 * adds one a station registered (unknownIdRefusal); one without is matched by name and 联络站, or added.
 * A representative the roster holds keeps the fields of the columns the sheet does not have. Everything
 * lands in one version.
 */
export async function importRoster(db: HubExecutor, bytes: Buffer, by: string): Promise<RosterImportResult> {
  const rows = await readSheet(bytes)
  const columns = rosterColumnsOf(rows[0] ?? [])
  const missing = REQUIRED.filter((c) => columns[c] === undefined).map((c) => ROSTER_HEADERS[c][0])
  if (missing.length > 0) {
    throw new ConsoleFailure(400, 'VALIDATION', `表头缺少：${missing.join('、')}`, {
      file: `表头缺少：${missing.join('、')}`,
    })
  }
  const cell = (r: readonly string[], column: RosterColumn) => {
    const i = columns[column]
    return i === undefined ? '' : (r[i] ?? '').trim()
  }
  const present = (column: RosterColumn) => columns[column] !== undefined
  const stations = await db.selectFrom('station').select(['id', 'name']).execute()
  const errors: Record<string, string> = {}
  const parsed: { row: number; id: string; input: RepresentativeInput }[] = []
  const all = await db.selectFrom('representative').select(['id', 'record', 'deleted']).execute()
  const records = new Map(all.filter((e) => !e.deleted).map((e) => [e.id, storedRecord(e.record)]))
  const removed = new Set(all.filter((e) => e.deleted).map((e) => e.id))
  const byNameAndStation = new Map<string, string>(
    [...records.values()].map((r) => [`${r.name}\u0000${r.stationId ?? ''}`, r.id] as const),
  )
  // The rows so far by the representative they write and by name and 联络站: one person on two rows
  // would be added twice (rows without 编号) or have one row silently overwrite the other (same 编号).
  const rowOfId = new Map<string, { row: number; givenId: boolean }>()
  const rowOfKey = new Map<string, { row: number; givenId: boolean }>()
  rows.slice(1).forEach((r, i) => {
    const row = i + 2
    if (r.every((c) => c.trim() === '')) return
    const level = levelOfWord(cell(r, 'level'))
    const active = activeOfWord(cell(r, 'active'))
    const station = stationOfCell(stations, cell(r, 'station'))
    if (!level) {
      errors[`row ${row}`] = `第 ${row} 行：层级应为 省、市、县 或 乡镇`
      return
    }
    if (active === null) {
      errors[`row ${row}`] = `第 ${row} 行：在职应填“是”或“否”`
      return
    }
    if (!station.ok) {
      errors[`row ${row}`] = `第 ${row} 行：${station.message}`
      return
    }
    const givenId = cell(r, 'id')
    if (givenId && !records.has(givenId)) {
      const refusal = unknownIdRefusal(givenId, removed)
      if (refusal) {
        errors[`row ${row}`] = `第 ${row} 行：${refusal}`
        return
      }
    }
    const key = `${cell(r, 'name')}\u0000${station.id ?? ''}`
    const id = givenId || byNameAndStation.get(key) || crypto.randomUUID()
    const sameId = rowOfId.get(id)
    // Two rows with their own 编号 may share a name and 联络站: two people, told apart by the 编号.
    const sameKey = rowOfKey.get(key)
    const twin = sameId ?? (sameKey && !(sameKey.givenId && givenId) ? sameKey : undefined)
    if (twin) {
      errors[`row ${row}`] =
        twin === sameId && givenId && sameId.givenId
          ? `第 ${row} 行：与第 ${twin.row} 行是同一位代表（编号相同）`
          : `第 ${row} 行：与第 ${twin.row} 行是同一位代表（姓名和联络站相同），如是两位同名代表请填写编号`
      return
    }
    rowOfId.set(id, { row, givenId: givenId !== '' })
    if (!rowOfKey.has(key)) rowOfKey.set(key, { row, givenId: givenId !== '' })
    // A column the sheet does not have says nothing about a representative the roster holds (a station's
    // export has no 联络站): keep what is stored. Only an empty cell of a column it has clears a field.
    const before = records.get(id)
    const kept = <T>(column: RosterColumn, fromCell: T, stored: (b: RosterRecord) => T): T =>
      before && !present(column) ? stored(before) : fromCell
    const candidate = {
      name: cell(r, 'name'),
      level,
      sector: kept('sector', cell(r, 'sector'), (b) => b.sector),
      specialties: kept('specialties', splitSpecialties(cell(r, 'specialties')), (b) => [...b.specialties]),
      township: kept('township', cell(r, 'township') || null, (b) => b.township),
      stationId: kept('station', station.id, (b) => b.stationId),
      active: kept('active', active, (b) => b.active),
    }
    const checked = RepresentativeInput.safeParse(candidate)
    if (!checked.success) {
      errors[`row ${row}`] = `第 ${row} 行：${checked.error.issues[0]?.message ?? '内容不符合要求'}`
      return
    }
    parsed.push({ row, id, input: checked.data })
  })
  const rowErrors = Object.entries(errors)
  if (rowErrors.length > 0) {
    throw new ConsoleFailure(400, 'VALIDATION', `有 ${rowErrors.length} 行需要修改，名册未导入`, errors)
  }
  if (parsed.length === 0)
    throw new ConsoleFailure(400, 'VALIDATION', '表格里没有代表', { file: '表格里没有代表' })

  let added = 0
  let changed = 0
  let unchanged = 0
  const toWrite: RosterRecord[] = []
  for (const p of parsed) {
    const record = await recordOf(p.id, p.input)
    const before = records.get(p.id)
    if (!before) added++
    else if (canonical(before) === canonical(record)) {
      unchanged++
      continue
    } else changed++
    toWrite.push(record)
  }
  if (toWrite.length > 0) await putRepresentatives(db, toWrite, by)
  return { added, changed, unchanged }
}

/**
 * The station a 联络站 cell names: by its id, else by its name (a sheet exported at a station has no
 * station ids). An empty cell names none; a name two stations share must be given as the id.
 */
function stationOfCell(
  stations: readonly { readonly id: string; readonly name: string }[],
  text: string,
): { readonly ok: true; readonly id: string | null } | { readonly ok: false; readonly message: string } {
  if (text === '') return { ok: true, id: null }
  const byId = stations.find((s) => s.id === text)
  if (byId) return { ok: true, id: byId.id }
  const byName = stations.filter((s) => s.name === text)
  if (byName.length === 1 && byName[0]) return { ok: true, id: byName[0].id }
  if (byName.length > 1)
    return { ok: false, message: `有 ${byName.length} 个联络站名为“${text}”，请填写站点编号` }
  return { ok: false, message: `没有编号或名称为“${text}”的联络站` }
}

/** PostgreSQL's jsonb keeps its own key order: compare records key by key. */
const canonical = (r: RosterRecord) =>
  JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))

const SHEET_REFUSAL_ZH: Record<SheetRefusal, string> = {
  notWorkbook: '文件无法读取，请上传 Excel（.xlsx）文件',
  tooLarge: `文件解压后超过 ${MAX_UNPACKED_BYTES / 1024 / 1024} MB，不是正常的代表名册，请检查后重新上传`,
}

async function readSheet(bytes: Buffer): Promise<string[][]> {
  const cells = await firstSheetCells(bytes)
  if ('refusal' in cells) {
    const message = SHEET_REFUSAL_ZH[cells.refusal]
    throw new ConsoleFailure(400, 'VALIDATION', message, { file: message })
  }
  return cells.rows
}
