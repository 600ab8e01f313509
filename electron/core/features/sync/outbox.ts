import { SYNC_SCHEMA_VERSION } from '../../../../contract/sync'
import type { Executor } from '../../db/schema'

export { SYNC_SCHEMA_VERSION }

export type MutationType = 'petition.event' | 'petition.dossier'

/** Writes a mutation for the county in the caller's transaction, so the change and its outbox row commit together. */
export async function enqueueMutation(
  tx: Executor,
  m: { mutationId: string; type: MutationType; hlc: string; payload: unknown; at: number },
): Promise<void> {
  await tx
    .insertInto('sync_outbox')
    .values({
      mutation_id: m.mutationId,
      type: m.type,
      hlc: m.hlc,
      schema_version: SYNC_SCHEMA_VERSION,
      payload: JSON.stringify(m.payload),
      created_at: m.at,
      acked_at: null,
      rejected_reason: null,
    })
    .execute()
}
