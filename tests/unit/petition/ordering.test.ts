import { describe, expect, it } from 'vitest'
import { compareEvents, foldPetition, isOpen } from '../../../domain/petition/reducer'
import { STATUSES } from '../../../domain/petition/types'
import { eventOf, reopen, rate, reply, submitted } from './fixtures'

describe('timeline order shared by station and county', () => {
  const at = (hlc: string, id: string) => ({ hlc, id })

  it('orders by hybrid logical clock first', () => {
    expect(
      compareEvents(at('000001741000000:0000:station-01', 'z'), at('000001741000001:0000:county', 'a')),
    ).toBe(-1)
    expect(
      compareEvents(at('000001741000001:0000:county', 'a'), at('000001741000000:0000:station-01', 'z')),
    ).toBe(1)
  })

  it('orders by the counter within one millisecond', () => {
    expect(
      compareEvents(at('000001741000000:0002:county', 'a'), at('000001741000000:0010:county', 'a')),
    ).toBe(-1)
  })

  it('breaks a tie on the clock by id', () => {
    const hlc = '000001741000000:0000:station-01'
    expect(compareEvents(at(hlc, 'evt-a'), at(hlc, 'evt-b'))).toBe(-1)
    expect(compareEvents(at(hlc, 'evt-b'), at(hlc, 'evt-a'))).toBe(1)
    expect(compareEvents(at(hlc, 'evt-a'), at(hlc, 'evt-a'))).toBe(0)
  })

  it('lets a station and the county sort a merged timeline the same way, whatever order it arrived in', () => {
    const events = [submitted(), reply(), rate('dissatisfied'), reopen()].map((s, i) => eventOf(s, i))
    const shuffled = [events[2], events[0], events[3], events[1]].filter((e) => e !== undefined)
    const sorted = [...shuffled].sort(compareEvents)
    expect(sorted.map((e) => e.id)).toEqual(events.map((e) => e.id))
    expect(foldPetition(sorted)).toEqual(foldPetition(events))
  })

  it('puts the county’s event after the station’s when their clocks tie but ids differ', () => {
    const station = { ...eventOf(reply(), 1), id: 'evt-0001-station' }
    const county = { ...eventOf(rate('satisfied'), 1), hlc: station.hlc, id: 'evt-0001-xcounty' }
    expect([county, station].sort(compareEvents).map((e) => e.id)).toEqual([
      'evt-0001-station',
      'evt-0001-xcounty',
    ])
  })
})

describe('which statuses are open', () => {
  it('counts everything but closed and duplicate as open work', () => {
    const open = STATUSES.filter(isOpen)
    expect(open).toEqual(['received', 'triaged', 'assigned', 'transferred', 'replied'])
  })
})
