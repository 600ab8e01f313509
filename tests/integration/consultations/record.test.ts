import { describe, expect, it } from 'vitest'
import { formatTrackingCode } from '../../../domain/tracking-code'
import { gatherBoardInput } from '../../../electron/core/features/board/service'
import { rowCounts } from '../../fixtures/db'
import type { TestStation } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'
import { LI, WANG, addRoster, meeting } from './people'

async function deskWithTwoPetitions() {
  const { t, places } = await useSetUpStation()
  await addRoster(t)
  const first = await t.submit()
  const second = await t.submit()
  await t.loginStaff()
  return { t, places, first, second }
}

async function notesOn(t: TestStation, petitionId: string) {
  const detail = await t.succeed('petitions.get', { id: petitionId })
  return detail.timeline.filter((e) => e.type === 'noted')
}

describe('议事记录: recording a consultation', () => {
  it('stores the meeting with who was there and the petitions it discussed', async () => {
    const { t, first, second } = await deskWithTwoPetitions()

    const recorded = await t.succeed(
      'consultations.record',
      meeting({ petitionCodes: [formatTrackingCode(first.code), second.code.toLowerCase()] }),
    )

    expect(recorded).toMatchObject({
      kind: 'benchCouncil',
      date: '2025-03-03',
      place: '后楼村村委会',
      topic: '村口路灯维护由谁负责',
      residentsCount: 23,
      minutes: '代表和群众逐一发言，意见记录在案。',
      outcome: '路灯交由镇城建办统一维护，村里设一名联络员报修。',
      createdAt: t.clock.now(),
    })
    expect(recorded.representatives.map((r) => r.name).sort()).toEqual([LI.name, WANG.name].sort())
    expect(recorded.petitions.map((p) => p.code).sort()).toEqual([first.code, second.code].sort())
    expect(await t.succeed('consultations.get', { id: recorded.id })).toEqual(recorded)
  })

  it("puts a note with the meeting's date and topic on each linked petition's timeline", async () => {
    const { t, first, second } = await deskWithTwoPetitions()

    await t.succeed('consultations.record', meeting({ petitionCodes: [first.code, second.code] }))

    for (const p of [first, second]) {
      const notes = await notesOn(t, p.id)
      expect(notes).toHaveLength(1)
      expect(notes[0]?.payload['text']).toBe(
        '2025-03-03 板凳议事会讨论了这件诉求，议题：村口路灯维护由谁负责',
      )
      expect(notes[0]?.actorName).toBe('王干事')
    }
  })

  it('sends each note to the county through the outbox and writes the audit rows', async () => {
    const { t, first, second } = await deskWithTwoPetitions()
    const before = await rowCounts(t.db)

    const recorded = await t.succeed(
      'consultations.record',
      meeting({ petitionCodes: [first.code, second.code] }),
    )
    // Read before the notes are: opening a petition is itself audited (petition.contactViewed).
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity_id']).orderBy('seq').execute()
    const added = audit.slice(before['audit_log'])

    const notes = [...(await notesOn(t, first.id)), ...(await notesOn(t, second.id))]
    const outbox = await t.db
      .selectFrom('sync_outbox')
      .select(['mutation_id', 'type'])
      .where(
        'mutation_id',
        'in',
        notes.map((n) => n.id),
      )
      .execute()
    expect(outbox).toHaveLength(2)
    expect(outbox.every((o) => o.type === 'petition.event')).toBe(true)

    expect(added).toEqual([
      { action: 'consultation.recorded', entity_id: recorded.id },
      { action: 'petition.noted', entity_id: expect.any(String) as unknown },
      { action: 'petition.noted', entity_id: expect.any(String) as unknown },
    ])
    await t.loginAdmin()
    expect(await t.succeed('audit.verify', {})).toMatchObject({ ok: true, brokenAt: null })
  })

  it('records a meeting that discussed no petition, touching no timeline', async () => {
    const { t, first } = await deskWithTwoPetitions()
    const before = await rowCounts(t.db)

    await t.succeed('consultations.record', meeting())

    const after = await rowCounts(t.db)
    expect(after['petition_event']).toBe(before['petition_event'])
    // The one outbox row is the consultation itself, for the county (no petition event).
    expect(after['sync_outbox']).toBe((before['sync_outbox'] ?? 0) + 1)
    expect(after['consultation']).toBe((before['consultation'] ?? 0) + 1)
    expect(await notesOn(t, first.id)).toEqual([])
  })

  it('counts the representatives present on the board of that month', async () => {
    const { t } = await deskWithTwoPetitions()
    const recorded = await t.succeed('consultations.record', meeting({ representativeIds: [WANG.id] }))

    const profile = await t.succeed('station.profile', {})
    const input = await gatherBoardInput(t.db, profile.id, '2025-03', t.clock.now())

    expect(input.consultations).toEqual([
      { id: recorded.id, date: '2025-03-03', representativeIds: [WANG.id] },
    ])
  })
})

describe('议事记录: what is refused', () => {
  const cases: [string, (codes: { first: string }) => Parameters<typeof meeting>[0], string][] = [
    ['a date after today', () => ({ date: '2025-03-04' }), 'date'],
    ['no representative', () => ({ representativeIds: [] }), 'representativeIds'],
    [
      'a representative not on the roster',
      () => ({ representativeIds: [WANG.id, 'rep-nobody'] }),
      'representativeIds',
    ],
    [
      'a tracking code no petition has',
      ({ first }) => ({ petitionCodes: [first, 'K7QM-3XZB'] }),
      'petitionCodes',
    ],
    [
      'a tracking code with a wrong check character',
      ({ first }) => ({ petitionCodes: [first, 'ABCD-EFGH'] }),
      'petitionCodes',
    ],
    ['a kind not on the list', () => ({ kind: 'partyMeeting' as 'benchCouncil' }), 'kind'],
    ['a negative residents count', () => ({ residentsCount: -1 }), 'residentsCount'],
    ['an empty topic', () => ({ topic: '   ' }), 'topic'],
    ['a topic of 201 characters', () => ({ topic: '议'.repeat(201) }), 'topic'],
    ['minutes of 5,001 characters', () => ({ minutes: '记'.repeat(5001) }), 'minutes'],
    ['an outcome of 5,001 characters', () => ({ outcome: '果'.repeat(5001) }), 'outcome'],
  ]

  it.each(cases)(
    'refuses %s with a Chinese message on the field, and writes nothing',
    async (_what, change, field) => {
      const { t, first } = await deskWithTwoPetitions()
      const before = await rowCounts(t.db)

      const res = await t.call('consultations.record', meeting(change({ first: first.code })))

      expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
      const fields = res.ok ? {} : (res.error.fields ?? {})
      expect(Object.keys(fields)).toEqual([field])
      expect(fields[field]).toMatch(/[\u4e00-\u9fff]/)
      expect(await rowCounts(t.db)).toEqual(before)
    },
  )

  it('refuses a resident (no staff session) with STAFF_ONLY, and writes nothing', async () => {
    const { t } = await useSetUpStation()
    await addRoster(t)
    const { code } = await t.submit()
    const before = await rowCounts(t.db)

    for (const [method, input] of [
      ['consultations.record', meeting({ petitionCodes: [code] })],
      ['consultations.list', {}],
      ['consultations.get', { id: 'anything' }],
    ] as const) {
      expect(await t.callRaw(method, input), method).toMatchObject({
        ok: false,
        error: { code: 'STAFF_ONLY' },
      })
    }
    expect(await rowCounts(t.db)).toEqual(before)
  })

  it('answers NOT_FOUND for a consultation that does not exist', async () => {
    const { t } = await deskWithTwoPetitions()
    expect(await t.call('consultations.get', { id: 'no-such-meeting' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })
})
