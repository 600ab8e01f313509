import type { Handlers } from '../../context'
import { verifyAuditChain } from './service'

export const auditHandlers = {
  'audit.verify': (_input, ctx) => verifyAuditChain(ctx.db),
} satisfies Handlers<'audit'>
