import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { integrityCheck } from '../../fixtures/db'
import { type TestStation, makeTempDir, openTestStation } from '../../fixtures/station'

/**
 * kill -9 while petitions are being submitted, again and again on the same data folder. Every petition
 * whose code was acknowledged (the moment the kiosk prints the receipt) must survive, whole.
 *
 * The child is tests/fixtures/submit-loop.ts, bundled once with esbuild: under `node --import tsx` each
 * start transpiles the whole backend again (3–7 s on a busy two-core runner), and fifteen starts would
 * not fit the time budget. sqlite3 stays external (a native addon) and resolves through NODE_PATH.
 */
const ROUNDS = 15
/** On a very slow machine, stop starting new rounds after this long rather than time out. */
const BUDGET_MS = 40_000
const MIN_ROUNDS = 5
const ROOT = path.resolve(import.meta.dirname, '../../..')
const LOOP = path.join(ROOT, 'tests/fixtures/submit-loop.ts')

let dataDir: string
let bundleDir: string
let bundle: string
let rounds = 0
let t: TestStation
const acknowledged = new Set<string>()
const errors: string[] = []

function runAndKill(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [bundle, dataDir], {
      cwd: ROOT,
      env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let buffered = ''
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), 300 + Math.random() * 1200)
        else if (line.startsWith('ok ')) acknowledged.add(line.slice(3))
        else errors.push(line)
      }
    })
    child.on('error', reject)
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`the loop ended by itself: ${stderr}`)),
    )
  })
}

beforeAll(async () => {
  const started = Date.now()
  dataDir = makeTempDir()
  bundleDir = makeTempDir('yizhan-crash-bundle-')
  bundle = path.join(bundleDir, 'submit-loop.cjs')
  await build({
    entryPoints: [LOOP],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['sqlite3'],
    logLevel: 'error',
    // As in scripts/build-node.mjs: pdfkit's ES build reads import.meta.url as it loads.
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__importMetaUrl' },
  })
  const setup = await openTestStation({ dataDir })
  await setup.setUp()
  await setup.close()
  while (rounds < ROUNDS && (rounds < MIN_ROUNDS || Date.now() - started < BUDGET_MS)) {
    await runAndKill()
    rounds++
  }
  t = await openTestStation({ dataDir })
}, 90_000)

afterAll(async () => {
  await t.close()
  for (const dir of [dataDir, bundleDir]) fs.rmSync(dir, { recursive: true, force: true })
})

describe('a station killed while submitting petitions', () => {
  it('was killed mid-work several times, acknowledging petitions and refusing none', () => {
    expect(rounds).toBeGreaterThanOrEqual(MIN_ROUNDS)
    expect(acknowledged.size).toBeGreaterThan(rounds)
    expect(errors).toEqual([])
  })

  it('keeps every acknowledged petition, with its submitted event', async () => {
    const rows = await t.db
      .selectFrom('petition')
      .innerJoin('petition_event', 'petition_event.petition_id', 'petition.id')
      .select('petition.code')
      .where('petition_event.type', '=', 'submitted')
      .execute()
    const stored = new Set(rows.map((r) => r.code))
    expect([...acknowledged].filter((code) => !stored.has(code))).toEqual([])
  })

  it('has no petition without its events and no event without its petition', async () => {
    const petitions = await t.db
      .selectFrom('petition')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst()
    const withEvents = await sql<{
      n: number
    }>`select count(distinct petition_id) as n from petition_event`.execute(t.db)
    const orphans = await sql<{ n: number }>`
      select count(*) as n from petition_event e left join petition p on p.id = e.petition_id where p.id is null`.execute(
      t.db,
    )
    expect(petitions?.n).toBeGreaterThanOrEqual(acknowledged.size)
    expect(withEvents.rows[0]?.n).toBe(petitions?.n)
    expect(orphans.rows[0]?.n).toBe(0)
  })

  it('wrote an outbox row and an audit row for every event', async () => {
    const count = async (table: 'petition_event' | 'sync_outbox') =>
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst()
      )?.n
    expect(await count('sync_outbox')).toBe(await count('petition_event'))
    await t.loginAdmin()
    expect(await t.succeed('audit.verify', {})).toMatchObject({ ok: true, brokenAt: null })
  })

  it('passes the integrity check', async () => {
    expect(await integrityCheck(t.db)).toBe('ok')
  })
})
