import { describe, expect, it } from 'vitest'
import { applyEvent, compareEvents, foldPetition } from '../../../domain/petition/reducer'
import { addWorkingDays, chinaCalendar, dueStatus } from '../../../domain/working-days'
import {
  BASE_AT,
  FIRST_DUE,
  OTHER_PETITION_ID,
  PETITION_ID,
  assign,
  by,
  close,
  escalate,
  eventOf,
  extendDeadline,
  fold,
  linkDuplicate,
  note,
  rate,
  reopen,
  reply,
  resolveOnSpot,
  setDeadline,
  submitted,
  supervise,
  timeline,
  transfer,
  triage,
} from './fixtures'

const MINUTE = 60_000

describe('a petition as the fold of its timeline', () => {
  it('starts, on submission, as received in round 1 with nothing answered, rated or assigned', () => {
    const preferred = 'rep-li'
    expect(
      fold(submitted({ channel: 'phone', level: 'township', preferredRepresentativeId: preferred })),
    ).toEqual({
      id: PETITION_ID,
      code: 'K7QM-3XZB',
      stationId: 'station-fanxian-chengguan',
      categoryId: 'roads',
      channel: 'phone',
      level: 'township',
      status: 'received',
      submittedAt: BASE_AT,
      updatedAt: BASE_AT,
      dueOn: FIRST_DUE,
      round: 1,
      preferredRepresentativeId: preferred,
      representativeIds: [],
      department: null,
      answer: null,
      repliedAt: null,
      resolvedOnSpot: false,
      rating: null,
      ratings: [],
      closedAt: null,
      duplicateOf: null,
      deadlineChanges: 0,
      supervisions: 0,
    })
  })

  it('takes category and level from triage', () => {
    const s = fold(submitted(), triage('township', 'irrigation'))
    expect(s).toMatchObject({ status: 'triaged', categoryId: 'irrigation', level: 'township' })
  })

  it('records who was assigned, and replaces the list on a new assignment', () => {
    const first = fold(submitted(), assign(['rep-wang', 'rep-zhao'], '乡村建设办'))
    expect(first).toMatchObject({
      status: 'assigned',
      representativeIds: ['rep-wang', 'rep-zhao'],
      department: '乡村建设办',
    })
    const second = fold(submitted(), assign(['rep-wang', 'rep-zhao'], '乡村建设办'), assign(['rep-sun']))
    expect(second).toMatchObject({ representativeIds: ['rep-sun'], department: null })
  })

  it('changes nothing but the update time for a note', () => {
    const before = fold(submitted(), triage('station'))
    const after = fold(submitted(), triage('station'), note())
    expect(after).toEqual({ ...before, updatedAt: BASE_AT + 2 * MINUTE })
  })

  it('counts supervision notes', () => {
    expect(fold(submitted(), assign(), supervise(), supervise()).supervisions).toBe(2)
  })

  it('moves the due date on a deadline set or extension, and counts each change', () => {
    const s = fold(submitted(), setDeadline('2025-03-12'), extendDeadline('2025-03-21'))
    expect(s).toMatchObject({ dueOn: '2025-03-21', deadlineChanges: 2 })
    expect(fold(submitted(), setDeadline('2025-03-12'))).toMatchObject({
      dueOn: '2025-03-12',
      deadlineChanges: 1,
    })
  })

  it('counts a solution on the spot as the reply, and marks it so', () => {
    const s = fold(submitted(), resolveOnSpot('已当场调解'))
    expect(s).toMatchObject({
      status: 'replied',
      answer: '已当场调解',
      repliedAt: BASE_AT + MINUTE,
      resolvedOnSpot: true,
    })
  })

  it('raises the level on escalation and puts the petition back to work', () => {
    expect(fold(submitted(), escalate('township'))).toMatchObject({ level: 'township', status: 'assigned' })
    const toCounty = fold(submitted(), triage('township'), escalate('county'))
    expect(toCounty).toMatchObject({ level: 'county', status: 'assigned' })
  })

  it('records the department a petition is transferred to', () => {
    const s = fold(submitted(), escalate('county'), by('county', transfer('县水利局')))
    expect(s).toMatchObject({ status: 'transferred', department: '县水利局', level: 'county' })
  })

  it('records the answer and when it was given, not as solved on the spot', () => {
    const s = fold(submitted(), assign(), reply('路灯已修复'))
    expect(s).toMatchObject({
      status: 'replied',
      answer: '路灯已修复',
      repliedAt: BASE_AT + 2 * MINUTE,
      resolvedOnSpot: false,
    })
  })

  it('records when a petition was closed, after which it is no longer open', () => {
    const s = fold(submitted(), resolveOnSpot(), close())
    expect(s).toMatchObject({ status: 'closed', closedAt: BASE_AT + 2 * MINUTE })
  })

  it('records a rating against the current round without changing the status', () => {
    const s = fold(submitted(), resolveOnSpot(), rate('mostlySatisfied', '基本满意'))
    expect(s).toMatchObject({ status: 'replied', rating: 'mostlySatisfied' })
    expect(s.ratings).toEqual([
      { round: 1, rating: 'mostlySatisfied', reason: '基本满意', at: BASE_AT + 2 * MINUTE },
    ])
  })

  it('marks a duplicate and remembers which petition it duplicates', () => {
    const s = fold(submitted(), linkDuplicate(OTHER_PETITION_ID))
    expect(s).toMatchObject({ status: 'duplicate', duplicateOf: OTHER_PETITION_ID })
  })

  it('keeps the latest update time when an event arrives with an earlier clock time', () => {
    const late = eventOf(note(), 5)
    const early = eventOf(note(), 1)
    const s = foldPetition([eventOf(submitted(), 0), late, early])
    expect(s?.updatedAt).toBe(BASE_AT + 5 * MINUTE)
  })

  it('never changes the state it is given', () => {
    const before = fold(submitted(), resolveOnSpot())
    const copy = structuredClone(before)
    applyEvent(before, eventOf(rate('dissatisfied'), 2))
    applyEvent(before, eventOf(reopen(), 2))
    expect(before).toEqual(copy)
  })
})

describe('rounds: a dissatisfied rating reopens the petition for a second answer', () => {
  const firstRound = [
    submitted(),
    assign(),
    reply('已安排维修'),
    rate('dissatisfied', '路灯还是不亮'),
  ] as const

  it('starts a new round that needs its own answer and rating', () => {
    const s = fold(...firstRound, reopen())
    expect(s).toMatchObject({
      status: 'assigned',
      round: 2,
      rating: null,
      answer: null,
      repliedAt: null,
      resolvedOnSpot: false,
      closedAt: null,
    })
  })

  it('starts the new round with its own due date, so it is not overdue on the reopening day', () => {
    // Round 1 was due 2025-03-14; the resident reopens on 2025-04-01 and round 2 is due 15 working days on.
    const calendar = chinaCalendar()
    const roundTwoDue = addWorkingDays('2025-04-01', 15, calendar)
    const s = fold(...firstRound, reopen('路灯还是不亮', roundTwoDue))
    expect(s.dueOn).toBe(roundTwoDue)
    expect(dueStatus(s.dueOn, '2025-04-01', calendar)).not.toBe('overdue')
    expect(s.deadlineChanges).toBe(0)
  })

  it('keeps the old due date for a reopening written before reopenings carried one', () => {
    expect(fold(...firstRound, reopen()).dueOn).toBe(FIRST_DUE)
  })

  it('keeps the first round’s rating in the history', () => {
    const s = fold(...firstRound, reopen())
    expect(s.ratings).toEqual([
      { round: 1, rating: 'dissatisfied', reason: '路灯还是不亮', at: BASE_AT + 3 * MINUTE },
    ])
  })

  it('keeps who is working on it, so the second round goes back to them', () => {
    expect(fold(...firstRound, reopen())).toMatchObject({ representativeIds: ['rep-wang'] })
  })

  it('clears the closing time and the on-the-spot mark when a closed petition is reopened', () => {
    const s = fold(submitted(), resolveOnSpot(), close(), rate('dissatisfied'), reopen())
    expect(s).toMatchObject({
      status: 'assigned',
      round: 2,
      closedAt: null,
      resolvedOnSpot: false,
      rating: null,
    })
  })

  it('records one rating per round', () => {
    const s = fold(...firstRound, reopen(), reply('已更换灯具'), rate('satisfied'), close())
    expect(s.round).toBe(2)
    expect(s.rating).toBe('satisfied')
    expect(s.ratings.map((r) => [r.round, r.rating])).toEqual([
      [1, 'dissatisfied'],
      [2, 'satisfied'],
    ])
  })

  it('keeps the level across rounds: a county petition reopens at the county', () => {
    const s = fold(submitted(), escalate('county'), by('county', reply()), rate('dissatisfied'), reopen())
    expect(s).toMatchObject({ level: 'county', round: 2, status: 'assigned' })
  })
})

describe('folding a timeline', () => {
  it('has no petition without a submission', () => {
    expect(foldPetition([])).toBeNull()
    expect(applyEvent(null, eventOf(triage('station'), 0))).toBeNull()
  })

  it('ignores events that come before the submission', () => {
    const stray = [eventOf(note(), 0), eventOf(escalate('county'), 1), eventOf(linkDuplicate(), 2)]
    const s = foldPetition([...stray, eventOf(submitted(), 3)])
    expect(s).toEqual(foldPetition([eventOf(submitted(), 3)]))
    expect(s).toMatchObject({ status: 'received', level: 'station', duplicateOf: null })
  })

  it('rule 7: leaves the state unchanged on a second submitted', () => {
    const steps = [submitted(), triage('township'), assign(), reply(), rate('dissatisfied')] as const
    const before = fold(...steps)
    const stray = eventOf(
      submitted({ level: 'county', channel: 'county', dueOn: '2025-04-30' }),
      steps.length,
    )
    expect(applyEvent(before, stray)).toBe(before)
    expect(before).toMatchObject({ status: 'replied', level: 'township', rating: 'dissatisfied' })
  })

  it('rule 7: keeps the history when a sync merge puts a stray submitted into the timeline', () => {
    const steps = [submitted(), assign(), reply(), rate('dissatisfied'), reopen()] as const
    const events = timeline(...steps)
    const stray = { ...eventOf(submitted({ channel: 'county' }), 3), id: 'evt-0003-county' }
    const merged = [...events, stray].sort(compareEvents)
    expect(merged.map((e) => e.type)).toContain('submitted')
    expect(foldPetition(merged)).toEqual(foldPetition(events))
    expect(foldPetition(merged)).toMatchObject({ round: 2, ratings: [{ round: 1, rating: 'dissatisfied' }] })
  })

  it('is the same as applying the events one by one', () => {
    const events = timeline(submitted(), triage('township'), assign(), reply(), rate('satisfied'), close())
    const stepwise = events.reduce((s: ReturnType<typeof applyEvent>, e) => applyEvent(s, e), null)
    expect(foldPetition(events)).toEqual(stepwise)
  })
})
