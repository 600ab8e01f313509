import type { Kysely } from 'kysely'

/**
 * Check-ins by station and day: the kiosk's 今日签到 and the monthly attendance read a station's visits
 * for a date range, which the (representative_id, date) index of 0001 cannot serve.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('visit_station_date')
    .on('visit')
    .columns(['station_id', 'date', 'at'])
    .execute()
}
