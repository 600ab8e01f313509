import path from 'node:path'
import { parseArgs } from 'node:util'
import { cliErrorLine } from './cli-error'
import { restoreBackup, restoreSummary } from './features/backup/service'

/**
 * `npm run restore -- --data <dir> --from <backup file> [--other-station]`: refused while a station has the
 * folder open, and for a backup this station could not start on (newer app, another station, another key).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      from: { type: 'string' },
      'other-station': { type: 'boolean', default: false },
    },
  })
  if (!values.data || !values.from) {
    console.error(
      'usage: restore --data <dir> --from <backups/station-YYYYMMDD-HHMMSS.sqlite> [--other-station]',
    )
    process.exit(2)
  }
  const result = await restoreBackup(path.resolve(values.data), path.resolve(values.from), Date.now(), {
    otherStation: values['other-station'],
  })
  for (const line of restoreSummary(values.from, result)) console.log(line)
}

main().catch((e: unknown) => {
  // A running station (STATION_IN_USE) or a damaged backup: the sentence and the code, not a stack.
  console.error(cliErrorLine(e))
  process.exit(1)
})
