import { z } from 'zod'
import type { PetitionEvent } from '../domain/petition/events'
import { ACTOR_ROLES, CHANNELS, RATINGS, REPLY_METHODS } from '../domain/petition/types'

/**
 * A petition event as it travels between station and hub. The receiving side trusts nothing: every field
 * is checked here before the reducer sees it. Free-text fields are bounded as the station's own inputs are.
 */
const id = z.string().min(1).max(64)
const words = (max: number) => z.string().min(1).max(max)
const isoDate = z.iso.date()

const meta = {
  id,
  petitionId: id,
  at: z.number().int().nonnegative(),
  hlc: z.string().min(1).max(120),
  actor: z.strictObject({ role: z.enum(ACTOR_ROLES), id: id.nullable() }),
}

export const PetitionEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...meta,
    type: z.literal('submitted'),
    code: z.string().regex(/^[2-9A-HJ-NP-Z]{8}$/),
    stationId: id,
    categoryId: id,
    channel: z.enum(CHANNELS),
    level: z.enum(['station', 'township', 'county']),
    dueOn: isoDate,
    preferredRepresentativeId: id.nullable(),
  }),
  z.object({ ...meta, type: z.literal('triaged'), categoryId: id, level: z.enum(['station', 'township']) }),
  z.object({
    ...meta,
    type: z.literal('assigned'),
    representativeIds: z.array(id).max(20),
    department: words(100).nullable(),
  }),
  z.object({ ...meta, type: z.literal('noted'), text: words(2000) }),
  z.object({ ...meta, type: z.literal('supervised'), text: words(2000) }),
  z.object({ ...meta, type: z.literal('deadlineSet'), dueOn: isoDate, reason: words(500) }),
  z.object({ ...meta, type: z.literal('deadlineExtended'), dueOn: isoDate, reason: words(500) }),
  z.object({ ...meta, type: z.literal('resolvedOnSpot'), answer: words(2000) }),
  z.object({ ...meta, type: z.literal('escalated'), to: z.enum(['township', 'county']), reason: words(500) }),
  z.object({ ...meta, type: z.literal('transferred'), department: words(100) }),
  z.object({ ...meta, type: z.literal('replied'), answer: words(2000), method: z.enum(REPLY_METHODS) }),
  z.object({ ...meta, type: z.literal('closed'), summary: words(500) }),
  z.object({ ...meta, type: z.literal('rated'), rating: z.enum(RATINGS), reason: words(500).nullable() }),
  // dueOn from sync schema version 3 on; a version-2 reopening has none and keeps the old due date.
  z.object({ ...meta, type: z.literal('reopened'), reason: words(500), dueOn: isoDate.exactOptional() }),
  z.object({ ...meta, type: z.literal('linkedDuplicate'), duplicateOf: id }),
])

/** Parses an event from the wire; extra fields the sender added (the submitted text, places) are dropped. */
export function parsePetitionEvent(
  x: unknown,
): { ok: true; event: PetitionEvent } | { ok: false; reason: string } {
  const r = PetitionEventSchema.safeParse(x)
  if (!r.success)
    return { ok: false, reason: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }
  return { ok: true, event: r.data as PetitionEvent }
}

// The schema and the domain's event type describe the same thing: a mismatch fails the type check.
type Parsed = z.output<typeof PetitionEventSchema>
export const EVENT_SCHEMA_MATCHES_DOMAIN: [Parsed] extends [PetitionEvent] ? true : never = true
