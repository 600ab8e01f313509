import { sql } from 'kysely'
import { describe, expect, inject, it, onTestFinished } from 'vitest'
import { openHubDatabase } from '../../../county/db/open'
import { MAX_PREPARED } from '../../../county/db/prepared'
import { anyOf } from '../../../county/db/bulk'
import { createTestDatabase } from '../../fixtures/postgres'

describe('the hub’s statements on PostgreSQL', () => {
  it('are prepared once per connection by name, except those whose text grows with a list', async () => {
    // One connection, so every statement below meets the same prepared ones.
    const hub = await openHubDatabase(await createTestDatabase(inject('postgresUrl')), 1)
    onTestFinished(() => hub.close())
    const prepared = async () =>
      (
        await sql<{ name: string; statement: string }>`
          select name, statement from pg_prepared_statements where name like ${'yz\\_%'}`.execute(hub.db)
      ).rows

    for (let i = 0; i < 3; i++) {
      await hub.db.selectFrom('station').select('id').where('id', '=', `st-${i}`).execute()
      await hub.db
        .selectFrom('station')
        .select('id')
        .where('id', '=', anyOf([`st-${i}`, 'st-x']))
        .execute()
      await hub.db
        .selectFrom('station')
        .select('id')
        .where('id', 'in', [`st-${i}`, 'st-x'])
        .execute()
    }

    const statements = (await prepared()).map((p) => p.statement)
    expect(statements).toEqual(
      expect.arrayContaining([
        'select "id" from "station" where "id" = $1',
        'select "id" from "station" where "id" = any($1)',
      ]),
    )
    expect(statements.filter((s) => s.includes('station'))).toHaveLength(2)
    expect(statements.some((s) => s.includes(' in ('))).toBe(false)
  })

  it(`names no more than ${MAX_PREPARED} statement texts`, async () => {
    const hub = await openHubDatabase(await createTestDatabase(inject('postgresUrl')), 1)
    onTestFinished(() => hub.close())
    for (let i = 0; i < MAX_PREPARED + 20; i++)
      await sql`select ${sql.lit(i)}::integer + ${1}::integer as n`.execute(hub.db)
    const n = await sql<{ n: number }>`
      select count(*)::integer as n from pg_prepared_statements where name like ${'yz\\_%'}`.execute(hub.db)
    expect(n.rows[0]?.n).toBe(MAX_PREPARED)
  })

  it('sends a statement unnamed once another process changed what it returns, after failing it once', async () => {
    const url = await createTestDatabase(inject('postgresUrl'))
    const hub = await openHubDatabase(url, 1)
    onTestFinished(() => hub.close())
    const other = await openHubDatabase(url, 1)
    onTestFinished(() => other.close())
    const read = () => sql`select * from station where id = ${'st-1'}`.execute(hub.db)
    await read()

    // A newer hub's migration, from another process.
    await sql`alter table station add column note text`.execute(other.db)

    await expect(read()).rejects.toMatchObject({ code: '0A000' })
    await expect(read()).resolves.toMatchObject({ rows: [] })
    await expect(read()).resolves.toMatchObject({ rows: [] })
  })

  it('are all sent unnamed when the hub is told not to prepare (a pooler that cannot keep them)', async () => {
    const url = await createTestDatabase(inject('postgresUrl'))
    const hub = await openHubDatabase({ url, prepare: false }, 1)
    onTestFinished(() => hub.close())
    for (let i = 0; i < 3; i++)
      await hub.db.selectFrom('station').select('id').where('id', '=', `st-${i}`).execute()
    const n = await sql<{ n: number }>`
      select count(*)::integer as n from pg_prepared_statements`.execute(hub.db)
    expect(n.rows[0]?.n).toBe(0)
  })
})
