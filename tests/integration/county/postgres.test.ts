import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'
import { createTestDatabase } from '../../fixtures/postgres'

describe('the test PostgreSQL server', () => {
  it('gives each test file a database of its own on a real server', async () => {
    const url = await createTestDatabase(inject('postgresUrl'))
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      const { rows } = await client.query<{ db: string; v: string }>(
        'select current_database() as db, current_setting($1) as v',
        ['server_version_num'],
      )
      expect(rows[0]?.db).toBe(new URL(url).pathname.slice(1))
      expect(Number(rows[0]?.v)).toBeGreaterThanOrEqual(150000)
    } finally {
      await client.end()
    }
  })
})
