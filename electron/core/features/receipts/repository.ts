import type { Executor } from '../../db/schema'

/** Everything a receipt shows about one petition, in one query; personal data only in its masked columns. */
export function receiptRow(db: Executor, petitionId: string) {
  return db
    .selectFrom('petition')
    .innerJoin('category', 'category.id', 'petition.category_id')
    .select([
      'petition.id',
      'petition.code',
      'petition.submitted_at',
      'petition.level',
      'petition.due_on',
      'petition.masked_name',
      'petition.masked_phone',
      'category.name as category_name',
    ])
    .where('petition.id', '=', petitionId)
    .executeTakeFirst()
}
