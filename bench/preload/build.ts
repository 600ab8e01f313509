/** Builds the preloaded station in a directory: the setup, the bulk, then a check that the app accepts it. */
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { DB_FILE } from '../../electron/core/db/open'
import { verifyAuditChain } from '../../electron/core/features/audit/service'
import { openStation } from '../../electron/core/station'
import { removeDir } from '../lib'
import { bulkLoad } from './bulk-load'
import { setUpStation } from './station-setup'
import { DAY, HOUR } from './world'

const YEARS = 3

export interface PreloadMeta {
  readonly petitions: number
  readonly events: number
  readonly outbox: number
  readonly audit: number
  readonly buildSeconds: number
  readonly builtAt: string
  readonly bytes: number
  readonly openStationMs: number
}

export async function build(dir: string): Promise<PreloadMeta> {
  const started = performance.now()
  removeDir(dir)
  const end = Date.now() - 2 * HOUR
  const start = end - YEARS * 365 * DAY
  const setupAt = start - 30 * DAY

  // 1. The station, its categories and staff, through the real handlers.
  let t = performance.now()
  const setup = await setUpStation(dir, setupAt, start, end)
  console.log(`  setup (setup.init, staff, villages, roster, duty calendar): ${secs(performance.now() - t)}`)

  // 2. The bulk, straight through node-sqlite3.
  t = performance.now()
  const counts = await bulkLoad(dir, setup, start, end)
  const bulkMs = performance.now() - t
  console.log(
    `  bulk insert: ${counts.petitions.toLocaleString()} petitions, ${counts.events.toLocaleString()} events, ` +
      `${counts.outbox.toLocaleString()} outbox rows, ${counts.audit.toLocaleString()} audit rows in ${secs(bulkMs)} ` +
      `(${Math.round((counts.petitions + counts.events + counts.outbox + counts.audit) / (bulkMs / 1000)).toLocaleString()} rows/s)`,
  )
  const buildMs = performance.now() - started

  // 3. Not part of the build time: the app opens it and its own audit verification accepts the chain.
  t = performance.now()
  const station = await openStation({ dataDir: dir, backups: false })
  const openStationMs = performance.now() - t
  t = performance.now()
  const verification = await verifyAuditChain(station.db)
  console.log(
    `  check: openStation ${secs(openStationMs)}; audit chain ${verification.ok ? 'intact' : `BROKEN at ${verification.brokenAt}`} ` +
      `over ${verification.rows.toLocaleString()} rows (${secs(performance.now() - t)})`,
  )
  await station.close()
  if (!verification.ok) throw new Error('the preloaded audit chain does not verify')

  const bytes = fs.statSync(path.join(dir, DB_FILE)).size
  return {
    ...counts,
    buildSeconds: buildMs / 1000,
    builtAt: new Date().toISOString(),
    bytes,
    openStationMs,
  }
}

const secs = (msTotal: number) => `${(msTotal / 1000).toFixed(1)} s`
