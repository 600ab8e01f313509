import { describe, expect, it } from 'vitest'
import { applyPage } from '../../../electron/core/sync/apply'
import { addRepresentative } from '../../fixtures/records'
import { useSetUpStation } from '../../fixtures/vitest'

describe('a station applying the county’s roster tombstone', () => {
  it('retires the representative by id when the tombstone also carries the name (kept for the county’s figures)', async () => {
    const { t } = await useSetUpStation()
    await addRepresentative(t, { id: 'rep-wang', name: '王海涛', level: 'county' })
    await t.db
      .transaction()
      .execute((tx) =>
        applyPage(
          tx,
          [{ version: 1, type: 'representative.deleted', payload: { id: 'rep-wang', name: '王海涛' } }],
          t.clock.now(),
        ),
      )
    expect(
      await t.db
        .selectFrom('representative')
        .select(['name', 'active'])
        .where('id', '=', 'rep-wang')
        .execute(),
    ).toEqual([{ name: '王海涛', active: 0 }])
  })
})
