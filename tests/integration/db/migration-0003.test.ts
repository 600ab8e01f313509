import fs from 'node:fs'
import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../../electron/core/db/schema'
import { kyselyOnFile, migrateTo } from '../../fixtures/db'
import { makeTempDir } from '../../fixtures/station'

/** Migration 0003 on top of 0002: a petition carries the client's submission id, unique where given. */

const KEY = '0f8fad5b-d9cb-469f-a165-70867728950e'

let dir: string
let db: Kysely<DB>

/** A bare petition row (no handler exists for a database at 0002); the places it points at exist. */
function insertPetition(id: string, submissionId?: string | null) {
  return db
    .insertInto('petition')
    .values({
      id,
      code: `CODE${id}`,
      station_id: 's1',
      category_id: 'c1',
      channel: 'kiosk',
      text: '路灯不亮',
      anonymous: 1,
      submitted_at: 1,
      status: 'received',
      level: 'station',
      due_on: '2025-03-10',
      round: 1,
      resolved_on_spot: 0,
      updated_at: 1,
      state_json: '{}',
      ...(submissionId === undefined ? {} : { submission_id: submissionId }),
    })
    .execute()
}

beforeAll(async () => {
  dir = makeTempDir()
  db = kyselyOnFile(path.join(dir, 'upto-0003.sqlite'))
  await migrateTo(db, '0002_reference_version')
  await db
    .insertInto('township')
    .values({ id: 't1', name: '城关镇', kind: 'town', code: null, sort: 0 })
    .execute()
  await db
    .insertInto('station')
    .values({ id: 's1', name: '联络站', township_id: 't1', hotline: '', created_at: 1 })
    .execute()
  await db
    .insertInto('category')
    .values({
      id: 'c1',
      name: '路灯照明',
      icon: 'lights',
      default_level: 'station',
      time_limit_days: 5,
      needs_id_number: 0,
      phrases: '[]',
      sort: 0,
      active: 1,
    })
    .execute()
  // Written before 0003 exists, so without the column.
  await sql`insert into petition (id, code, station_id, category_id, channel, text, anonymous, submitted_at,
    status, level, due_on, round, updated_at, state_json)
    values ('old', 'CODEOLD', 's1', 'c1', 'kiosk', '旧的反映', 1, 1, 'received', 'station', '2025-03-10', 1, 1, '{}')`.execute(
    db,
  )
  await migrateTo(db, '0003_submission_id')
})

afterAll(async () => {
  await db.destroy()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('migration 0003_submission_id', () => {
  it('keeps the petitions stored before it, with no submission id', async () => {
    const old = await db.selectFrom('petition').selectAll().where('id', '=', 'old').executeTakeFirst()
    expect(old).toMatchObject({ code: 'CODEOLD', text: '旧的反映', submission_id: null })
  })

  it('refuses a second petition under the same submission id', async () => {
    await insertPetition('p1', KEY)
    await expect(insertPetition('p2', KEY)).rejects.toThrow(
      /UNIQUE constraint failed: petition\.submission_id/,
    )
  })

  it('lets any number of petitions go without a submission id', async () => {
    await insertPetition('n1', null)
    await insertPetition('n2', null)
    await insertPetition('n3')
    const r = await db.selectFrom('petition').select('id').where('submission_id', 'is', null).execute()
    expect(r.map((p) => p.id).sort()).toEqual(['n1', 'n2', 'n3', 'old'])
  })

  it('indexes submission ids as unique only where there is one', async () => {
    const list = await sql<{ name: string; unique: number; partial: number }>`
      select name, "unique", partial from pragma_index_list('petition')`.execute(db)
    expect(list.rows).toContainEqual({ name: 'petition_submission', unique: 1, partial: 1 })
    const cols = await sql<{
      name: string
    }>`select name from pragma_index_info('petition_submission')`.execute(db)
    expect(cols.rows.map((c) => c.name)).toEqual(['submission_id'])
  })
})
