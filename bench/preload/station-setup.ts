/** The station the bulk is loaded into: set up through the real handlers, as an administrator would. */
import { v7 } from 'uuid'
import { addDays, daysBetween, shanghaiDate } from '../../domain/dates'
import { formatHlc } from '../../domain/hlc'
import { chinaCalendar } from '../../domain/working-days'
import type { Category, StaffUser, Township } from '../../contract/views'
import { createStaffUser } from '../../electron/core/features/staff/service'
import { SETTING, getSetting } from '../../electron/core/features/station/service'
import { openStation } from '../../electron/core/station'
import { call } from '../lib'
import { REPRESENTATIVES, VILLAGE_NAMES } from './words'
import { DAY, type World } from './world'

/** The admin's PIN in the preloaded station (benchmarks log in with it). */
export const ADMIN_PIN = '246810'

export interface Setup {
  readonly world: Omit<World, 'rng' | 'end' | 'recent'>
  readonly nodeId: string
  readonly lastAuditHash: string
}

export async function setUpStation(dir: string, setupAt: number, start: number, end: number): Promise<Setup> {
  const station = await openStation({ dataDir: dir, now: () => setupAt, backups: false })
  try {
    await call(station, 'setup.init', {
      stationName: '城关镇人大代表联络站',
      townshipName: '城关镇',
      hotline: '0393-5221234',
      adminName: '王建国',
      adminPin: ADMIN_PIN,
    })
    const db = station.db
    await createStaffUser(db, { name: '李秀梅', role: 'staff', pin: '135790', at: setupAt })
    await createStaffUser(db, { name: '赵志强', role: 'staff', pin: '135791', at: setupAt })
    const stationId = await getSetting(db, SETTING.stationId)
    const nodeId = await getSetting(db, SETTING.nodeId)
    if (!stationId || !nodeId) throw new Error('setup.init left no station id or node id')
    const [township] = await call<Township[]>(station, 'catalog.townships', {})
    if (!township) throw new Error('setup.init created no township')

    const villages = VILLAGE_NAMES.map((name, i) => ({ id: v7(), township_id: township.id, name, sort: i }))
    await db.insertInto('village').values(villages).execute()

    const reps = REPRESENTATIVES.map(([name, pinyin, level, sector, specialties]) => ({
      id: v7(),
      name,
      name_pinyin: pinyin,
      name_initials: pinyin
        .split(' ')
        .map((s) => s.charAt(0))
        .join(''),
      level,
      sector,
      specialties: JSON.stringify(specialties),
      specialist_group: null,
      township_id: township.id,
      grid_id: null,
      station_id: stationId,
      contact_route: 'station',
      office_phone: null,
      checkin_code_hash: null,
      active: 1,
      local_note: null,
      roster_version: 1,
      updated_at: setupAt,
    }))
    await db.insertInto('representative').values(reps).execute()

    // Two representatives on duty every working day, from the first petition to a year past the last.
    const cal = chinaCalendar()
    const shifts = []
    const first = shanghaiDate(start)
    for (let i = 0, n = daysBetween(first, shanghaiDate(end + 365 * DAY)); i <= n; i++) {
      const date = addDays(first, i)
      if (!cal.isWorkingDay(date)) continue
      for (const [k, slot] of (['morning', 'afternoon'] as const).entries()) {
        const rep = reps[(i * 2 + k) % reps.length]
        if (!rep) continue
        const hlc = formatHlc({ wall: setupAt, counter: 0, node: nodeId })
        shifts.push({
          id: v7(),
          station_id: stationId,
          representative_id: rep.id,
          date,
          slot,
          rule_id: null,
          hlc,
          deleted: 0,
        })
      }
    }
    for (let i = 0; i < shifts.length; i += 500) {
      await db
        .insertInto('duty_shift')
        .values(shifts.slice(i, i + 500))
        .execute()
    }

    const staff = await call<StaffUser[]>(station, 'staff.users', {})
    const categories = await call<Category[]>(station, 'catalog.categories', {})
    const last = await db
      .selectFrom('audit_log')
      .select('hash')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst()
    return {
      world: {
        stationId,
        townshipId: township.id,
        villages: villages.map((v) => ({ id: v.id, name: v.name })),
        representatives: reps.map((r) => r.id),
        staff: staff.map((s) => ({ role: s.role, id: s.id })),
        categories,
      },
      nodeId,
      lastAuditHash: last?.hash ?? '0'.repeat(64),
    }
  } finally {
    await station.close()
  }
}
