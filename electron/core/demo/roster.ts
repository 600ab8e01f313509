import type { RepresentativeLevel } from '../../../domain/petition/types'
import type { NewRow } from '../db/schema'
import type { NameSpeller } from '../../../domain/name-spelling'
import { type Sex, uniqueName } from './names'
import { type Places, ROSTER_EPOCH_MS, mustGet } from './places'
import { type Rng, rngFor } from './random'

/**
 * The county's roster of representatives at four levels (省/市/县/乡), about 1,200 as in the seed
 * article. Two are real people the article names (王海涛, 张臣兴); everyone else is invented. No
 * personal phone number is ever stored: residents reach representatives through the station or the grid.
 */

const LEVEL_COUNTS: readonly (readonly [RepresentativeLevel, number])[] = [
  ['province', 10],
  ['city', 60],
  ['county', 250],
  ['township', 880],
]

const SECTORS: Record<RepresentativeLevel, readonly (readonly [string, number])[]> = {
  province: [
    ['企业界', 35],
    ['党政机关', 20],
    ['农业界', 15],
    ['教育界', 10],
    ['医疗卫生界', 10],
    ['科技界', 10],
  ],
  city: [
    ['企业界', 35],
    ['党政机关', 20],
    ['农业界', 15],
    ['教育界', 10],
    ['医疗卫生界', 10],
    ['科技界', 10],
  ],
  county: [
    ['企业界', 25],
    ['农业界', 25],
    ['基层干部', 20],
    ['教育界', 10],
    ['医疗卫生界', 8],
    ['社区工作者', 7],
    ['科技界', 5],
  ],
  township: [
    ['农业界', 35],
    ['基层干部', 25],
    ['企业界', 15],
    ['社区工作者', 10],
    ['教育界', 8],
    ['医疗卫生界', 7],
  ],
}

/** The category specialties (domain/categories.ts) each sector tends to bring. */
const SPECIALTIES_OF: Record<string, readonly string[]> = {
  企业界: ['先进制造业', '城乡建设'],
  农业界: ['农业农村', '生态环境'],
  基层干部: ['基层治理', '城乡建设', '社会保障'],
  社区工作者: ['社会保障', '基层治理'],
  教育界: ['教育卫生'],
  医疗卫生界: ['教育卫生', '社会保障'],
  党政机关: ['基层治理', '城乡建设', '生态环境'],
  科技界: ['先进制造业', '生态环境', '农业农村'],
}
const ALL_SPECIALTIES = ['城乡建设', '农业农村', '社会保障', '生态环境', '先进制造业', '基层治理', '教育卫生']

const GROUP_OF: Record<string, string> = {
  先进制造业: '产业发展专业小组',
  农业农村: '农业农村专业小组',
  基层治理: '基层治理专业小组',
  城乡建设: '城乡建设专业小组',
  社会保障: '社会事业专业小组',
  教育卫生: '社会事业专业小组',
  生态环境: '生态环境专业小组',
}

export interface DemoRepresentative {
  readonly row: NewRow<'representative'>
  readonly specialties: readonly string[]
}

export interface Roster {
  readonly reps: readonly DemoRepresentative[]
  /** Active representatives whose home is the station, by station id. */
  readonly byStation: ReadonlyMap<string, readonly DemoRepresentative[]>
}

export function buildRoster(places: Places, now: number, spell: NameSpeller): Roster {
  const rng = rngFor('roster')
  const taken = new Set<string>()
  const stationOf = new Map(places.stations.map((s) => [s.township_id, s.id]))
  const townships = places.townships.map((t) => ({
    id: t.id,
    name: t.name,
    villages: villagesOf(places, t.id),
  }))
  const totalVillages = townships.reduce((sum, t) => sum + t.villages, 0)
  const wangLou = mustGet(places.townshipId, '王楼镇')
  let clock = ROSTER_EPOCH_MS + 1_000_000
  const reps: DemoRepresentative[] = []

  const add = (p: {
    name: string
    level: RepresentativeLevel
    townshipId: string
    sector: string
    specialties: readonly string[]
    note?: string
  }) => {
    const grids = mustGet(places.gridsOf, p.townshipId)
    const { pinyin, initials, readings } = spell(p.name)
    const primary = p.specialties[0] ?? '基层治理'
    reps.push({
      specialties: p.specialties,
      row: {
        id: rng.uuid(clock++),
        name: p.name,
        name_pinyin: pinyin,
        name_initials: initials,
        name_readings: readings,
        level: p.level,
        sector: p.sector,
        specialties: JSON.stringify(p.specialties),
        specialist_group: GROUP_OF[primary] ?? null,
        township_id: p.townshipId,
        grid_id: rng.pick(grids).id,
        station_id: stationOf.get(p.townshipId) ?? null,
        contact_route: rng.chance(0.4) ? 'grid' : 'station',
        office_phone: null,
        checkin_code_hash: null,
        // A few have left office; the two named representatives stay active.
        active: p.note !== undefined || rng.chance(0.97) ? 1 : 0,
        local_note: p.note ?? null,
        roster_version: 1,
        updated_at: now - rng.int(1, 60) * 86_400_000 - rng.int(0, 86_399) * 1000,
      },
    })
  }

  // The real people of the seed article (their sectors and specialties beyond the article are invented).
  taken.add('王海涛').add('张臣兴')
  add({
    name: '王海涛',
    level: 'township',
    townshipId: wangLou,
    sector: '基层干部',
    specialties: ['先进制造业', '基层治理'],
    note: '王楼镇人大主席',
  })
  add({
    name: '张臣兴',
    level: 'county',
    townshipId: wangLou,
    sector: '农业界',
    specialties: ['农业农村', '城乡建设'],
    note: '县人大代表',
  })

  for (const [level, count] of LEVEL_COUNTS) {
    const already = reps.filter((r) => r.row.level === level).length
    const shares = apportion(
      count - already,
      townships.map((t) => t.villages / totalVillages),
    )
    townships.forEach((t, i) => {
      for (let n = 0; n < (shares[i] ?? 0); n++) {
        const sex: Sex = rng.chance(0.72) ? 'male' : 'female'
        const sector = rng.weighted(SECTORS[level])
        add({
          name: uniqueName(rng, sex, taken),
          level,
          townshipId: t.id,
          sector,
          specialties: specialties(rng, sector),
        })
      }
    })
  }

  const byStation = new Map<string, DemoRepresentative[]>()
  for (const r of reps) {
    if (r.row.station_id && r.row.active === 1) {
      const list = byStation.get(r.row.station_id) ?? []
      list.push(r)
      byStation.set(r.row.station_id, list)
    }
  }
  return { reps, byStation }
}

function specialties(rng: Rng, sector: string): string[] {
  const own = SPECIALTIES_OF[sector] ?? ALL_SPECIALTIES
  const first = rng.pick(own)
  if (!rng.chance(0.5)) return [first]
  const second = rng.pick(rng.chance(0.6) ? own : ALL_SPECIALTIES)
  return second === first ? [first] : [first, second]
}

function villagesOf(places: Places, townshipId: string): number {
  return mustGet(places.villagesOf, townshipId).length
}

/** Splits `total` by `weights` (summing to 1) into whole numbers that add up to `total` (largest remainder). */
function apportion(total: number, weights: readonly number[]): number[] {
  const exact = weights.map((w) => w * total)
  const counts = exact.map(Math.floor)
  let left = total - counts.reduce((a, b) => a + b, 0)
  const order = exact
    .map((e, i) => [e - Math.floor(e), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (const [, i] of order) {
    if (left-- <= 0) break
    counts[i] = (counts[i] ?? 0) + 1
  }
  return counts
}
