import { type MutationType, SYNC_SCHEMA_VERSION } from '../../../../contract/sync'
import { insertMany } from '../../db/insert-many'
import type { Executor, NewRow } from '../../db/schema'

export { SYNC_SCHEMA_VERSION }
export type { MutationType }

export interface Mutation {
  readonly mutationId: string
  readonly type: MutationType
  readonly hlc: string
  readonly payload: unknown
  readonly at: number
}

const rowOf = (m: Mutation): NewRow<'sync_outbox'> => ({
  mutation_id: m.mutationId,
  type: m.type,
  hlc: m.hlc,
  schema_version: SYNC_SCHEMA_VERSION,
  payload: JSON.stringify(m.payload),
  created_at: m.at,
  acked_at: null,
  rejected_reason: null,
})

/** Writes a mutation for the county in the caller's transaction, so the change and its outbox row commit together. */
export async function enqueueMutation(tx: Executor, m: Mutation): Promise<void> {
  await tx.insertInto('sync_outbox').values(rowOf(m)).execute()
}

/**
 * Many mutations at once, in list order, in the caller's transaction: a rule laid out a year ahead writes
 * hundreds of shifts, one statement per few hundred rows rather than one per shift.
 */
export async function enqueueMutations(tx: Executor, list: readonly Mutation[]): Promise<void> {
  await insertMany(tx, 'sync_outbox', list.map(rowOf))
}
