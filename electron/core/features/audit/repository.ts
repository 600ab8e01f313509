import type { Executor, NewRow, Row } from '../../db/schema'

export function lastAudit(db: Executor) {
  return db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst()
}

export function insertAudit(db: Executor, row: NewRow<'audit_log'>) {
  return db.insertInto('audit_log').values(row).execute()
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
