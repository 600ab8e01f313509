import fs from 'node:fs'
import path from 'node:path'
import { type Kysely, Migrator, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrations } from '../../../electron/core/db/migrations'
import type { DB } from '../../../electron/core/db/schema'
import { kyselyOnFile, tableNames } from '../../fixtures/db'
import { makeTempDir } from '../../fixtures/station'

/** Migration 0001 on its own, on an empty file: what it must leave behind for the rest of the app. */

const DOMAIN_TABLES = [
  'audit_log',
  'category',
  'consultation',
  'consultation_petition',
  'consultation_representative',
  'duty_rule',
  'duty_shift',
  'grid',
  'holiday_override',
  'petition',
  'petition_event',
  'public_board',
  'reception_day',
  'representative',
  'setting',
  'staff_user',
  'station',
  'sync_cursor',
  'sync_outbox',
  'township',
  'village',
  'visit',
]

const PRIMARY_KEYS: Record<string, string[]> = {
  setting: ['key'],
  township: ['id'],
  village: ['id'],
  grid: ['id'],
  station: ['id'],
  representative: ['id'],
  category: ['id'],
  duty_rule: ['id'],
  duty_shift: ['id'],
  reception_day: ['id'],
  holiday_override: ['date'],
  petition: ['id'],
  // clustered by timeline (WITHOUT ROWID), so a petition's events are read from neighbouring pages
  petition_event: ['petition_id', 'hlc', 'id'],
  visit: ['id'],
  consultation: ['id'],
  consultation_representative: ['consultation_id', 'representative_id'],
  consultation_petition: ['consultation_id', 'petition_id'],
  public_board: ['id'],
  staff_user: ['id'],
  audit_log: ['seq'],
  sync_outbox: ['seq'],
  sync_cursor: ['stream'],
}

/** `table.column → table`: every reference the domain relies on. */
const FOREIGN_KEYS = [
  'village.township_id → township',
  'grid.township_id → township',
  'grid.village_id → village',
  'station.township_id → township',
  'representative.township_id → township',
  'representative.grid_id → grid',
  'representative.station_id → station',
  'duty_rule.station_id → station',
  'duty_rule.representative_id → representative',
  'duty_shift.station_id → station',
  'duty_shift.representative_id → representative',
  'duty_shift.rule_id → duty_rule',
  'reception_day.station_id → station',
  'petition.station_id → station',
  'petition.category_id → category',
  'petition.township_id → township',
  'petition.village_id → village',
  'petition.preferred_representative_id → representative',
  'petition_event.petition_id → petition',
  'visit.station_id → station',
  'visit.representative_id → representative',
  'visit.shift_id → duty_shift',
  'consultation.station_id → station',
  'consultation_representative.consultation_id → consultation',
  'consultation_representative.representative_id → representative',
  'consultation_petition.consultation_id → consultation',
  'consultation_petition.petition_id → petition',
  'public_board.station_id → station',
]

/** The indexes the queues, timelines and sync walk, with their columns in order. */
const INDEXES: Record<string, { table: string; columns: string[]; unique: boolean }> = {
  petition_queue: { table: 'petition', columns: ['status', 'due_on', 'id'], unique: false },
  petition_level: { table: 'petition', columns: ['level', 'status', 'due_on'], unique: false },
  petition_submitted: { table: 'petition', columns: ['submitted_at'], unique: false },
  petition_category: { table: 'petition', columns: ['category_id', 'submitted_at'], unique: false },
  petition_event_hlc: { table: 'petition_event', columns: ['hlc'], unique: false },
  petition_event_type_at: { table: 'petition_event', columns: ['type', 'at'], unique: false },
  sync_outbox_pending: { table: 'sync_outbox', columns: ['acked_at', 'seq'], unique: false },
  duty_shift_unique: {
    table: 'duty_shift',
    columns: ['station_id', 'date', 'representative_id', 'slot'],
    unique: true,
  },
  reception_day_date: { table: 'reception_day', columns: ['station_id', 'date'], unique: false },
  visit_rep_date: { table: 'visit', columns: ['representative_id', 'date'], unique: false },
  representative_station: { table: 'representative', columns: ['station_id'], unique: false },
  representative_pinyin: { table: 'representative', columns: ['name_pinyin'], unique: false },
}

/** Uniqueness the domain depends on: one code per petition, each mutation sent once, names not repeated. */
const UNIQUE_COLUMNS: Record<string, string[][]> = {
  petition: [['code']],
  sync_outbox: [['mutation_id']],
  township: [['name']],
  category: [['name']],
  village: [['township_id', 'name']],
  public_board: [['station_id', 'month']],
}

let dir: string
let db: Kysely<DB>

beforeAll(async () => {
  dir = makeTempDir()
  db = kyselyOnFile(path.join(dir, 'only-0001.sqlite'))
  const m0001 = migrations['0001_init']
  if (!m0001) throw new Error('no migration 0001_init in the list')
  const only0001 = { '0001_init': m0001 }
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve({ ...only0001 }) } })
  const { error } = await migrator.migrateTo('0001_init')
  if (error) throw error instanceof Error ? error : new Error('migration 0001 failed', { cause: error })
})

afterAll(async () => {
  await db.destroy()
  fs.rmSync(dir, { recursive: true, force: true })
})

const tableInfo = async (table: string) =>
  (await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${table})`.execute(db)).rows

describe('migration 0001_init', () => {
  it('creates every table of the domain, and nothing else besides the migration bookkeeping', async () => {
    const names = await tableNames(db)
    expect(names.filter((n) => !n.startsWith('kysely_'))).toEqual(DOMAIN_TABLES)
  })

  it('gives every table its primary key', async () => {
    for (const [table, expected] of Object.entries(PRIMARY_KEYS)) {
      const pk = (await tableInfo(table)).filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk)
      expect(
        pk.map((c) => c.name),
        table,
      ).toEqual(expected)
    }
  })

  it('stores timeline events without rowid, clustered by petition, with each event id unique', async () => {
    const table = await sql<{ sql: string }>`
      select sql from sqlite_master where type = 'table' and name = 'petition_event'`.execute(db)
    expect(table.rows[0]?.sql).toMatch(/without rowid\s*$/i)
    const unique = await sql<{ name: string }>`
      select il.name from pragma_index_list('petition_event') il
      where il."unique" = 1 and (select group_concat(name) from pragma_index_info(il.name)) = 'id'`.execute(
      db,
    )
    expect(unique.rows).toHaveLength(1)
  })

  it('links records with foreign keys, so no event or petition can point at nothing', async () => {
    const found: string[] = []
    for (const table of DOMAIN_TABLES) {
      const r = await sql<{ from: string; table: string }>`
        select "from", "table" from pragma_foreign_key_list(${table})`.execute(db)
      for (const fk of r.rows) found.push(`${table}.${fk.from} → ${fk.table}`)
    }
    expect(found.sort()).toEqual([...FOREIGN_KEYS].sort())
  })

  it('indexes the petition queue, the timelines and the outbox on the columns they are read by', async () => {
    for (const [name, expected] of Object.entries(INDEXES)) {
      const list = await sql<{ name: string; unique: number }>`
        select name, "unique" from pragma_index_list(${expected.table})`.execute(db)
      const entry = list.rows.find((r) => r.name === name)
      expect(entry, `index ${name} on ${expected.table}`).toBeDefined()
      expect(entry?.unique === 1, `${name} unique`).toBe(expected.unique)
      const cols = await sql<{
        name: string
      }>`select name from pragma_index_info(${name}) order by seqno`.execute(db)
      expect(
        cols.rows.map((c) => c.name),
        name,
      ).toEqual(expected.columns)
    }
  })

  it('keeps tracking codes, outbox mutations and names unique', async () => {
    for (const [table, expected] of Object.entries(UNIQUE_COLUMNS)) {
      const list = await sql<{ name: string; unique: number; origin: string }>`
        select name, "unique", origin from pragma_index_list(${table})`.execute(db)
      const uniques: string[][] = []
      for (const idx of list.rows.filter((r) => r.unique === 1 && r.origin !== 'pk')) {
        const cols = await sql<{
          name: string
        }>`select name from pragma_index_info(${idx.name}) order by seqno`.execute(db)
        uniques.push(cols.rows.map((c) => c.name))
      }
      expect(uniques, table).toEqual(expect.arrayContaining(expected))
    }
  })

  it('keeps personal data only in ciphertext columns: no plain name, phone or ID number column', async () => {
    const columns = (await tableInfo('petition')).map((c) => c.name)
    expect(columns).toEqual(
      expect.arrayContaining(['contact_name_enc', 'contact_phone_enc', 'id_number_enc']),
    )
    expect(columns.filter((c) => /name|phone|id_number/.test(c) && !/_enc$|^masked_|_hash$/.test(c))).toEqual(
      [],
    )
    const types = await sql<{ name: string; type: string }>`
      select name, type from pragma_table_info('petition') where name like '%\\_enc' escape '\\'`.execute(db)
    expect(types.rows.map((r) => r.type.toLowerCase())).toEqual(['blob', 'blob', 'blob'])
  })

  it('refuses a petition event whose kind of origin is neither the station nor the county', async () => {
    const insert =
      sql`insert into petition_event (id, petition_id, type, at, hlc, actor_role, payload, origin)
      values ('e1', 'p1', 'noted', 0, 'h', 'staff', '{}', 'elsewhere')`.execute(db)
    await expect(insert).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' })
  })
})
