import type { Handlers } from '../../context'
import { createRecoveryCode, recoveryCodeStatus } from './service'

export const recoveryHandlers = {
  'recovery.status': (_input, ctx) => Promise.resolve(recoveryCodeStatus(ctx.dataDir)),
  'recovery.create': (_input, ctx) => createRecoveryCode(ctx),
} satisfies Handlers<'recovery'>
