import type { Kysely } from 'kysely'

/**
 * Every reading of each character of a representative's name, for 找代表 (domain/name-spelling.ts). The
 * speller loads pinyin-pro, which a migration should not depend on, so existing rows keep null and are
 * spelled again, pinyin and initials too, when the station opens (features/roster/spelling.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('representative').addColumn('name_readings', 'text').execute()
}
