import { shanghaiDate } from '../../../../domain/dates'
import { DomainError } from '../../../../domain/errors'
import { missingHolidayData } from '../../../../domain/working-days'
import type { StationProfile } from '../../../../contract/views'
import type { Executor } from '../../db/schema'

/** Settings keys. The station this kiosk serves is one row of the county's station list. */
export const SETTING = {
  stationId: 'station.id',
  demo: 'data.demo',
  nodeId: 'sync.nodeId',
} as const

export async function getSetting(db: Executor, key: string): Promise<string | null> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst()
  return row ? (JSON.parse(row.value) as string) : null
}

export async function putSetting(db: Executor, key: string, value: string): Promise<void> {
  const v = JSON.stringify(value)
  await db
    .insertInto('setting')
    .values({ key, value: v })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: v }))
    .execute()
}

export async function currentStation(db: Executor) {
  const id = await getSetting(db, SETTING.stationId)
  const row = id
    ? await db
        .selectFrom('station')
        .innerJoin('township', 'township.id', 'station.township_id')
        .select([
          'station.id',
          'station.name',
          'station.theme',
          'station.hotline',
          'station.address',
          'station.township_id',
          'township.name as township_name',
        ])
        .where('station.id', '=', id)
        .executeTakeFirst()
    : undefined
  if (!row) throw new DomainError('NOT_FOUND', { what: 'station profile; run setup first' })
  return row
}

export async function stationProfile(db: Executor, now: number): Promise<StationProfile> {
  const s = await currentStation(db)
  const today = shanghaiDate(now)
  return {
    id: s.id,
    name: s.name,
    theme: s.theme,
    townshipId: s.township_id,
    townshipName: s.township_name,
    hotline: s.hotline,
    demo: (await getSetting(db, SETTING.demo)) === 'yes',
    holidayDataMissingYear: missingHolidayData(today),
  }
}

export async function needsSetup(db: Executor): Promise<boolean> {
  return (await getSetting(db, SETTING.stationId)) === null
}
