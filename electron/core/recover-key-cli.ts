import path from 'node:path'
import { parseArgs } from 'node:util'
import { cliErrorLine } from './cli-error'
import { plainFileWrapper } from './crypto/key-store'
import { recoverKey } from './features/recovery/service'

/**
 * `npm run recover-key -- --data <dir> --code <恢复码>`: puts serve mode's key file back from the recovery
 * file with the code an admin wrote down. The desktop app does the same at start with `--recover-key`.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { data: { type: 'string' }, code: { type: 'string' } } })
  if (!values.data || !values.code) {
    console.error('usage: recover-key --data <dir> --code <XXXX-XXXX-XXXX-XXXX-XXXX-XXXX>')
    process.exit(2)
  }
  const outcome = await recoverKey(path.resolve(values.data), values.code, plainFileWrapper, Date.now())
  console.log(
    outcome === 'written'
      ? 'the personal-data key is back in place; start the station as usual'
      : 'the key file in place already is this station key; nothing changed',
  )
}

main().catch((e: unknown) => {
  console.error(cliErrorLine(e))
  process.exit(1)
})
