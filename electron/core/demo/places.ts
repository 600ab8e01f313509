import type { NewRow } from '../db/schema'
import { PLACE_SURNAMES } from './names'
import { type Rng, rngFor } from './random'

/**
 * The places of the demo: the 12 real townships of 范县 (division code 410926), the villages public
 * sources name, plausible invented villages up to the county's 574, their grids (网格), and one liaison
 * station per township. Only the township names, 王楼镇's code and the named villages and stations are
 * real; everything else is invented demo data.
 */

/** Ids of county-owned records do not depend on the clock: the same roster whenever the demo is loaded. */
export const ROSTER_EPOCH_MS = Date.UTC(2024, 0, 1)

interface TownshipSeed {
  readonly name: string
  readonly kind: 'town' | 'township'
  readonly code: string | null
  readonly villages: number
  /** Villages named in public sources, then the township's seat village where it has an obvious one. */
  readonly named: readonly string[]
}

const TOWNSHIPS: readonly TownshipSeed[] = [
  { name: '城关镇', kind: 'town', code: null, villages: 40, named: [] },
  { name: '濮城镇', kind: 'town', code: null, villages: 60, named: ['濮城村'] },
  { name: '高码头镇', kind: 'town', code: null, villages: 52, named: ['高码头村'] },
  { name: '龙王庄镇', kind: 'town', code: null, villages: 48, named: ['龙王庄村'] },
  {
    name: '王楼镇',
    kind: 'town',
    code: '410926104',
    villages: 38,
    named: ['王楼村', '西李村', '东李村', '皇姑庙村', '七里堂村', '赵菜园村', '宋海村', '路庄村', '大赵村'],
  },
  { name: '辛庄镇', kind: 'town', code: null, villages: 46, named: ['辛庄村'] },
  { name: '陈庄镇', kind: 'town', code: null, villages: 55, named: ['陈庄村'] },
  { name: '张庄镇', kind: 'town', code: null, villages: 42, named: ['张庄村'] },
  { name: '杨集乡', kind: 'township', code: null, villages: 50, named: ['刘辛店村', '杨集村'] },
  { name: '白衣阁乡', kind: 'township', code: null, villages: 45, named: ['白衣阁村'] },
  { name: '陆集乡', kind: 'township', code: null, villages: 52, named: ['陆集村'] },
  { name: '颜村铺乡', kind: 'township', code: null, villages: 46, named: ['颜村铺村'] },
]

export const TOWNSHIP_NAMES: readonly string[] = TOWNSHIPS.map((t) => t.name)

interface StationSeed {
  readonly name: string
  readonly theme: string | null
  readonly township: string
  readonly address: string
}

/**
 * The demo stations' hotlines: 0000-5200101, 0000-5200102 …, one per station. The demo's 0393 numbers looked
 * like real Puyang landlines, and a resident (or staff in training) dialling one from a receipt or the
 * kiosk's 呼叫工作人员 would reach a stranger. No mainland area code starts with 00 (that is the
 * international prefix, and no country code starts with 0), so these reach no one, yet they are landlines
 * in checkHotline's stored spelling: the app masks, prints and reads them aloud like any other.
 */
export function demoHotline(index: number): string {
  return `0000-52001${String(index + 1).padStart(2, '0')}`
}

/** One station per township; the first is the demo's default kiosk. */
const STATIONS: readonly StationSeed[] = [
  {
    name: '王楼镇先进制造业人大代表联络站',
    theme: '先进制造业',
    township: '王楼镇',
    address: '王楼镇产业集聚区服务中心一楼',
  },
  {
    name: '濮城镇人大代表联络站',
    theme: '民意集市',
    township: '濮城镇',
    address: '濮城镇人民政府东侧',
  },
  {
    name: '杨集乡人大代表联络站',
    theme: null,
    township: '杨集乡',
    address: '杨集乡便民服务中心',
  },
  {
    name: '颜村铺乡人大代表联络站',
    theme: '农业农村',
    township: '颜村铺乡',
    address: '颜村铺乡颜村铺村党群服务中心',
  },
  {
    name: '城关镇人大代表联络站',
    theme: '城乡建设',
    township: '城关镇',
    address: '城关镇人民政府二楼',
  },
  {
    name: '高码头镇人大代表联络站',
    theme: '生态环境',
    township: '高码头镇',
    address: '高码头镇便民服务中心',
  },
  {
    name: '龙王庄镇人大代表联络站',
    theme: null,
    township: '龙王庄镇',
    address: '龙王庄镇人民政府院内',
  },
  {
    name: '辛庄镇人大代表联络站',
    theme: '基层治理',
    township: '辛庄镇',
    address: '辛庄镇便民服务中心',
  },
  {
    name: '陈庄镇人大代表联络站',
    theme: '农业农村',
    township: '陈庄镇',
    address: '陈庄镇人民政府一楼',
  },
  {
    name: '张庄镇人大代表联络站',
    theme: null,
    township: '张庄镇',
    address: '张庄镇党群服务中心',
  },
  {
    name: '白衣阁乡人大代表联络站',
    theme: '社会保障',
    township: '白衣阁乡',
    address: '白衣阁乡便民服务中心',
  },
  {
    name: '陆集乡人大代表联络站',
    theme: null,
    township: '陆集乡',
    address: '陆集乡人民政府院内',
  },
]

export const DEFAULT_STATION_NAME = '王楼镇先进制造业人大代表联络站'

export interface DemoStation extends StationSeed {
  readonly id: string
  readonly hotline: string
}

let stationList: readonly DemoStation[] | null = null

/** The demo stations with their fixed ids (a static list: setup.status offers them before any data exists). */
export function stationSeeds(): readonly DemoStation[] {
  if (stationList === null) {
    const rng = rngFor('stations')
    stationList = STATIONS.map((s, i) => ({
      ...s,
      id: rng.uuid(ROSTER_EPOCH_MS + i),
      hotline: demoHotline(i),
    }))
  }
  return stationList
}

export interface Places {
  readonly townships: NewRow<'township'>[]
  readonly villages: NewRow<'village'>[]
  readonly grids: NewRow<'grid'>[]
  readonly stations: NewRow<'station'>[]
  readonly townshipId: ReadonlyMap<string, string>
  readonly villagesOf: ReadonlyMap<string, readonly NewRow<'village'>[]>
  readonly gridsOf: ReadonlyMap<string, readonly NewRow<'grid'>[]>
}

export function buildPlaces(createdAt: number): Places {
  const rng = rngFor('places')
  let clock = ROSTER_EPOCH_MS
  const id = () => rng.uuid(clock++)
  const townships: NewRow<'township'>[] = []
  const villages: NewRow<'village'>[] = []
  const grids: NewRow<'grid'>[] = []
  const townshipId = new Map<string, string>()
  const villagesOf = new Map<string, NewRow<'village'>[]>()
  const gridsOf = new Map<string, NewRow<'grid'>[]>()

  TOWNSHIPS.forEach((t, sort) => {
    const tid = id()
    townshipId.set(t.name, tid)
    townships.push({ id: tid, name: t.name, kind: t.kind, code: t.code, sort })
    const names = villageNames(rng, t)
    const own = names.map((name, i) => ({ id: id(), township_id: tid, name, sort: i }))
    const ownGrids = own.flatMap((v) =>
      // Larger villages are split into two grids (网格).
      (rng.chance(0.3) ? ['第一网格', '第二网格'] : ['第一网格']).map((suffix) => ({
        id: id(),
        township_id: tid,
        village_id: v.id,
        name: v.name + suffix,
      })),
    )
    villages.push(...own)
    grids.push(...ownGrids)
    villagesOf.set(tid, own)
    gridsOf.set(tid, ownGrids)
  })

  const stations = stationSeeds().map((s) => ({
    id: s.id,
    name: s.name,
    theme: s.theme,
    township_id: mustGet(townshipId, s.township),
    address: s.address,
    hotline: s.hotline,
    created_at: createdAt,
  }))
  return { townships, villages, grids, stations, townshipId, villagesOf, gridsOf }
}

const SUFFIXES = Array.from('庄楼集屯营寨店庙堂园桥洼寺口坊湾岗堤铺')
const PREFIXES = Array.from('前后东西南北大小新')

/** The named villages first, then invented ones (张庄村, 后李村, 前刘楼村), distinct within the township. */
function villageNames(rng: Rng, t: TownshipSeed): string[] {
  const names = new Set(t.named)
  while (names.size < t.villages) {
    const s = rng.pick(PLACE_SURNAMES)
    const name = rng.weighted<string>([
      [`${s}${rng.pick(SUFFIXES)}村`, 45],
      [`${rng.pick(PREFIXES)}${s}${rng.pick(SUFFIXES)}村`, 35],
      [`${rng.pick(PREFIXES)}${s}村`, 15],
      [`${s}${rng.pick(PLACE_SURNAMES)}${rng.pick(SUFFIXES)}村`, 5],
    ])
    // 张张庄: a doubled surname is no village name.
    if (name.charAt(0) !== name.charAt(1)) names.add(name)
  }
  return [...names]
}

export function mustGet<K, V>(map: ReadonlyMap<K, V>, key: K): V {
  const value = map.get(key)
  if (value === undefined) throw new Error(`demo data: nothing for ${String(key)}`)
  return value
}
