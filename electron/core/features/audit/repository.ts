import { insertMany } from '../../db/insert-many'
import type { Executor, NewRow, Row } from '../../db/schema'

export function lastAudit(db: Executor) {
  return db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst()
}

export async function insertAudit(db: Executor, rows: readonly NewRow<'audit_log'>[]) {
  await insertMany(db, 'audit_log', rows)
}

export function auditPage(db: Executor, afterSeq: number, limit: number): Promise<Row<'audit_log'>[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute()
}

/** Newest first, before `beforeSeq`, optionally only actions starting with `prefix`. */
export function auditNewestFirst(
  db: Executor,
  f: { beforeSeq: number | null; prefix: string | null; limit: number },
): Promise<Row<'audit_log'>[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(f.limit)
  if (f.beforeSeq !== null) q = q.where('seq', '<', f.beforeSeq)
  if (f.prefix !== null) {
    // The prefix as a range (>= 'staff.' and < 'staff/'): exact, with no LIKE wildcards to escape.
    const end = f.prefix.slice(0, -1) + String.fromCharCode(f.prefix.charCodeAt(f.prefix.length - 1) + 1)
    q = q.where('action', '>=', f.prefix).where('action', '<', end)
  }
  return q.execute()
}
