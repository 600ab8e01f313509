import { describe, expect, it } from 'vitest'
import { buildRosterIndex } from '../../../domain/roster-search'
import { applyPage } from '../../../electron/core/sync/apply'
import { useSetUpStation } from '../../fixtures/vitest'

/**
 * How the roster spells names for 找代表: the surname as a surname, the given name the everyday way, and
 * every reading of each character kept, so a resident who reads 单 as dan or 乐 as le finds them.
 */

const county = (id: string, name: string) => ({
  version: 1,
  type: 'representative.put' as const,
  payload: { id, name, level: 'county', sector: '农民', specialties: [], active: true },
})

describe('spelling the roster', () => {
  it('finds the county’s 陈乐天 by chenle and clt, and 单建国 by dan', async () => {
    const { t } = await useSetUpStation()
    await t.db
      .transaction()
      .execute((tx) => applyPage(tx, [county('r1', '陈乐天'), county('r2', '单建国')], t.clock.now()))
    const directory = await t.succeed('roster.directory', {})
    const chen = directory.representatives.find((r) => r.name === '陈乐天')
    expect(chen).toMatchObject({ namePinyin: 'chenletian', nameInitials: 'clt' })
    const index = buildRosterIndex(directory.representatives)
    for (const text of ['chenle', 'clt', 'chenletian']) {
      expect(
        index.search({ text }).map((r) => r.name),
        text,
      ).toEqual(['陈乐天'])
    }
    for (const text of ['dan', 'danjianguo', 'shanjianguo', 'djg']) {
      expect(
        index.search({ text }).map((r) => r.name),
        text,
      ).toEqual(['单建国'])
    }
  })

  it('spells again at open the names spelled before the readings were kept', async () => {
    const { t } = await useSetUpStation()
    await t.db.transaction().execute((tx) => applyPage(tx, [county('r1', '陈乐天')], t.clock.now()))
    // As an older station stored it: surname readings throughout, no readings.
    await t.db
      .updateTable('representative')
      .set({ name_pinyin: 'chenyuetian', name_initials: 'cyt', name_readings: null })
      .execute()
    await t.reopen()
    const row = await t.db
      .selectFrom('representative')
      .select(['name_pinyin', 'name_initials', 'name_readings'])
      .executeTakeFirstOrThrow()
    expect(row.name_pinyin).toBe('chenletian')
    expect(row.name_initials).toBe('clt')
    expect(row.name_readings).toMatch(/^chen le\/.*yue.* tian$/)
  })
})
