import type { Handlers } from '../../context'
import { listBackups, runBackup } from './service'

export const backupHandlers = {
  'backup.run': (_input, ctx) => runBackup(ctx.dataDir, ctx.now()),
  'backup.list': (_input, ctx) => Promise.resolve(listBackups(ctx.dataDir)),
} satisfies Handlers<'backup'>
