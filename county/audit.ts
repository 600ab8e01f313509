import type { HubExecutor } from './db/schema'

/** One line of the hub's audit log. Details never hold personal data. */
export async function hubAudit(
  db: HubExecutor,
  e: { stationId: string | null; action: string; outcome: string; detail?: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('hub_audit')
    .values({
      station_id: e.stationId,
      action: e.action,
      outcome: e.outcome,
      detail: JSON.stringify(e.detail ?? {}),
    })
    .execute()
}
