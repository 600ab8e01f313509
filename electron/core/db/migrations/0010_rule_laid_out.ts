import { type Kysely, sql } from 'kysely'

/**
 * How far each recurring duty rule has been laid out, so a rule without an end can be kept a year ahead
 * (features/duty/layout.ts) instead of running dry a year after it was saved. A rule with an end was laid
 * out to it when saved. For one without, the last date it put anything on is the best record there is
 * (dates it skipped at the very end are looked at again, and skipped again for the same reasons); a rule
 * that put nothing on yet is laid out from its start.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('duty_rule').addColumn('laid_out_through', 'text').execute()
  await sql`
    update duty_rule set laid_out_through = coalesce(
      ends_on,
      (select max(d) from (
        select max(date) as d from duty_shift where rule_id = duty_rule.id
        union all
        select max(date) from reception_day where rule_id = duty_rule.id
      ))
    )`.execute(db)
}
