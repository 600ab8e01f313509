import path from 'node:path'
import { parseArgs } from 'node:util'
import { cliErrorLine } from './cli-error'
import { restoreBackup } from './features/backup/service'

/** `npm run restore -- --data <dir> --from <backup file>`: refused while a station has the folder open. */
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
  // A running station (STATION_IN_USE) or a damaged backup: the sentence and the code, not a stack.
  console.error(cliErrorLine(e))
  process.exit(1)
})
