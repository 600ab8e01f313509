/**
 * Folding petition state from events on the preloaded station (100,000 petitions, 1,000,000 events):
 *  1. every petition: events read in timeline order petition by petition (the petition_event_timeline
 *     index), decoded with the repository's eventFromRow and folded with the domain's foldPetition; the
 *     total, and apart from it the decode and the pure fold (no I/O) time;
 *  2. one petition's timeline, as the app loads it (repository eventRowsOf + eventFromRow + foldPetition),
 *     for random petitions, cold (just after opening) and steady (after 5,000 other reads);
 *  3. petitions.get, the staff detail view, through the in-process caller with a staff session.
 *
 * Prints figures; asserts nothing about time.
 */
import { performance } from 'node:perf_hooks'
import type { PetitionEvent } from '../domain/petition/events'
import { foldPetition } from '../domain/petition/reducer'
import type { StaffUser } from '../contract/views'
import { Rng } from '../electron/core/demo/random'
import { eventFromRow, eventRowsOf } from '../electron/core/features/petitions/repository'
import { openStation } from '../electron/core/station'
import { RESIDENT, call, dispatchOk, formatSummary, ms, report, summarize } from './lib'
import { prepareRun } from './preload/cache'
import { ADMIN_PIN } from './preload/station-setup'

const PAGE = 1_000 // petitions per read
const SAMPLES = 1_000
const WARMUP = 100
const STEADY_AFTER = 5_000

const run = await prepareRun('fold')
try {
  const station = await openStation({ dataDir: run.dir, backups: false })
  const { db } = station
  try {
    console.log(
      `preloaded station: ${run.meta.petitions.toLocaleString()} petitions, ${run.meta.events.toLocaleString()} events ` +
        `(fresh copy in ${run.copyMs.toFixed(0)} ms)`,
    )

    // 1. Every petition, from its events.
    let decodeMs = 0
    let foldMs = 0
    let folded = 0
    let events = 0
    const t0 = performance.now()
    const ids = (await db.selectFrom('petition').select('id').orderBy('id').execute()).map((r) => r.id)
    for (let i = 0; i < ids.length; i += PAGE) {
      const from = ids[i]
      const to = ids[Math.min(i + PAGE, ids.length) - 1]
      if (from === undefined || to === undefined) break
      const rows = await db
        .selectFrom('petition_event')
        .selectAll()
        .where('petition_id', '>=', from)
        .where('petition_id', '<=', to)
        .orderBy('petition_id')
        .orderBy('hlc')
        .orderBy('id')
        .execute()
      let t = performance.now()
      const decoded = rows.map(eventFromRow)
      decodeMs += performance.now() - t
      const timelines: PetitionEvent[][] = []
      let current: PetitionEvent[] = []
      for (const e of decoded) {
        if (current.length > 0 && current[0]?.petitionId !== e.petitionId) {
          timelines.push(current)
          current = []
        }
        current.push(e)
      }
      if (current.length > 0) timelines.push(current)
      t = performance.now()
      for (const timeline of timelines) if (foldPetition(timeline)) folded++
      foldMs += performance.now() - t
      events += rows.length
    }
    const totalMs = performance.now() - t0
    const ioMs = totalMs - decodeMs - foldMs
    console.log(
      `\nfold every petition from its events (${folded.toLocaleString()} petitions, ${events.toLocaleString()} events):`,
    )
    console.log(`  total (read + decode + fold)  ${ms(totalMs, 0)}   ${ms(totalMs / folded)} per petition`)
    console.log(`  … read (SQLite + Kysely)      ${ms(ioMs, 0)}`)
    console.log(`  … decode (eventFromRow)       ${ms(decodeMs, 0)}`)
    console.log(
      `  … pure fold (foldPetition)    ${ms(foldMs, 0)}   ${ms(foldMs / folded)} per petition, ` +
        `${((foldMs * 1e6) / events).toFixed(0)} ns per event`,
    )
    report('fold', 'fold all: total', totalMs, 'ms', `${folded} petitions`)
    report('fold', 'fold all: per petition', totalMs / folded, 'ms')
    report('fold', 'fold all: pure fold', foldMs, 'ms', 'no I/O, no decode')
    report('fold', 'fold all: pure fold per petition', foldMs / folded, 'ms')

    // 2. One petition's timeline, the way the app loads it.
    const rng = new Rng(42)
    const sample = () => ids[rng.int(0, ids.length - 1)] ?? ''
    const loadOne = async (id: string) => foldPetition((await eventRowsOf(db, id)).map(eventFromRow))
    let eventsSeen = 0
    const timeSamples = async (picked: readonly string[]) => {
      const times: number[] = []
      for (const id of picked) {
        const t = performance.now()
        const rows = await eventRowsOf(db, id)
        const state = foldPetition(rows.map(eventFromRow))
        times.push(performance.now() - t)
        eventsSeen += rows.length
        if (!state) throw new Error(`petition ${id} folded to nothing`)
      }
      return summarize(times)
    }
    for (let i = 0; i < WARMUP; i++) await loadOne(sample())
    // Cold: right after opening, the index's inner pages are not yet in SQLite's cache and the code is
    // barely compiled. Steady: after the station has served STEADY_AFTER other random timelines, as a
    // kiosk that has been running a while has; each measured petition is still one not read before.
    const cold = await timeSamples(Array.from({ length: SAMPLES }, sample))
    for (let i = 0; i < STEADY_AFTER; i++) await loadOne(sample())
    const picked = Array.from({ length: SAMPLES }, sample)
    const one = await timeSamples(picked)
    eventsSeen /= 2
    // Not timed: the fold agrees with the projection the preload stored.
    let agree = 0
    for (const id of picked.slice(0, 200)) {
      const row = await db.selectFrom('petition').select('state_json').where('id', '=', id).executeTakeFirst()
      if (row && JSON.stringify(await loadOne(id)) === row.state_json) agree++
    }
    console.log(
      `\none petition's timeline (eventRowsOf + eventFromRow + foldPetition), ${SAMPLES} random petitions ` +
        `(${(eventsSeen / SAMPLES).toFixed(1)} events on average):`,
    )
    console.log(`  cold    ${formatSummary(cold)}`)
    console.log(`  steady  ${formatSummary(one)}   (target p99 ≤ 1 ms)`)
    console.log(`  check: fold equals stored state_json for ${agree} of 200 sampled petitions`)
    report('fold', 'one timeline, cold p99', cold.p99, 'ms', 'first reads after opening')
    report('fold', 'one timeline p50', one.p50, 'ms')
    report('fold', 'one timeline p99', one.p99, 'ms', 'target ≤ 1 ms')

    // 3. petitions.get with a staff session.
    const users = await call<StaffUser[]>(station, 'staff.users', {})
    const admin = users.find((u) => u.role === 'admin')
    if (!admin) throw new Error('no admin in the preloaded station')
    const login = await dispatchOk(station, 'staff.login', { userId: admin.id, pin: ADMIN_PIN }, RESIDENT)
    const token = login.outcome.sessionToken
    if (!token) throw new Error('staff.login gave no session token')
    const staff = { sessionToken: token, clientKey: 'bench' }
    for (let i = 0; i < WARMUP; i++) await dispatchOk(station, 'petitions.get', { id: sample() }, staff)
    const gets: number[] = []
    for (let i = 0; i < SAMPLES; i++) {
      const id = sample()
      const t = performance.now()
      await dispatchOk(station, 'petitions.get', { id }, staff)
      gets.push(performance.now() - t)
    }
    const get = summarize(gets)
    console.log(
      `\npetitions.get (staff detail, in-process dispatch with a staff session), ${SAMPLES} random petitions:`,
    )
    console.log(`  ${formatSummary(get)}`)
    report('fold', 'petitions.get p50', get.p50, 'ms')
    report('fold', 'petitions.get p99', get.p99, 'ms')
  } finally {
    await station.close()
  }
} finally {
  run.cleanup()
}
