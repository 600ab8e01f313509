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

/** Many lines in one statement (a push that replaced hundreds of shifts); same rules as hubAudit. */
export async function hubAuditMany(
  db: HubExecutor,
  entries: readonly {
    stationId: string | null
    action: string
    outcome: string
    detail?: Record<string, unknown>
  }[],
): Promise<void> {
  if (entries.length === 0) return
  await db
    .insertInto('hub_audit')
    .values(
      entries.map((e) => ({
        station_id: e.stationId,
        action: e.action,
        outcome: e.outcome,
        detail: JSON.stringify(e.detail ?? {}),
      })),
    )
    .execute()
}
