import http from 'node:http'
import { describe, expect, inject, it, onTestFinished } from 'vitest'
import { openHubDatabase } from '../../../county/db/open'
import { act } from '../../fixtures/desk'
import { TEST_DATA_KEY } from '../../fixtures/hub'
import { type HubProcess, startHubProcess } from '../../fixtures/hub-process'
import { createTestDatabase } from '../../fixtures/postgres'
import { expectSameEvents, stationEnrolledAt, untilQuietWith } from '../../fixtures/sync'

/** The pids that answered requests, from the hub's request log (one JSON line per request, with its pid). */
function servingPids(hub: HubProcess): Set<number> {
  const pids = new Set<number>()
  for (const line of hub.output().split('\n')) {
    if (!line.includes('"request completed"')) continue
    pids.add((JSON.parse(line) as { pid: number }).pid)
  }
  return pids
}

/** GET /health on a connection of its own, so the supervisor hands it to the next worker. */
function health(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(`${url}/health`, { agent: false }, (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      })
      .on('error', reject)
  })
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('a hub of several worker processes (HUB_WORKERS)', () => {
  it('serves a station from its workers, replaces a worker that dies, and stops them all on SIGTERM', async () => {
    const url = await createTestDatabase(inject('postgresUrl'))
    const hub = await openHubDatabase(url)
    onTestFinished(() => hub.close())
    const proc = await startHubProcess(url, TEST_DATA_KEY, { workers: 2 })
    onTestFinished(async () => {
      await proc.kill('SIGTERM')
    })
    expect(proc.output()).toContain('county hub: 2 worker processes share the port')

    for (let i = 0; i < 8; i++) expect(await health(proc.url)).toBe(200)
    const workers = servingPids(proc)
    expect(workers.size).toBe(2)
    expect(workers.has(proc.pid)).toBe(false)

    const { t, stationId } = await stationEnrolledAt(hub.db, proc.url, { batchSize: 20 })
    const fill = async (n: number) => {
      for (let i = 0; i < n; i++) await act(t, (await t.submit()).id, { type: 'noted', text: '已电话回访' })
    }
    await fill(30)
    await untilQuietWith(t, 10, () => t.clock.advance(30_000))
    await expectSameEvents(t, hub.db, stationId)

    // One worker dies: the supervisor starts another, and the station goes on syncing through the port.
    const [victim] = [...workers]
    process.kill(victim as number, 'SIGKILL')
    await until(() => /ended with signal SIGKILL; starting another/.test(proc.output()), 'the replacement')
    await until(
      () => proc.output().match(/county hub listening on/g)?.length === 3,
      'the new worker to listen',
    )
    await fill(10)
    await untilQuietWith(t, 10, () => t.clock.advance(30_000))
    await expectSameEvents(t, hub.db, stationId)
    for (let i = 0; i < 8; i++) expect(await health(proc.url)).toBe(200)
    const now = servingPids(proc)
    expect(now.size).toBe(3)

    // Workers dying one after another: the third replacement within a minute waits a second.
    for (const [n, pause] of [
      [4, ''],
      [5, ' in 1 s'],
    ] as const) {
      const [pid] = [...servingPids(proc)].filter((p) => alive(p))
      process.kill(pid as number, 'SIGKILL')
      await until(
        () => proc.output().includes(`ended with signal SIGKILL; starting another${pause}\n`),
        'the log',
      )
      await until(
        () => proc.output().match(/county hub listening on/g)?.length === n,
        `worker ${n} to listen`,
      )
      for (let i = 0; i < 8; i++) expect(await health(proc.url)).toBe(200)
    }
    const all = servingPids(proc)

    expect(await proc.kill('SIGTERM')).toBe(0)
    for (const pid of all) await until(() => !alive(pid), `worker ${pid} to end`)
  }, 180_000)
})
