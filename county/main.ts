import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { NewUserBody } from '../contract/county-console'
import { createCountyUser, pruneSessions } from './accounts/service'
import { buildHub } from './app'
import { pruneSeenRequests } from './auth'
import { type HubDatabase, openHubDatabase } from './db/open'
import { rotateDataKey } from './data-key'
import { createSealer, loadDataKey } from './sealing'
import { HubWorkersSettingError, hubWorkerCount, isSupervisor, superviseWorkers } from './workers'

/**
 * `npm run county`: the county hub on PostgreSQL (DATABASE_URL); several processes may serve one database.
 * Without DATABASE_URL it runs on an embedded PGlite directory for demos, and says so.
 *
 * `npm run county -- add-user <username> --name <姓名> --role admin|clerk` adds a county staff account, the
 * password read from COUNTY_PASSWORD or the first line of standard input. The first admin is made so.
 *
 * HUB_WORKERS=<n>|auto serves from n processes sharing the port (workers.ts).
 *
 * `npm run county -- rotate-data-key --new-key-file <path>` re-seals every dossier from the current data key
 * to the one in the file (a fresh key is written there when the file does not exist); see data-key.ts.
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string', default: process.env.PORT ?? '8790' },
      host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
      'demo-data': {
        type: 'string',
        default: path.join(os.homedir(), '.local', 'share', 'yizhan', 'county-demo'),
      },
      name: { type: 'string' },
      role: { type: 'string', default: 'clerk' },
      'new-key-file': { type: 'string' },
    },
  })
  const url = process.env.DATABASE_URL
  const demoDir = values['demo-data']
  if (!url) {
    console.warn(
      `DATABASE_URL is not set: running on the embedded demo database in ${demoDir} (PGlite). ` +
        'Production uses PostgreSQL: DATABASE_URL=postgres://user@host/yizhan_hub',
    )
    fs.mkdirSync(demoDir, { recursive: true })
  }
  const prepared = process.env.HUB_PREPARED_STATEMENTS ?? 'on'
  if (prepared !== 'on' && prepared !== 'off') {
    console.error(`HUB_PREPARED_STATEMENTS must be on or off; got ${JSON.stringify(prepared)}`)
    process.exit(2)
  }
  const hub = await openHubDatabase(
    url ? { url, prepare: prepared === 'on' } : { pgliteDir: path.join(demoDir, 'pgdata') },
  )

  if (positionals[0] === 'add-user') {
    const password = process.env.COUNTY_PASSWORD ?? fs.readFileSync(0, 'utf8').split('\n')[0] ?? ''
    const body = NewUserBody.safeParse({
      username: positionals[1],
      displayName: values.name ?? positionals[1],
      role: values.role,
      password,
    })
    if (!body.success) {
      console.error(body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'))
      await hub.close()
      process.exit(2)
    }
    await createCountyUser(hub.db, body.data, 'command line')
    console.log(`county account ${body.data.username} (${body.data.role}) added`)
    await hub.close()
    return
  }

  if (positionals[0] === 'rotate-data-key') {
    const file = values['new-key-file']
    if (!file) {
      console.error(
        'rotate-data-key needs --new-key-file <path> (made with a fresh key when it does not exist)',
      )
      await hub.close()
      process.exit(2)
    }
    if (!fs.existsSync(file))
      fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' })
    const from = createSealer(loadDataKey(process.env, url ? undefined : demoDir))
    const to = createSealer(loadDataKey({ HUB_DATA_KEY_FILE: file }))
    const count = await rotateDataKey(hub.db, from, to)
    console.log(
      `${count} dossiers re-sealed under the key in ${file}. Point HUB_DATA_KEY_FILE at it and restart every ` +
        'hub process; until then they refuse dossiers (stations send them again later).',
    )
    await hub.close()
    return
  }

  const workers = workerCountOrExit(url !== undefined)
  if (isSupervisor(workers)) {
    // Migrated once, above, before the workers open the database.
    await hub.close()
    superviseWorkers(workers)
    return
  }
  if (!url) await ensureDemoAdmin(hub.db)

  const app = await buildHub({
    db: hub.db,
    logger: true,
    dataKey: loadDataKey(process.env, url ? undefined : demoDir),
    consoleDir: process.env.COUNTY_CONSOLE_DIR ?? path.join(__dirname, '..', 'county-console'),
    secureCookie: process.env.COUNTY_SECURE_COOKIE === '1',
    trustProxy: (process.env.HUB_TRUST_PROXY ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a !== ''),
    ...(process.env.HUB_RATE_LIMIT_PER_MINUTE
      ? { rateLimitPerMinute: Number(process.env.HUB_RATE_LIMIT_PER_MINUTE) }
      : {}),
  })
  // Replay protection only needs recent signatures; any hub process may prune, the work is idempotent.
  const pruner = setInterval(() => {
    const now = Date.now()
    Promise.all([pruneSeenRequests(hub.db), pruneSessions(hub.db, now)]).catch((e: unknown) =>
      app.log.error({ err: e }, 'pruning failed'),
    )
  }, 5 * 60_000)
  pruner.unref()
  const shutdown = async () => {
    clearInterval(pruner)
    await app.close()
    await hub.close()
    process.exit(0)
  }
  process.once('SIGTERM', () => void shutdown())
  process.once('SIGINT', () => void shutdown())
  const address = await app.listen({ port: Number(values.port), host: values.host })
  console.log(`county hub listening on ${address}; console at ${address}/console/`)
}

/** HUB_WORKERS, or exit 2 saying what is wrong with it. */
function workerCountOrExit(onPostgres: boolean): number {
  try {
    const count = hubWorkerCount(process.env.HUB_WORKERS, onPostgres)
    if (!onPostgres && hubWorkerCount(process.env.HUB_WORKERS, true) > 1)
      console.warn('HUB_WORKERS is ignored on the embedded demo database, which one process serves')
    return count
  } catch (e) {
    if (!(e instanceof HubWorkersSettingError)) throw e
    console.error(e.message)
    process.exit(2)
  }
}

/** A demo hub with no accounts gets one admin, its password printed once, so the console can be tried. */
async function ensureDemoAdmin(db: HubDatabase['db']): Promise<void> {
  const any = await db.selectFrom('county_user').select('username').limit(1).executeTakeFirst()
  if (any) return
  const password = crypto.randomBytes(9).toString('base64url')
  await createCountyUser(
    db,
    { username: 'admin', displayName: '演示管理员', role: 'admin', password },
    'demo',
  )
  console.warn(`demo county account: admin / ${password} (shown once)`)
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
