import { addDays, shanghaiDate, startOfShanghaiDayMs } from '../../../domain/dates'
import type { Channel } from '../../../domain/petition/types'
import type { WorkingDayCalendar } from '../../../domain/working-days'
import { type CategorySeed, DEFAULT_CATEGORIES } from '../../../domain/categories'
import { isSecondSaturday } from './calendar'
import { type DemoContact, demoContact } from './contact'
import { officeTime } from './office-hours'
import type { Rng } from './random'
import type { Finish, Route, Story } from './stories'
import { CATEGORY_TEXTS } from './texts'

/**
 * What each demo petition is before its timeline: when it came in, by which channel, about what and
 * where, from whom, and the course it will take. A dozen showcase petitions are placed on purpose so
 * that every status, level and rating is present whatever day the demo is loaded; the rest are drawn at
 * random over the last ~90 days, with a burst on each monthly reception day (民意集市).
 */
export const PETITION_COUNT = 300
const HOUR = 3_600_000
const DAYS_BACK = 90

export interface Header {
  readonly id: string
  readonly submittedAt: number
  readonly category: CategorySeed
  readonly channel: Channel
  readonly story: Story
  /** Keep the whole planned course (squeezed into the time since submission) rather than cut it at now. */
  readonly keepAll: boolean
  readonly template: string
  readonly villageIndex: number | null
  readonly contact: DemoContact | null
  readonly wantsPreferred: boolean
  readonly countyAnswer?: string
}

interface Showcase {
  readonly category: string
  readonly channel: Channel
  readonly hours: readonly [number, number]
  readonly story: Partial<Story> & { readonly route: Route }
  readonly template?: string
  readonly countyAnswer?: string
}

const SHOWCASES: readonly Showcase[] = [
  {
    category: 'lights',
    channel: 'kiosk',
    hours: [1, 18],
    story: { route: 'station', stopAfter: 'submitted' },
  },
  {
    category: 'environment',
    channel: 'walkIn',
    hours: [20, 40],
    story: { route: 'station', stopAfter: 'triaged' },
  },
  {
    category: 'dispute',
    channel: 'phone',
    hours: [50, 70],
    story: { route: 'station', stopAfter: 'assigned' },
  },
  {
    category: 'roads',
    channel: 'grid',
    hours: [100, 140],
    story: { route: 'township', stopAfter: 'transferred' },
  },
  {
    category: 'lights',
    channel: 'kiosk',
    hours: [150, 200],
    story: { route: 'station', stopAfter: 'replied' },
  },
  { category: 'environment', channel: 'walkIn', hours: [240, 330], story: { route: 'onSpot' } },
  { category: 'lights', channel: 'kiosk', hours: [72, 120], story: { route: 'duplicate' } },
  {
    category: 'water',
    channel: 'walkIn',
    hours: [480, 600],
    story: { route: 'county', extend: true, stopAfter: 'deadlineExtended' },
  },
  { category: 'roads', channel: 'phone', hours: [960, 1200], story: { route: 'township', reopen: true } },
  {
    category: 'housing',
    channel: 'walkIn',
    hours: [840, 1080],
    story: { route: 'township', supervise: 2, stopAfter: 'supervised' },
  },
  {
    category: 'farming',
    channel: 'grid',
    hours: [600, 900],
    story: { route: 'county', finish: 'closedThenRated' },
  },
  {
    // The seed article's water main (王楼镇大赵村): escalated, funded by the county, 22,000 m of pipe.
    category: 'water',
    channel: 'walkIn',
    hours: [1700, 2000],
    template: '{v}自来水管道存在水质下降、供水异常等问题',
    story: { route: 'county', finish: 'closedThenRated', rating: 'satisfied', note: true },
    countyAnswer:
      '县水利局争取上级资金310万元，更新铺设{t}镇区主供水管网22000米，同步建设节点阀井5处，供水能力明显提升',
  },
]

const CATEGORY_WEIGHTS: Record<string, number> = {
  roads: 10,
  lights: 12,
  water: 9,
  farming: 10,
  social: 7,
  environment: 10,
  enterprise: 12,
  dispute: 7,
  education: 7,
  housing: 6,
  suggestion: 6,
  other: 4,
}

const FINISHES: readonly (readonly [Finish, number])[] = [
  ['ratedThenClosed', 40],
  ['closedThenRated', 20],
  ['closedUnrated', 30],
  ['replied', 10],
]

export function buildHeaders(rng: Rng, now: number, cal: WorkingDayCalendar, villageCount: number): Header[] {
  const today = shanghaiDate(now)
  const headers: Header[] = []
  const category = (id: string) => {
    const c = DEFAULT_CATEGORIES.find((x) => x.id === id)
    if (!c) throw new Error(`demo data: no category ${id}`)
    return c
  }
  const add = (p: {
    submittedAt: number
    category: CategorySeed
    channel: Channel
    story: Story
    keepAll: boolean
    template?: string
    countyAnswer?: string
  }) => {
    const texts = CATEGORY_TEXTS[p.category.id]
    if (!texts) throw new Error(`demo data: no texts for ${p.category.id}`)
    const template = p.template ?? rng.pick(texts.texts)
    const villageIndex = template.includes('{v}') || rng.chance(0.6) ? rng.int(0, villageCount - 1) : null
    const contact = demoContact(rng, { anonymous: rng.chance(0.3), needsIdNumber: p.category.needsIdNumber })
    headers.push({
      id: rng.uuid(p.submittedAt),
      submittedAt: p.submittedAt,
      category: p.category,
      channel: p.channel,
      story: p.story,
      keepAll: p.keepAll,
      template,
      villageIndex,
      contact,
      wantsPreferred: rng.chance(0.12),
      ...(p.countyAnswer === undefined ? {} : { countyAnswer: p.countyAnswer }),
    })
  }

  for (const s of SHOWCASES) {
    const c = category(s.category)
    add({
      submittedAt: officeTime(rng, now - rng.int(s.hours[0] * 60, s.hours[1] * 60) * 60_000, 'earlier'),
      category: c,
      channel: s.channel,
      story: { ...baseStory(c), ...s.story },
      keepAll: true,
      ...(s.template === undefined ? {} : { template: s.template }),
      ...(s.countyAnswer === undefined ? {} : { countyAnswer: s.countyAnswer }),
    })
  }

  // 民意集市: a burst of walk-in petitions on each past monthly reception day, many settled on the spot.
  for (let d = 1; d < DAYS_BACK; d++) {
    const date = addDays(today, -d)
    if (!isSecondSaturday(date) || cal.dayKind(date).kind === 'holiday') continue
    for (let n = rng.int(12, 16); n > 0; n--) {
      const c = pickCategory(rng)
      const at = startOfShanghaiDayMs(date) + rng.int(9 * 60, 12 * 60 - 1) * 60_000
      add({
        submittedAt: at,
        category: c,
        channel: 'receptionDay',
        story: randomStory(rng, c, 'receptionDay', d),
        keepAll: false,
      })
    }
  }

  while (headers.length < PETITION_COUNT) {
    const d = rng.int(0, DAYS_BACK - 1)
    let at =
      startOfShanghaiDayMs(addDays(today, -d)) +
      rng.int(8 * 60 + 30, 18 * 60 - 1) * 60_000 +
      rng.int(0, 59) * 1000
    // Nothing from the future: a time later today moves to the day before.
    if (at > now - HOUR) at -= 86_400_000
    const c = pickCategory(rng)
    const channel = rng.weighted<Channel>([
      ['kiosk', 35],
      ['walkIn', 30],
      ['phone', 15],
      ['grid', 15],
    ])
    add({ submittedAt: at, category: c, channel, story: randomStory(rng, c, channel, d), keepAll: false })
  }
  return headers.sort((a, b) => a.submittedAt - b.submittedAt || (a.id < b.id ? -1 : 1))
}

function pickCategory(rng: Rng): CategorySeed {
  return rng.weighted(DEFAULT_CATEGORIES.map((c) => [c, CATEGORY_WEIGHTS[c.id] ?? 1] as const))
}

function baseStory(c: CategorySeed): Story {
  return {
    route: c.defaultLevel === 'station' ? 'station' : 'township',
    triage: c.defaultLevel === 'station',
    note: false,
    supervise: 0,
    extend: false,
    finish: 'ratedThenClosed',
    rating: 'satisfied',
    reopen: false,
    stopAfter: null,
  }
}

function randomStory(rng: Rng, c: CategorySeed, channel: Channel, ageDays: number): Story {
  const atStation = c.defaultLevel === 'station'
  let route: Route
  if (rng.chance(0.04)) route = 'duplicate'
  else if (atStation && channel === 'receptionDay' && rng.chance(0.65)) route = 'onSpot'
  else if (atStation && channel === 'walkIn' && rng.chance(0.25)) route = 'onSpot'
  else if (atStation) {
    route = rng.weighted<Route>([
      ['station', 55],
      ['township', 13],
      ['townshipEscalated', 12],
      ['county', 12],
    ])
  } else route = rng.chance(0.78) ? 'township' : 'county'
  // A few older petitions are stuck and overdue: supervised again and again, still unanswered.
  const stalled = route !== 'onSpot' && route !== 'duplicate' && ageDays > 20 && rng.chance(0.1)
  const supervise = stalled
    ? rng.int(1, 3)
    : rng.weighted([[0, 70] as const, [1, 20] as const, [2, 10] as const])
  return {
    route,
    triage: atStation,
    note: rng.chance(0.3),
    supervise,
    extend: route !== 'onSpot' && rng.chance(route === 'station' ? 0.06 : 0.18),
    finish: rng.weighted(FINISHES),
    rating: rng.chance(0.72) ? 'satisfied' : 'mostlySatisfied',
    reopen: route !== 'duplicate' && rng.chance(0.08),
    stopAfter: stalled ? 'supervised' : null,
  }
}
