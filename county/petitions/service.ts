import crypto from 'node:crypto'
import { formatHlc, parseHlc, tickHlc } from '../../domain/hlc'
import type { PetitionEvent, PetitionEventBody } from '../../domain/petition/events'
import type { PetitionState } from '../../domain/petition/reducer'
import { refusalFor } from '../../domain/petition/transitions'
import { hubAudit } from '../audit'
import type { HubExecutor } from '../db/schema'
import { HubError } from '../errors'
import { insertEvent, refold } from '../sync/push'
import { takeVersion } from '../sync/versions'

/** The county's own node id in hybrid logical clocks. */
export const COUNTY_NODE = 'county'

/** County staff acting on a petition escalated to the county: transfer, set the due date, reply. */
export type CountyAction = Extract<
  PetitionEventBody,
  { type: 'transferred' | 'deadlineSet' | 'deadlineExtended' | 'replied' | 'noted' | 'supervised' | 'closed' }
>

export async function actAsCounty(
  db: HubExecutor,
  petitionId: string,
  action: CountyAction,
  actor: { id: string },
  now: number,
): Promise<PetitionState> {
  return db.transaction().execute(async (tx) => {
    // Locking the petition row orders county actions on one petition, across hub processes.
    const row = await tx
      .selectFrom('petition')
      .select(['station_id', 'state'])
      .where('id', '=', petitionId)
      .forUpdate()
      .executeTakeFirst()
    if (!row) throw new HubError(404, 'BAD_REQUEST', 'no such petition')
    const state = row.state as PetitionState
    const refusal = refusalFor(state, action, 'county')
    if (refusal) throw new HubError(409, 'FORBIDDEN', `the county may not do this now: ${refusal}`)
    // The clock is derived from the timeline itself, so hub processes share no clock state.
    const latest = await tx
      .selectFrom('petition_event')
      .select('hlc')
      .where('petition_id', '=', petitionId)
      .orderBy('hlc', 'desc')
      .limit(1)
      .executeTakeFirst()
    const hlc = formatHlc(tickHlc(latest ? parseHlc(latest.hlc) : null, now, COUNTY_NODE))
    const event = {
      id: crypto.randomUUID(),
      petitionId,
      at: now,
      hlc,
      actor: { role: 'county', id: actor.id },
      ...action,
    } as PetitionEvent
    await insertEvent(tx, row.station_id, event, 'county')
    await refold(tx, petitionId)
    const version = await takeVersion(tx)
    await tx.updateTable('petition_event').set({ version }).where('id', '=', event.id).execute()
    await tx.updateTable('petition').set({ updated_version: version }).where('id', '=', petitionId).execute()
    await hubAudit(tx, {
      stationId: row.station_id,
      action: `petition.${action.type}`,
      outcome: 'ok',
      detail: { petitionId, eventId: event.id, by: actor.id },
    })
    const after = await tx
      .selectFrom('petition')
      .select('state')
      .where('id', '=', petitionId)
      .executeTakeFirstOrThrow()
    return after.state as PetitionState
  })
}
