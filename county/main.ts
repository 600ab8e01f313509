import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { buildHub } from './app'
import { pruneSeenRequests } from './auth'
import { openHubDatabase } from './db/open'

/**
 * `npm run county`: the county hub on PostgreSQL (DATABASE_URL); several processes may serve one database.
 * Without DATABASE_URL it runs on an embedded PGlite directory for demos, and says so.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PORT ?? '8790' },
      host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
      'demo-data': {
        type: 'string',
        default: path.join(os.homedir(), '.local', 'share', 'yizhan', 'county-demo'),
      },
    },
  })
  const url = process.env.DATABASE_URL
  if (!url) {
    console.error(
      'DATABASE_URL is not set: the county hub needs PostgreSQL, e.g. postgres://user@host/yizhan_hub',
    )
    process.exit(2)
  }
  const hub = await openHubDatabase(url)
  const app = await buildHub({ db: hub.db, logger: true })
  // Replay protection only needs recent signatures; any hub process may prune, the work is idempotent.
  const pruner = setInterval(() => {
    pruneSeenRequests(hub.db, Date.now()).catch((e: unknown) => app.log.error({ err: e }, 'pruning failed'))
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
  console.log(`county hub listening on ${address}`)
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
