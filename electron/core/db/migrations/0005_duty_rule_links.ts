import { type Kysely, sql } from 'kysely'

/**
 * Editing the duty calendar (issue 4):
 * - a reception day remembers the recurring rule that made it (the monthly 民意集市), so ending the rule
 *   removes its future days as it removes a rule's future shifts;
 * - a rule's shifts are found by rule, not by a scan, when the rule ends;
 * - one reception day per station and date: the desk sets a day's theme, it does not stack a second one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('reception_day')
    .addColumn('rule_id', 'text', (c) => c.references('duty_rule.id'))
    .execute()
  await db.schema.createIndex('duty_shift_rule').on('duty_shift').columns(['rule_id', 'date']).execute()
  await db.schema
    .createIndex('reception_day_unique')
    .on('reception_day')
    .columns(['station_id', 'date'])
    .unique()
    .where(sql.ref('deleted'), '=', 0)
    .execute()
}
