import { describe, expect, it } from 'vitest'
import { LOOKUP_PAUSE_MS, MAX_LOOKUP_FAILURES } from '../../../electron/core/lookup-limiter'
import { MAX_KIOSK_CHECKIN_FAILURES } from '../../../electron/core/features/visits/service'
import type { TestStation } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'
import { addRepresentative, addShift, addVisit, setClock } from '../../fixtures/records'

/**
 * 进站签到 through the handlers on a real SQLite file. The test clock starts on Monday 2025-03-03 at
 * 09:30 Shanghai time. Shifts come from the duty calendar, written here as the calendar would.
 */

const WANG = { id: 'rep-wang', name: '王海涛', level: 'county' } as const
const LI = { id: 'rep-li', name: '李秀兰', level: 'township' } as const
const TODAY = '2025-03-03'
const HOUR = 3_600_000

async function station(): Promise<TestStation> {
  const { t } = await useSetUpStation()
  await addRepresentative(t, WANG)
  await addRepresentative(t, LI)
  return t
}

/** Staff issue a code for the representative and sign out again, leaving the kiosk to the resident side. */
async function codeFor(t: TestStation, representativeId: string): Promise<string> {
  await t.loginStaff()
  const { code } = await t.succeed('visits.issueCode', { representativeId })
  await t.logout()
  return code
}

const visitCount = async (t: TestStation) => (await t.db.selectFrom('visit').select('id').execute()).length

async function errorOf(p: Promise<{ ok: boolean; error?: { code: string } }>): Promise<string | null> {
  const res = await p
  return res.ok ? null : (res.error?.code ?? null)
}

describe('check-in with a personal code', () => {
  it('records the visit against the morning shift and shows it among today’s duty', async () => {
    const t = await station()
    await addShift(t, WANG.id, TODAY, 'morning')
    const code = await codeFor(t, WANG.id)
    expect(code).toMatch(/^\d{6}$/)

    const res = await t.succeed('visits.checkIn', { representativeId: WANG.id, code })
    expect(res.alreadyToday).toBe(false)
    expect(res.visit).toMatchObject({
      representative: WANG,
      date: TODAY,
      at: t.clock.now(),
      confirmedBy: 'code',
      shiftSlot: 'morning',
    })

    const today = await t.succeed('visits.today', {})
    expect(today.onDuty).toEqual([expect.objectContaining({ slot: 'morning', checkedInAt: t.clock.now() })])
    expect(today.visits.map((v) => v.representative.name)).toEqual([WANG.name])
  })

  it('keeps only a slow hash of the code, and audits issue and check-in without the code', async () => {
    const t = await station()
    const code = await codeFor(t, WANG.id)
    await t.succeed('visits.checkIn', { representativeId: WANG.id, code })
    const rep = await t.db
      .selectFrom('representative')
      .select('checkin_code_hash')
      .where('id', '=', WANG.id)
      .executeTakeFirstOrThrow()
    expect(rep.checkin_code_hash).toMatch(/^scrypt\$/)
    expect(rep.checkin_code_hash).not.toContain(code)
    const audit = await t.db.selectFrom('audit_log').select(['action', 'detail', 'actor_role']).execute()
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['visit.codeIssued', 'visit.checkedIn']),
    )
    expect(audit.find((a) => a.action === 'visit.checkedIn')?.actor_role).toBe('representative')
    expect(JSON.stringify(audit)).not.toContain(code)
  })

  it('answers a second check-in the same day with the first, adding nothing', async () => {
    const t = await station()
    const code = await codeFor(t, WANG.id)
    const first = await t.succeed('visits.checkIn', { representativeId: WANG.id, code })
    t.clock.advance(2 * HOUR)
    const again = await t.succeed('visits.checkIn', { representativeId: WANG.id, code })
    expect(again).toEqual({ visit: first.visit, alreadyToday: true })
    expect(await visitCount(t)).toBe(1)
  })

  it('counts two taps at the same moment once', async () => {
    const t = await station()
    const code = await codeFor(t, WANG.id)
    const both = await Promise.all([
      t.succeed('visits.checkIn', { representativeId: WANG.id, code }),
      t.succeed('visits.checkIn', { representativeId: WANG.id, code }),
    ])
    expect(both.map((r) => r.alreadyToday).sort()).toEqual([false, true])
    expect(await visitCount(t)).toBe(1)
  })

  it('refuses a wrong code, and pauses that representative after five, even for the right code', async () => {
    const t = await station()
    const code = await codeFor(t, WANG.id)
    const wrong = code === '000000' ? '111111' : '000000'
    for (let i = 0; i < MAX_LOOKUP_FAILURES; i++) {
      expect(await errorOf(t.call('visits.checkIn', { representativeId: WANG.id, code: wrong }))).toBe(
        'CHECKIN_CODE_WRONG',
      )
    }
    expect(await errorOf(t.call('visits.checkIn', { representativeId: WANG.id, code }))).toBe('LOOKUP_PAUSED')
    expect(await visitCount(t)).toBe(0)
    t.clock.advance(LOOKUP_PAUSE_MS + 1)
    expect((await t.succeed('visits.checkIn', { representativeId: WANG.id, code })).alreadyToday).toBe(false)
  })

  it('lets other representatives check in while one is paused at the kiosk', async () => {
    const t = await station()
    const wangCode = await codeFor(t, WANG.id)
    const liCode = await codeFor(t, LI.id)
    const wrong = wangCode === '000000' ? '111111' : '000000'
    for (let i = 0; i < MAX_LOOKUP_FAILURES; i++) {
      await t.call('visits.checkIn', { representativeId: WANG.id, code: wrong })
    }
    expect(await errorOf(t.call('visits.checkIn', { representativeId: WANG.id, code: wangCode }))).toBe(
      'LOOKUP_PAUSED',
    )
    expect((await t.succeed('visits.checkIn', { representativeId: LI.id, code: liCode })).alreadyToday).toBe(
      false,
    )
  })

  it('pauses the kiosk’s check-in after twenty wrong codes spread across representatives', async () => {
    const t = await station()
    const liCode = await codeFor(t, LI.id)
    const perRep = MAX_LOOKUP_FAILURES - 1
    const others = Array.from({ length: Math.ceil(MAX_KIOSK_CHECKIN_FAILURES / perRep) }, (_, i) => ({
      id: `rep-other-${i}`,
      name: `代表${i}`,
      level: 'township' as const,
    }))
    let guessed = 0
    for (const rep of others) {
      await addRepresentative(t, rep)
      const code = await codeFor(t, rep.id)
      const wrong = code === '000000' ? '111111' : '000000'
      for (let i = 0; i < perRep && guessed < MAX_KIOSK_CHECKIN_FAILURES; i++, guessed++) {
        expect(await errorOf(t.call('visits.checkIn', { representativeId: rep.id, code: wrong }))).toBe(
          'CHECKIN_CODE_WRONG',
        )
      }
    }
    expect(await errorOf(t.call('visits.checkIn', { representativeId: LI.id, code: liCode }))).toBe(
      'LOOKUP_PAUSED',
    )
    t.clock.advance(LOOKUP_PAUSE_MS + 1)
    expect((await t.succeed('visits.checkIn', { representativeId: LI.id, code: liCode })).alreadyToday).toBe(
      false,
    )
  })

  it('pauses after five wrong codes even when they arrive together', async () => {
    const t = await station()
    const code = await codeFor(t, WANG.id)
    const wrong = code === '000000' ? '111111' : '000000'
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        errorOf(t.call('visits.checkIn', { representativeId: WANG.id, code: wrong })),
      ),
    )
    expect(answers.filter((c) => c === 'CHECKIN_CODE_WRONG').length).toBeLessThanOrEqual(MAX_LOOKUP_FAILURES)
    expect(answers.filter((c) => c !== 'CHECKIN_CODE_WRONG').every((c) => c === 'LOOKUP_PAUSED')).toBe(true)
    expect(await errorOf(t.call('visits.checkIn', { representativeId: WANG.id, code }))).toBe('LOOKUP_PAUSED')
    expect(await visitCount(t)).toBe(0)
  })

  it('keeps counting wrong codes across a right one', async () => {
    const t = await station()
    const code = await codeFor(t, WANG.id)
    const wrong = code === '000000' ? '111111' : '000000'
    for (let i = 0; i < MAX_LOOKUP_FAILURES - 1; i++) {
      await t.call('visits.checkIn', { representativeId: WANG.id, code: wrong })
    }
    // A representative's own code must not wipe the guesses made before it.
    await t.succeed('visits.checkIn', { representativeId: WANG.id, code })
    await t.call('visits.checkIn', { representativeId: WANG.id, code: wrong })
    expect(await errorOf(t.call('visits.checkIn', { representativeId: WANG.id, code }))).toBe('LOOKUP_PAUSED')
  })

  it('asks for staff when the representative has no code yet', async () => {
    const t = await station()
    expect(await errorOf(t.call('visits.checkIn', { representativeId: LI.id, code: '123456' }))).toBe(
      'CHECKIN_CODE_NOT_SET',
    )
  })

  it('stops the old code working when a new one is issued', async () => {
    const t = await station()
    const old = await codeFor(t, WANG.id)
    let fresh = await codeFor(t, WANG.id)
    while (fresh === old) fresh = await codeFor(t, WANG.id)
    expect(await errorOf(t.call('visits.checkIn', { representativeId: WANG.id, code: old }))).toBe(
      'CHECKIN_CODE_WRONG',
    )
    expect(
      (await t.succeed('visits.checkIn', { representativeId: WANG.id, code: fresh })).visit.confirmedBy,
    ).toBe('code')
  })

  it('does not know a representative who is not on the active roster', async () => {
    const t = await station()
    const code = await codeFor(t, WANG.id)
    await t.db.updateTable('representative').set({ active: 0 }).where('id', '=', WANG.id).execute()
    expect(await errorOf(t.call('visits.checkIn', { representativeId: WANG.id, code }))).toBe('NOT_FOUND')
    expect(await errorOf(t.call('visits.checkIn', { representativeId: 'nobody', code }))).toBe('NOT_FOUND')
  })
})

describe('which shift a check-in attends', () => {
  it('takes the afternoon shift after noon when the day has both halves', async () => {
    const t = await station()
    await addShift(t, WANG.id, TODAY, 'morning')
    await addShift(t, WANG.id, TODAY, 'afternoon')
    const code = await codeFor(t, WANG.id)
    t.clock.advance(5 * HOUR) // 14:30
    expect((await t.succeed('visits.checkIn', { representativeId: WANG.id, code })).visit.shiftSlot).toBe(
      'afternoon',
    )
  })

  it('takes the afternoon shift of a representative who comes early for it', async () => {
    const t = await station()
    await addShift(t, WANG.id, TODAY, 'afternoon')
    const code = await codeFor(t, WANG.id)
    expect((await t.succeed('visits.checkIn', { representativeId: WANG.id, code })).visit.shiftSlot).toBe(
      'afternoon',
    )
  })

  it('records a visit without a shift as a visit of its own', async () => {
    const t = await station()
    await addShift(t, WANG.id, '2025-03-04', 'morning')
    const code = await codeFor(t, WANG.id)
    expect(
      (await t.succeed('visits.checkIn', { representativeId: WANG.id, code })).visit.shiftSlot,
    ).toBeNull()
  })
})

describe('staff confirm a check-in', () => {
  it('records it as confirmed by staff, with the staff member in the audit log', async () => {
    const t = await station()
    const clerk = await t.loginStaff()
    const res = await t.succeed('visits.confirm', { representativeId: LI.id })
    expect(res.visit).toMatchObject({ representative: LI, confirmedBy: 'staff' })
    const row = await t.db
      .selectFrom('audit_log')
      .select(['actor_id'])
      .where('action', '=', 'visit.checkedIn')
      .executeTakeFirstOrThrow()
    expect(row.actor_id).toBe(clerk.id)
    await t.logout()
    await t.loginAdmin()
    expect((await t.succeed('audit.verify', {})).ok).toBe(true)
  })

  it('is refused to residents, as is issuing a code and the attendance', async () => {
    const t = await station()
    expect(await errorOf(t.call('visits.confirm', { representativeId: LI.id }))).toBe('STAFF_ONLY')
    expect(await errorOf(t.call('visits.issueCode', { representativeId: LI.id }))).toBe('STAFF_ONLY')
    expect(await errorOf(t.call('visits.attendance', { month: '2025-03' }))).toBe('STAFF_ONLY')
    expect(await visitCount(t)).toBe(0)
  })
})

describe('attendance of a month', () => {
  it('marks each shift attended or not, counts only shifts already due, and lists visits without a shift', async () => {
    const t = await station()
    await addShift(t, WANG.id, '2025-03-01', 'morning')
    await addVisit(t, WANG.id, '2025-03-01')
    await addShift(t, LI.id, '2025-03-02', 'afternoon') // missed
    await addShift(t, LI.id, '2025-03-31', 'morning') // not due yet
    await addVisit(t, LI.id, '2025-03-03') // a drop-in
    await addVisit(t, WANG.id, '2025-02-28') // another month
    await t.loginStaff()

    const month = await t.succeed('visits.attendance', { month: '2025-03' })
    expect(month.shifts.map((s) => [s.date, s.representative.name, s.checkedInAt !== null])).toEqual([
      ['2025-03-01', WANG.name, true],
      ['2025-03-02', LI.name, false],
      ['2025-03-31', LI.name, false],
    ])
    expect(month.dropIns.map((v) => [v.date, v.representative.name])).toEqual([['2025-03-03', LI.name]])
    expect(month.totals).toEqual({ shifts: 3, attended: 1, due: 2, dropIns: 1 })
  })

  it('keeps a past month as it was when the county later marks a representative inactive', async () => {
    const t = await station()
    await addShift(t, WANG.id, '2025-03-01', 'morning')
    await addVisit(t, WANG.id, '2025-03-01')
    await t.loginStaff()
    const before = await t.succeed('visits.attendance', { month: '2025-03' })

    // End of term: the roster marks Wang inactive in April.
    setClock(t, '2025-04-02')
    await t.db.updateTable('representative').set({ active: 0 }).where('id', '=', WANG.id).execute()
    await t.loginStaff() // the March session has long expired

    const after = await t.succeed('visits.attendance', { month: '2025-03' })
    expect(after.shifts).toEqual(before.shifts)
    expect(after.shifts.map((s) => [s.date, s.representative.name, s.checkedInAt !== null])).toEqual([
      ['2025-03-01', WANG.name, true],
    ])
    expect(after.dropIns).toEqual([])
    expect(after.totals).toEqual({ shifts: 1, attended: 1, due: 1, dropIns: 0 })
  })

  it('counts a shift of today as missed only once its slot has ended', async () => {
    const t = await station()
    await addShift(t, WANG.id, '2025-03-04', 'morning')
    await addShift(t, LI.id, '2025-03-04', 'afternoon')
    setClock(t, '2025-03-04', 9)
    await addVisit(t, WANG.id, '2025-03-04') // in at 09:00
    await t.loginStaff()

    const morning = await t.succeed('visits.attendance', { month: '2025-03' })
    expect(morning.shifts.map((s) => [s.representative.name, s.status])).toEqual([
      [WANG.name, 'attended'],
      [LI.name, 'notDue'], // 下午 has not begun
    ])
    expect(morning.totals).toEqual({ shifts: 2, attended: 1, due: 1, dropIns: 0 })

    setClock(t, '2025-03-04', 18)
    await t.loginStaff()
    const evening = await t.succeed('visits.attendance', { month: '2025-03' })
    expect(evening.shifts.map((s) => [s.representative.name, s.status])).toEqual([
      [WANG.name, 'attended'],
      [LI.name, 'missed'],
    ])
    expect(evening.totals).toEqual({ shifts: 2, attended: 1, due: 2, dropIns: 0 })
  })
})
