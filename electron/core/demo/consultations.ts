import { startOfShanghaiDayMs } from '../../../domain/dates'
import type { IsoDate } from '../../../domain/petition/types'
import type { WorkingDayCalendar } from '../../../domain/working-days'
import type { NewRow } from '../db/schema'
import type { Rng } from './random'
import type { DemoRepresentative } from './roster'

/**
 * A few consultations (板凳议事会, 议政厅, 微协商) a month at the kiosk's station, each with the
 * representatives who took part, so the board's 参加议事 column has something to count.
 */

export interface ConsultationRows {
  readonly consultations: NewRow<'consultation'>[]
  readonly representatives: NewRow<'consultation_representative'>[]
}

const KINDS = ['benchCouncil', 'councilHall', 'microConsultation'] as const

const TOPICS: readonly { topic: string; outcome: string }[] = [
  {
    topic: '村内道路硬化怎么修',
    outcome: '议定村里出工、镇里补助材料，先修主街，雨季前完工',
  },
  {
    topic: '园区企业用工与村民就近就业',
    outcome: '企业每季度到村里开一次招聘会，联络站登记求职意向',
  },
  {
    topic: '土地托管与规模化种植',
    outcome: '三个村约两千亩土地托管给合作社，托管费按亩结算，年底公示',
  },
  {
    topic: '镇区供水管网改造后的水费',
    outcome: '请自来水公司到会解释收费标准，每户张贴收费明细',
  },
  {
    topic: '秸秆还田与禁烧',
    outcome: '合作社统一安排机械还田，村干部分片包干',
  },
  {
    topic: '村口路灯维护由谁负责',
    outcome: '路灯交由镇城建办统一维护，村里设一名联络员报修',
  },
]

export function buildConsultations(p: {
  rng: Rng
  now: number
  hlc: () => string
  cal: WorkingDayCalendar
  stationId: string
  days: readonly IsoDate[]
  today: IsoDate
  home: readonly DemoRepresentative[]
  villages: readonly { readonly name: string }[]
}): ConsultationRows {
  const { rng } = p
  const rows: ConsultationRows = { consultations: [], representatives: [] }
  if (p.home.length === 0) return rows
  const byMonth = new Map<string, IsoDate[]>()
  for (const d of p.days) {
    if (d >= p.today || !p.cal.isWorkingDay(d)) continue
    const key = d.slice(0, 7)
    byMonth.set(key, [...(byMonth.get(key) ?? []), d])
  }
  let next = 0
  for (const days of byMonth.values()) {
    for (const date of rng.sample(days, 2).sort()) {
      const { topic, outcome } = TOPICS[next++ % TOPICS.length] ?? { topic: '民生实事', outcome: '' }
      const village = p.villages.length > 0 ? rng.pick(p.villages).name : null
      // Recorded at the end of the afternoon it was held.
      const at = startOfShanghaiDayMs(date) + 17 * 3_600_000
      const id = rng.uuid(at)
      rows.consultations.push({
        id,
        station_id: p.stationId,
        kind: rng.pick(KINDS),
        date,
        place: village ? `${village}村委会` : '联络站议事室',
        topic,
        residents_count: rng.int(8, 40),
        minutes: `围绕“${topic}”，代表和群众逐一发言，意见记录在案。`,
        outcome,
        created_at: at,
        hlc: p.hlc(),
      })
      for (const rep of rng.sample(p.home, rng.int(2, 4))) {
        rows.representatives.push({ consultation_id: id, representative_id: rep.row.id })
      }
    }
  }
  return rows
}
