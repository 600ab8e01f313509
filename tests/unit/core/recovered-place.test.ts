import { describe, expect, it } from 'vitest'
import { placeOf } from '../../../electron/core/sync/restored'

const places = {
  townships: [
    { id: 't-cg', name: '城关镇' },
    { id: 't-cgd', name: '城关镇东' },
    { id: 't-ls', name: '柳树乡' },
  ],
  villages: [
    { id: 'v-dg', township_id: 't-cg', name: '东关村' },
    { id: 'v-old', township_id: 't-ls', name: '河湾村' },
    { id: 'v-new', township_id: 't-ls', name: '河湾村' },
    { id: 'v-x', township_id: 't-cg', name: '东关' },
    { id: 'v-y', township_id: 't-cgd', name: '关' },
  ],
}

describe("a recovered petition's place, from the address the hub joined", () => {
  it('finds the township by name, then its village by the rest', () => {
    expect(placeOf(places, '城关镇东关村')).toEqual({ township_id: 't-cg', village_id: 'v-dg' })
    expect(placeOf(places, '柳树乡')).toEqual({ township_id: 't-ls', village_id: null })
  })

  it('keeps the township alone when two of its villages bear the name', () => {
    expect(placeOf(places, '柳树乡河湾村')).toEqual({ township_id: 't-ls', village_id: null })
  })

  it('finds nothing when no names spell it, or two pairs spell it', () => {
    expect(placeOf(places, '城关镇西关村')).toEqual({ township_id: null, village_id: null })
    // 城关镇 + 东关 and 城关镇东 + 关.
    expect(placeOf(places, '城关镇东关')).toEqual({ township_id: null, village_id: null })
  })
})
