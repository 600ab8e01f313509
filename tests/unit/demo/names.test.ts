import { describe, expect, it } from 'vitest'
import { loadNameSpeller } from '../../../domain/name-spelling'
import { spellDemoName } from '../../../electron/core/demo/names'
import { buildPlaces } from '../../../electron/core/demo/places'
import { buildRoster } from '../../../electron/core/demo/roster'

describe("the demo names' own readings", () => {
  it('spell every representative of the demo roster as pinyin-pro does', async () => {
    const spell = await loadNameSpeller()
    const roster = buildRoster(buildPlaces(Date.UTC(2025, 9, 4)), Date.UTC(2025, 9, 4), spellDemoName)
    expect(roster.reps.length).toBeGreaterThan(1000)
    const differing = roster.reps
      .map((r) => ({
        name: r.row.name,
        ours: [r.row.name_pinyin, r.row.name_initials],
        theirs: spell(r.row.name),
      }))
      .filter((r) => r.ours[0] !== r.theirs.pinyin || r.ours[1] !== r.theirs.initials)
    expect(differing).toEqual([])
    expect(spellDemoName('王海涛')).toEqual({
      pinyin: 'wanghaitao',
      initials: 'wht',
      readings: 'wang hai tao',
    })
    expect(spellDemoName('吕红')).toEqual({ pinyin: 'lvhong', initials: 'lh', readings: 'lv hong' })
  })

  it('refuse a character outside the pools rather than guess', () => {
    expect(() => spellDemoName('单田芳')).toThrow(/单/)
  })
})
