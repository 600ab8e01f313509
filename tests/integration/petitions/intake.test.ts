import fs from 'node:fs'
import { sql } from 'kysely'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import type * as TrackingCode from '../../../domain/tracking-code'
import { generateTrackingCode } from '../../../domain/tracking-code'
import { unsettledHandle } from '../../../electron/core/db/open'
import { MAX_PENDING } from '../../../electron/core/features/petitions/intake'
import { journalAndPetitions, powerCutCopy } from '../../fixtures/db'
import { makeTempDir, openTestStation } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'

/**
 * The petition intake journal (electron/core/features/petitions/intake.ts): a submit is acknowledged once
 * its entry is journaled, and the entry becomes the petition before the database is next used, when the
 * station is quiet, when too many wait, or at the next start.
 */

// The tracking codes a test wants drawn next; the real generator once they run out.
const draws = vi.hoisted(() => [] as string[])
vi.mock('../../../domain/tracking-code', async (importOriginal) => {
  const real = await importOriginal<typeof TrackingCode>()
  return { ...real, generateTrackingCode: () => draws.shift() ?? real.generateTrackingCode() }
})

const peek = journalAndPetitions

/** The station stays busy in these tests: only what they do applies the journal. */
const NEVER_QUIET = 3_600_000

describe('the petition intake journal', () => {
  it('acknowledges a submit once journaled, and applies it, whole, before the database is next read', async () => {
    const { t } = await useSetUpStation({ intakeIdleMs: NEVER_QUIET })
    const input = await t.submitInput()

    const res = await t.succeed('petitions.submit', input)

    expect(await peek(t.dataDir)).toEqual({ journal: 1, petitions: 0 })
    const petition = await t.db.selectFrom('petition').selectAll().where('id', '=', res.id).executeTakeFirst()
    expect(petition).toMatchObject({ code: res.code, status: 'received', text: input.text })
    const events = await t.db
      .selectFrom('petition_event')
      .select('id')
      .where('petition_id', '=', res.id)
      .execute()
    expect(events).toHaveLength(1)
    const outbox = await t.db
      .selectFrom('sync_outbox')
      .select('type')
      .where('mutation_id', '=', events[0]?.id ?? '-')
      .execute()
    expect(outbox).toEqual([{ type: 'petition.event' }])
    expect(await peek(t.dataDir)).toEqual({ journal: 0, petitions: 1 })
  })

  it('shows the desk and the resident a petition still in the journal', async () => {
    const { t } = await useSetUpStation({ intakeIdleMs: NEVER_QUIET })
    const res = await t.submit()
    expect((await peek(t.dataDir)).journal).toBe(1)

    const progress = await t.succeed('petitions.lookup', { code: res.code, phoneLast4: '1234' })

    expect(progress).toMatchObject({ code: res.code, status: 'received' })
  })

  it('applies the journal once the station has been quiet a moment, with nobody reading', async () => {
    const { t } = await useSetUpStation({ intakeIdleMs: 50 })
    await t.submit()

    await vi.waitFor(async () => expect(await peek(t.dataDir)).toEqual({ journal: 0, petitions: 1 }), {
      timeout: 5_000,
    })
  })

  it('applies at the next start what a power cut left in the journal', async () => {
    const { t } = await useSetUpStation({ intakeIdleMs: NEVER_QUIET })
    const res = await t.submit()
    // The data folder as the power cut leaves it: the entry committed, nothing applied, no lock released.
    const copy = makeTempDir()
    powerCutCopy(t.dataDir, copy)
    expect(await peek(copy)).toEqual({ journal: 1, petitions: 0 })

    const after = await openTestStation({ dataDir: copy })
    onTestFinished(async () => {
      await after.close()
      fs.rmSync(copy, { recursive: true, force: true })
    })

    expect(await peek(copy)).toEqual({ journal: 0, petitions: 1 })
    await after.loginAdmin()
    const detail = await after.succeed('petitions.get', { id: res.id })
    expect(detail).toMatchObject({
      state: { code: res.code },
      timeline: [expect.objectContaining({ type: 'submitted' })],
    })
  })

  it(`applies what waits when a submit finds ${MAX_PENDING} entries there, so a reader never waits on more`, async () => {
    const { t } = await useSetUpStation({ intakeIdleMs: NEVER_QUIET })
    const input = await t.submitInput({ contact: null })
    for (let i = 0; i < MAX_PENDING; i++) await t.succeed('petitions.submit', { ...input, text: `第${i}件` })
    expect(await peek(t.dataDir)).toEqual({ journal: MAX_PENDING, petitions: 0 })

    await t.succeed('petitions.submit', { ...input, text: '又一件' })

    expect(await peek(t.dataDir)).toEqual({ journal: 1, petitions: MAX_PENDING })
  })

  it('answers a retry of a submission still in the journal with the first receipt, and refuses other content', async () => {
    const { t } = await useSetUpStation({ intakeIdleMs: NEVER_QUIET })
    const input = await t.submitInput({ submissionId: '0f8fad5b-d9cb-469f-a165-70867728950e' })
    const first = await t.succeed('petitions.submit', input)
    expect(await peek(t.dataDir)).toEqual({ journal: 1, petitions: 0 })

    expect(await t.succeed('petitions.submit', input)).toEqual(first)
    const other = await t.call('petitions.submit', { ...input, text: '另一件事' })

    expect(other).toMatchObject({ ok: false, error: { code: 'SUBMISSION_ID_REUSED' } })
    expect(await peek(t.dataDir)).toEqual({ journal: 0, petitions: 1 })
  })

  it('draws another tracking code when a petition or a journaled entry already holds the one drawn', async () => {
    const { t } = await useSetUpStation({ intakeIdleMs: NEVER_QUIET })
    const input = await t.submitInput()
    const applied = await t.succeed('petitions.submit', input)
    await t.db.selectFrom('petition').select('id').execute() // applies it
    const waiting = await t.succeed('petitions.submit', input)
    expect(await peek(t.dataDir)).toEqual({ journal: 1, petitions: 1 })
    const free = generateTrackingCode()
    draws.push(applied.code, waiting.code, free)

    const third = await t.succeed('petitions.submit', input)

    expect(third.code).toBe(free)
    expect(draws).toEqual([])
    const codes = await t.db.selectFrom('petition').select('code').orderBy('submitted_at').execute()
    expect(new Set(codes.map((c) => c.code))).toEqual(new Set([applied.code, waiting.code, free]))
  })

  it('files nothing when the answer cannot be given: the receiving representative is read before the entry', async () => {
    const { t } = await useSetUpStation({ intakeIdleMs: NEVER_QUIET })
    const input = await t.submitInput()
    // The day's duty cannot be read (as on a damaged page): the submit must fail whole, not after filing.
    await sql`alter table duty_shift rename to duty_shift_unreadable`.execute(t.db)

    const res = await t.call('petitions.submit', input)

    expect(res.ok).toBe(false)
    expect(await peek(t.dataDir)).toEqual({ journal: 0, petitions: 0 })
  })

  it('does not keep readers waiting for an entry that is gone from the journal', async () => {
    const { t } = await useSetUpStation({ intakeIdleMs: NEVER_QUIET })
    await t.submit()
    await sql`delete from petition_intake`.execute(unsettledHandle(t.db))

    expect(await t.db.selectFrom('petition').select('id').execute()).toEqual([])
  })
})
