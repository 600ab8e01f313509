import { addDays, daysBetween, monthDays, parseIsoDate, shanghaiDate, weekday } from '../../../domain/dates'
import { RULE_HORIZON_DAYS } from '../../../domain/duty'
import type { IsoDate } from '../../../domain/petition/types'
import type { WorkingDayCalendar } from '../../../domain/working-days'
import type { NewRow } from '../db/schema'
import type { DemoStation } from './places'
import type { Rng } from './random'
import type { DemoRepresentative, Roster } from './roster'

/**
 * The kiosk station's duty calendar (代表履职日历) from the month before today to a year ahead, as the desk
 * lays out open-ended rules: weekly duty rules for Monday to Friday (skipping statutory holidays), the
 * monthly 民意集市 on the second Saturday, and the shifts and reception days those rules produce. Only the
 * kiosk's own: a station's database never holds other stations' calendars (they push theirs to the county,
 * which sends none back), and a year of them for every demo station was 12× the rows at first start.
 */

type Slot = 'morning' | 'afternoon' | 'allDay'

export interface DutyRows {
  readonly rules: NewRow<'duty_rule'>[]
  readonly shifts: NewRow<'duty_shift'>[]
  readonly receptionDays: NewRow<'reception_day'>[]
}

const RECEPTION_THEMES: Record<string, readonly string[]> = {
  王楼镇: ['企业用工与物流专场', '园区企业融资对接', '安全生产与职工权益', '镇区供水管网改造回头看'],
  濮城镇: ['民生实事大家议', '老旧小区改造', '农村饮水安全', '居家养老服务'],
  杨集乡: ['农村饮水安全', '村内道路与路灯', '秋收秋种服务', '低保与医保政策'],
  颜村铺乡: ['土地托管与规模化种植', '农机服务与秸秆还田', '高标准农田建设', '农产品销售'],
  城关镇: ['城区道路与停车', '背街小巷整治', '学校周边交通安全', '社区养老服务'],
}
const COMMON_THEMES = ['民生实事大家议', '农村饮水安全', '人居环境整治', '医保社保政策宣讲']

/** The months before, of and after today (Asia/Shanghai). */
export function demoMonths(today: IsoDate): { first: IsoDate; days: IsoDate[] } {
  const { year, month } = parseIsoDate(today)
  const months = [-1, 0, 1].map((d) => {
    const m = month - 1 + d
    return { year: year + Math.floor(m / 12), month: (((m % 12) + 12) % 12) + 1 }
  })
  const days = months.flatMap((m) => monthDays(m.year, m.month))
  return { first: days[0] ?? today, days }
}

export function buildCalendar(p: {
  rng: Rng
  now: number
  hlc: () => string
  cal: WorkingDayCalendar
  station: DemoStation
  roster: Roster
}): DutyRows {
  const { rng, now, hlc, cal } = p
  const today = shanghaiDate(now)
  const { first } = demoMonths(today)
  // The rules are open-ended, so, as the desk would have, they are laid out a year ahead
  // (features/duty/layout.ts); the month before today is the demo's past.
  const laidOutThrough = addDays(today, RULE_HORIZON_DAYS)
  const days = Array.from({ length: daysBetween(first, laidOutThrough) + 1 }, (_, i) => addDays(first, i))
  const rows: DutyRows = { rules: [], shifts: [], receptionDays: [] }
  const id = () => rng.uuid(now)

  const station = p.station
  const home = p.roster.byStation.get(station.id) ?? []
  const pool = dutyPool(rng, home)
  const rule = (r: Omit<NewRow<'duty_rule'>, 'id' | 'station_id' | 'starts_on' | 'hlc' | 'deleted'>) => {
    const row = {
      id: id(),
      station_id: station.id,
      starts_on: first,
      ends_on: null,
      laid_out_through: laidOutThrough,
      hlc: hlc(),
      deleted: 0,
      ...r,
    }
    rows.rules.push(row)
    return row
  }
  const shift = (date: IsoDate, repId: string, slot: Slot, ruleId: string | null) =>
    rows.shifts.push({
      id: id(),
      station_id: station.id,
      representative_id: repId,
      date,
      slot,
      rule_id: ruleId,
      hlc: hlc(),
      deleted: 0,
    })

  // Weekly duty: two or three representatives on Tuesday and Thursday (每周固定进站), one or two otherwise.
  let next = 0
  const weekly: { weekday: number; repId: string; slot: Slot; ruleId: string }[] = []
  for (let wd = 1; wd <= 5; wd++) {
    const count = wd === 2 || wd === 4 ? rng.int(2, 3) : rng.int(1, 2)
    const slots: Slot[] =
      count === 1 ? ['allDay'] : count === 2 ? ['morning', 'afternoon'] : ['allDay', 'morning', 'afternoon']
    for (const slot of slots) {
      const rep = pool[next++ % pool.length]
      if (!rep) break
      const r = rule({
        representative_id: rep.row.id,
        kind: 'weekly',
        weekday: wd,
        nth: null,
        slot,
        reception_theme: null,
      })
      weekly.push({ weekday: wd, repId: rep.row.id, slot, ruleId: r.id })
    }
  }
  // The monthly open day: a station-wide rule that sets the day, and three representatives who attend it.
  const openDay = rule({
    representative_id: null,
    kind: 'monthlyNth',
    weekday: 6,
    nth: 2,
    slot: 'allDay',
    reception_theme: '民意集市',
  })
  const attendees = rng.sample(pool, 3).map((rep) => ({
    repId: rep.row.id,
    ruleId: rule({
      representative_id: rep.row.id,
      kind: 'monthlyNth',
      weekday: 6,
      nth: 2,
      slot: 'allDay',
      reception_theme: null,
    }).id,
  }))

  const themes = RECEPTION_THEMES[station.township] ?? COMMON_THEMES
  let month = 0
  for (const date of days) {
    if (cal.isWorkingDay(date)) {
      for (const w of weekly) if (w.weekday === weekday(date)) shift(date, w.repId, w.slot, w.ruleId)
    }
    if (isSecondSaturday(date) && cal.dayKind(date).kind !== 'holiday') {
      const theme = themes[month++ % themes.length] ?? '民意集市'
      const busy = station.township === '濮城镇' // 200+ visitors: open all day
      rows.receptionDays.push({
        id: id(),
        station_id: station.id,
        date,
        theme,
        starts_at: busy ? '08:30' : '09:00',
        ends_at: busy ? '17:00' : '12:00',
        hlc: hlc(),
        deleted: 0,
        rule_id: openDay.id,
      })
      for (const a of attendees) shift(date, a.repId, 'allDay', a.ruleId)
    }
  }
  fillToday(rows, station.id, today, home, shift)
  return rows
}

/**
 * A demo must show a populated home screen whatever day it is loaded: today gets at least two
 * representatives at the default station, one of them versed in 城乡建设 (streets, lights, water), so the
 * kiosk can name who will receive the commonest petitions. On a weekend these are extra (临时) shifts.
 */
function fillToday(
  rows: DutyRows,
  stationId: string,
  today: IsoDate,
  home: readonly DemoRepresentative[],
  shift: (date: IsoDate, repId: string, slot: Slot, ruleId: string | null) => void,
): void {
  const todays = () => rows.shifts.filter((s) => s.station_id === stationId && s.date === today)
  const onDuty = () => new Set(todays().map((s) => s.representative_id))
  const builder = home.find((r) => r.specialties.includes('城乡建设') && !onDuty().has(r.row.id))
  const hasBuilder = home.some((r) => onDuty().has(r.row.id) && r.specialties.includes('城乡建设'))
  if (!hasBuilder && builder) shift(today, builder.row.id, 'allDay', null)
  for (const r of home) {
    if (onDuty().size >= 2) break
    if (!onDuty().has(r.row.id)) shift(today, r.row.id, 'allDay', null)
  }
}

/** Representatives who take turns at the station: the named ones first, mostly county and township level. */
function dutyPool(rng: Rng, home: readonly DemoRepresentative[]): DemoRepresentative[] {
  const named = home.filter((r) => r.row.local_note !== null)
  const local = home.filter(
    (r) => r.row.local_note === null && (r.row.level === 'county' || r.row.level === 'township'),
  )
  const higher = home.filter((r) => r.row.level === 'province' || r.row.level === 'city')
  return [...named, ...rng.sample(local, 8 - Math.min(named.length, 2)), ...rng.sample(higher, 2)]
}

export function isSecondSaturday(date: IsoDate): boolean {
  const { day } = parseIsoDate(date)
  return weekday(date) === 6 && day >= 8 && day <= 14
}
