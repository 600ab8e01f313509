import { type DatedCredit, petitionCredits } from '../../../domain/board'
import { shanghaiDate } from '../../../domain/dates'
import { type Hlc, formatHlc, tickHlc } from '../../../domain/hlc'
import type { PetitionEvent, PetitionEventBody } from '../../../domain/petition/events'
import { type PetitionState, applyEvent } from '../../../domain/petition/reducer'
import { refusalFor } from '../../../domain/petition/transitions'
import type { ActorRole } from '../../../domain/petition/types'
import { generateTrackingCode } from '../../../domain/tracking-code'
import { type WorkingDayCalendar, addWorkingDays } from '../../../domain/working-days'
import type { PersonalDataCipher } from '../crypto/personal-data'
import type { NewRow } from '../db/schema'
import { creditRows } from '../features/board/repository'
import { contactColumns } from '../features/petitions/contact'
import { eventRow, projectionColumns } from '../features/petitions/repository'
import { buildHeaders } from './headers'
import { officeTime } from './office-hours'
import type { DemoStation } from './places'
import type { Rng } from './random'
import type { Roster } from './roster'
import { type Step, planSteps, stepsUntil } from './stories'
import { CATEGORY_TEXTS, fill } from './texts'

/**
 * The demo petitions of the kiosk's station with their timelines. Every event is checked against the
 * transition table and folded with the reducer, exactly as the petitions service does one step at a
 * time, so the demo never holds a timeline the app itself could not have written.
 */

/** The HLC node of steps taken at the county hub (the station's own steps use the station's node). */
export const COUNTY_NODE = 'county'
/** Every demo event lies at least this far in the past, so the kiosk's next real event sorts after it. */
const PAST_MARGIN_MS = 5 * 60_000
const HOUR = 3_600_000

export interface PetitionRows {
  readonly petitions: NewRow<'petition'>[]
  readonly events: NewRow<'petition_event'>[]
  /** The board's credits of those events, as the station stores them with each event. */
  readonly credits: NewRow<'board_credit'>[]
}

export function buildPetitions(p: {
  rng: Rng
  now: number
  cal: WorkingDayCalendar
  cipher: PersonalDataCipher
  stationNode: string
  station: DemoStation & { readonly townshipId: string }
  villages: readonly { readonly id: string; readonly name: string }[]
  roster: Roster
  staffIds: { readonly staff: string; readonly admin: string }
}): PetitionRows {
  const { rng, now, cal, station } = p
  const home = p.roster.byStation.get(station.id) ?? []
  const codes = new Set<string>()
  const rows: PetitionRows = { petitions: [], events: [], credits: [] }
  const done: { id: string; categoryId: string }[] = []

  for (const h of buildHeaders(rng, now, cal, p.villages.length)) {
    const texts = CATEGORY_TEXTS[h.category.id]
    if (!texts) throw new Error(`demo data: no texts for ${h.category.id}`)
    const village = h.villageIndex === null ? null : (p.villages[h.villageIndex] ?? null)
    const place = { township: station.township, village: village?.name ?? null }
    const versed = home.filter((r) => r.specialties.includes(h.category.specialty))
    const repIds = (versed.length > 0 ? versed : home).map((r) => r.row.id)
    const sameKind = done.filter((d) => d.categoryId === h.category.id)
    const earlier = sameKind.length > 0 ? sameKind : done
    const duplicateOf = earlier.length > 0 ? rng.pick(earlier).id : null
    // The very first petition cannot duplicate anything: it is handled at the station instead.
    const story =
      h.story.route === 'duplicate' && !duplicateOf ? { ...h.story, route: 'station' as const } : h.story
    const steps = planSteps({
      rng,
      story,
      categoryId: h.category.id,
      timeLimitDays: h.category.timeLimitDays,
      texts,
      place,
      repIds,
      duplicateOf,
      ...(h.countyAnswer === undefined ? {} : { countyAnswer: fill(h.countyAnswer, place) }),
    })
    const keep =
      story.stopAfter === 'submitted'
        ? 0
        : story.stopAfter
          ? stepsUntil(steps, story.stopAfter)
          : steps.length
    const timed = schedule(
      rng,
      steps.slice(0, keep),
      h.submittedAt,
      now - PAST_MARGIN_MS,
      h.keepAll || keep < steps.length,
    )

    const code = uniqueCode(rng, codes)
    const preferred = h.wantsPreferred && repIds.length > 0 ? rng.pick(repIds) : null
    const submitted: PetitionEventBody = {
      type: 'submitted',
      code,
      stationId: station.id,
      categoryId: h.category.id,
      channel: h.channel,
      level: h.category.defaultLevel,
      dueOn: addWorkingDays(shanghaiDate(h.submittedAt), h.category.timeLimitDays, cal),
      preferredRepresentativeId: preferred,
    }
    // The kiosk files petitions as the resident; every other channel is typed in by staff.
    const submitter: ActorRole = h.channel === 'kiosk' ? 'resident' : 'staff'
    const timeline = new Timeline(rng, h.id, p.stationNode, p.staffIds)
    timeline.append(submitted, submitter, h.submittedAt)
    for (const { step, at } of timed)
      timeline.append(step.body({ state: timeline.current(), at, cal }), step.role, at)

    const state = timeline.current()
    rows.petitions.push({
      id: h.id,
      code,
      station_id: station.id,
      category_id: state.categoryId,
      channel: h.channel,
      text: fill(h.template, place),
      township_id: station.townshipId,
      village_id: village?.id ?? null,
      preferred_representative_id: preferred,
      submitted_at: h.submittedAt,
      ...contactColumns(p.cipher, h.id, h.contact),
      ...projectionColumns(state),
    })
    rows.events.push(...timeline.rows())
    rows.credits.push(...creditRows(station.id, h.id, timeline.credits()))
    // A duplicate is linked to an original, never to another duplicate.
    if (story.route !== 'duplicate') done.push({ id: h.id, categoryId: h.category.id })
  }
  return rows
}

/**
 * Times for the steps: each a random gap after the one before, within the station's office hours. A
 * course cut short on purpose is squeezed into the time since submission so all of it has happened;
 * otherwise whatever would lie in the future has simply not happened yet (a recent petition is still in
 * progress).
 */
function schedule(rng: Rng, steps: readonly Step[], from: number, until: number, squeeze: boolean) {
  let t = from
  const natural = steps.map((step) => {
    t = officeTime(
      rng,
      t + Math.round((step.gap[0] + rng.next() * (step.gap[1] - step.gap[0])) * HOUR),
      'later',
    )
    return { step, at: t }
  })
  const last = natural.at(-1)?.at ?? from
  if (!squeeze || last <= until) return natural.filter((s) => s.at <= until)
  const scale = (until - from) / (last - from)
  let prev = from
  let snapped = from
  const squeezed = natural.map(({ step, at }) => {
    // Strictly increasing, so the timeline's order by time and by HLC is the planned order.
    prev = Math.max(prev + 60_000, from + Math.floor((at - from) * scale))
    snapped = Math.max(snapped + 60_000, officeTime(rng, prev, 'later'))
    return { step, at: prev, snapped }
  })
  // Office hours when they fit; a course squeezed into a few hours may have to run into the evening.
  const fits = snapped <= until
  return squeezed.map(({ step, at, snapped: s }) => ({ step, at: fits ? s : at }))
}

function uniqueCode(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const code = generateTrackingCode((n) => rng.bytes(n))
    if (!taken.has(code)) {
      taken.add(code)
      return code
    }
  }
}

/** One petition's events, each checked by the transition table before the reducer folds it in. */
class Timeline {
  private state: PetitionState | null = null
  private hlc: Hlc | null = null
  private readonly events: PetitionEvent[] = []

  constructor(
    private readonly rng: Rng,
    private readonly petitionId: string,
    private readonly stationNode: string,
    private readonly staffIds: { readonly staff: string; readonly admin: string },
  ) {}

  append(body: PetitionEventBody, role: ActorRole, at: number): void {
    const refusal = refusalFor(this.state, body, role)
    if (refusal) {
      throw new Error(
        `demo timeline refused: ${body.type} by ${role} after ${this.state?.status} (${refusal})`,
      )
    }
    if (this.hlc && at <= this.hlc.wall) throw new Error('demo timeline: event times must increase')
    this.hlc = tickHlc(this.hlc, at, role === 'county' ? COUNTY_NODE : this.stationNode)
    const actorId = role === 'staff' ? this.staffIds.staff : role === 'admin' ? this.staffIds.admin : null
    const event = {
      id: this.rng.uuid(at),
      petitionId: this.petitionId,
      at,
      hlc: formatHlc(this.hlc),
      actor: { role, id: actorId },
      ...body,
    } as PetitionEvent
    const next = applyEvent(this.state, event)
    if (!next) throw new Error('demo timeline: event produced no state')
    this.state = next
    this.events.push(event)
  }

  current(): PetitionState {
    if (!this.state) throw new Error('demo timeline: not submitted yet')
    return this.state
  }

  credits(): DatedCredit[] {
    return petitionCredits(this.events)
  }

  rows(): NewRow<'petition_event'>[] {
    return this.events.map((e) => eventRow(e, e.actor.role === 'county' ? 'county' : 'station'))
  }
}
