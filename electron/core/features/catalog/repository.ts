import type { Executor } from '../../db/schema'

export function categoryById(db: Executor, id: string) {
  return db.selectFrom('category').selectAll().where('id', '=', id).executeTakeFirst()
}

export function activeCategories(db: Executor) {
  return db.selectFrom('category').selectAll().where('active', '=', 1).orderBy('sort').execute()
}

export function townships(db: Executor) {
  return db.selectFrom('township').selectAll().orderBy('sort').execute()
}

/** The villages residents may choose: those the county has not removed. */
export function villages(db: Executor) {
  return db
    .selectFrom('village')
    .selectAll()
    .where('retired_at', 'is', null)
    .orderBy('township_id')
    .orderBy('sort')
    .execute()
}
