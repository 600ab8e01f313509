import path from 'node:path'
import { parseArgs } from 'node:util'
import { restoreBackup } from './features/backup/service'

/** `npm run restore -- --data <dir> --from <backup file>`: run with the station closed. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { data: { type: 'string' }, from: { type: 'string' } } })
  if (!values.data || !values.from) {
    console.error('usage: restore --data <dir> --from <backups/station-YYYYMMDD-HHMMSS.sqlite>')
    process.exit(2)
  }
  const kept = await restoreBackup(path.resolve(values.data), path.resolve(values.from), Date.now())
  console.log(`restored ${values.from}; the previous database is kept as ${kept}`)
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
