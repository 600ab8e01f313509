import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { parseTrackingCode } from '../../../domain/tracking-code'
import { rowCounts } from '../../fixtures/db'
import { useSetUpStation, useTestStation } from '../../fixtures/vitest'

describe('the node-sqlite3 dialect', () => {
  it('refuses a BigInt parameter instead of letting node-sqlite3 store NULL', async () => {
    const t = await useTestStation()
    const insert = t.db
      .insertInto('setting')
      .values({ key: 'big', value: 9007199254740993n as unknown as string })
    await expect(insert.execute()).rejects.toThrow(/BigInt/)
    expect(await t.db.selectFrom('setting').select('key').where('key', '=', 'big').execute()).toEqual([])
  })

  it('refuses a BigInt inside raw SQL too', async () => {
    const t = await useTestStation()
    await expect(sql`select ${10n} as n`.execute(t.db)).rejects.toThrow(/BigInt/)
  })

  it('reports the rows a write changed', async () => {
    const t = await useTestStation()
    await t.db
      .insertInto('setting')
      .values([
        { key: 'a', value: '1' },
        { key: 'b', value: '2' },
      ])
      .execute()
    const r = await t.db
      .updateTable('setting')
      .set({ value: '3' })
      .where('key', 'in', ['a', 'b'])
      .executeTakeFirst()
    expect(r.numUpdatedRows).toBe(2n)
  })

  it('serialises concurrent transactions: forty petitions submitted at once all commit, codes unique', async () => {
    const { t } = await useSetUpStation()
    const before = await rowCounts(t.db)
    const input = await t.submitInput()

    const results = await Promise.all(Array.from({ length: 40 }, () => t.call('petitions.submit', input)))

    const codes = results.map((r) => (r.ok ? r.value.code : r.error.code))
    expect(codes.every((c) => parseTrackingCode(c).ok)).toBe(true)
    expect(new Set(codes).size).toBe(40)
    const after = await rowCounts(t.db)
    expect(after['petition']).toBe((before['petition'] ?? 0) + 40)
    expect(after['petition_event']).toBe((before['petition_event'] ?? 0) + 40)
  })

  it('keeps a transaction whole while other calls wait: a rolled-back write leaves no trace', async () => {
    const { t } = await useSetUpStation()
    const before = await rowCounts(t.db)
    const failing = t.db.transaction().execute(async (tx) => {
      await tx.insertInto('setting').values({ key: 'half', value: '"written"' }).execute()
      await new Promise((resolve) => setTimeout(resolve, 50))
      throw new Error('fails after a pause')
    })
    // Queued behind the transaction's connection: runs only after the rollback.
    const reader = t.db.selectFrom('setting').select('key').where('key', '=', 'half').execute()

    await expect(failing).rejects.toThrow('fails after a pause')
    expect(await reader).toEqual([])
    expect(await rowCounts(t.db)).toEqual(before)
  })
})
