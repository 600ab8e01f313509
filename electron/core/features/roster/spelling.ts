import { loadNameSpeller } from '../../../../domain/name-spelling'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'

/**
 * Spells again, at station open, the representatives spelled before their names' readings were kept
 * (migration 0016): their pinyin read the given name as a surname (陈乐天 chenyuetian), and 找代表 knew one
 * reading of each character. Only rows without readings, so a later open costs one query and never loads
 * pinyin-pro. Returns how many were spelled.
 */
export async function respellRoster(db: Kysely<DB>): Promise<number> {
  const rows = await db
    .selectFrom('representative')
    .select(['id', 'name'])
    .where('name_readings', 'is', null)
    .execute()
  if (rows.length === 0) return 0
  const spell = await loadNameSpeller()
  await db.transaction().execute(async (tx) => {
    for (const r of rows) {
      const spelled = spell(r.name)
      await tx
        .updateTable('representative')
        .set({
          name_pinyin: spelled.pinyin,
          name_initials: spelled.initials,
          name_readings: spelled.readings,
        })
        .where('id', '=', r.id)
        .execute()
    }
  })
  return rows.length
}
