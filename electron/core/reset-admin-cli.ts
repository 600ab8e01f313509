import path from 'node:path'
import { parseArgs } from 'node:util'
import { cliErrorLine } from './cli-error'
import { resetAdmin } from './features/recovery/reset-admin'

/**
 * `npm run reset-admin -- --data <dir> --code <恢复码> [--name <admin>]`: the way back in when no admin can
 * sign in. Resets the named active admin's PIN, or makes a new admin account, with a one-time PIN printed
 * here. The desktop app does the same at start with `--reset-admin`.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, code: { type: 'string' }, name: { type: 'string' } },
  })
  if (!values.data || !values.code) {
    console.error(
      'usage: reset-admin --data <dir> --code <XXXX-XXXX-XXXX-XXXX-XXXX-XXXX> [--name <admin name>]',
    )
    process.exit(2)
  }
  const reset = await resetAdmin(path.resolve(values.data), values.code, {
    name: values.name ?? null,
    now: Date.now(),
  })
  if (values.name && reset.created)
    console.log(`no active admin is named ${values.name}; made a new admin account`)
  console.log(reset.created ? `new admin account: ${reset.name}` : `PIN reset for the admin ${reset.name}`)
  console.log(`one-time PIN: ${reset.pin}`)
  // The staff module has no "must change at first sign-in" flag: the person is told instead.
  console.log('start the station, sign in with this PIN and set a new one at once (工作人员 → 重设密码)')
  // RESET_ADMIN_CODE_USED once the PIN has signed in: the next reset needs a new code.
  console.log(
    'once this PIN has signed in, this recovery code cannot reset again: make a new one (数据备份 → 生成恢复码) and keep it safe',
  )
  console.log('if the PIN is lost before anyone signs in with it, the same command gives a new one')
}

main().catch((e: unknown) => {
  // A wrong code, no recovery file, or a running station (STATION_IN_USE): the sentence and the code.
  console.error(cliErrorLine(e))
  process.exit(1)
})
