import crypto from 'node:crypto'
import type { ParsedInputOf } from '../../../../contract/api'
import type { AuditPage, AuditVerification } from '../../../../contract/views'
import type { Executor, Row } from '../../db/schema'
import { auditNewestFirst, auditPage, insertAudit, lastAudit } from './repository'

/**
 * The audit log: one row per state change, each row's hash covering the previous row's hash, so an edited,
 * removed or inserted row breaks the chain from that point on. Details never hold personal data.
 */
export interface AuditEntry {
  readonly at: number
  readonly actor: { readonly role: string; readonly id: string | null }
  readonly action: string
  readonly entity: string
  readonly entityId: string | null
  readonly detail: Readonly<Record<string, unknown>>
}

const GENESIS = '0'.repeat(64)

/** Must run inside the transaction that makes the change it records. */
export async function appendAudit(tx: Executor, e: AuditEntry): Promise<void> {
  await appendAudits(tx, [e])
}

/** Several entries in order, chained in memory and written together (a pulled page is hundreds). */
export async function appendAudits(tx: Executor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return
  let prev = (await lastAudit(tx))?.hash ?? GENESIS
  const rows = entries.map((e) => {
    const row = {
      at: e.at,
      actor_role: e.actor.role,
      actor_id: e.actor.id,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      detail: JSON.stringify(e.detail),
    }
    const hash = chainHash(prev, row)
    const chained = { ...row, prev_hash: prev, hash }
    prev = hash
    return chained
  })
  await insertAudit(tx, rows)
}

type HashedFields = Pick<
  Row<'audit_log'>,
  'at' | 'actor_role' | 'actor_id' | 'action' | 'entity' | 'entity_id' | 'detail'
>

function chainHash(prev: string, r: HashedFields): string {
  const body = JSON.stringify([r.at, r.actor_role, r.actor_id, r.action, r.entity, r.entity_id, r.detail])
  return crypto.createHash('sha256').update(prev).update('\n').update(body).digest('hex')
}

/** Walks the whole chain in pages, so memory stays flat however long the log grows. */
export async function verifyAuditChain(db: Executor): Promise<AuditVerification> {
  let prev = GENESIS
  let lastSeq = 0
  let rows = 0
  for (;;) {
    const page = await auditPage(db, lastSeq, 1000)
    if (page.length === 0) return { ok: true, rows, brokenAt: null }
    for (const r of page) {
      if (r.prev_hash !== prev || r.hash !== chainHash(prev, r)) return { ok: false, rows, brokenAt: r.seq }
      prev = r.hash
      lastSeq = r.seq
      rows++
    }
  }
}

/** 操作记录: the log newest first, a page at a time, with staff names for their ids. */
export async function auditList(db: Executor, input: ParsedInputOf<'audit.list'>): Promise<AuditPage> {
  const [rows, staff] = await Promise.all([
    auditNewestFirst(db, { beforeSeq: input.before, prefix: input.actionPrefix, limit: input.limit }),
    db.selectFrom('staff_user').select(['id', 'name']).execute(),
  ])
  const nameOf = new Map(staff.map((u) => [u.id, u.name]))
  const last = rows.length === input.limit ? rows[rows.length - 1] : undefined
  return {
    rows: rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      actorRole: r.actor_role,
      actorName: r.actor_id === null ? null : (nameOf.get(r.actor_id) ?? null),
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    })),
    next: last ? last.seq : null,
  }
}
