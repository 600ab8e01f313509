import type { Kysely } from 'kysely'

/**
 * Queue pages in due-date order without sorting (bench/desk.ts, 100,000 petitions): 全部 (every status),
 * a level's and a category's queue used to sort every matching row to return fifty; these indexes walk
 * in the page's order and stop at fifty (and keep a level's queue off the plain due-date walk, which
 * would pass over every petition of the other levels). The open queue keeps petition_queue (status first), which finds the few
 * open petitions faster. The station never runs ANALYZE, so the planner's choice here is the one
 * bench/desk.ts measured; a change to that must be measured again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('petition_due').on('petition').columns(['due_on', 'id']).execute()
  await db.schema
    .createIndex('petition_category_due')
    .on('petition')
    .columns(['category_id', 'due_on', 'id'])
    .execute()
  await db.schema
    .createIndex('petition_level_due')
    .on('petition')
    .columns(['level', 'due_on', 'id'])
    .execute()
}
