import type { Handlers } from '../../context'
import { auditList, verifyAuditChain } from './service'

export const auditHandlers = {
  'audit.verify': (_input, ctx) => verifyAuditChain(ctx.db),
  'audit.list': (input, ctx) => auditList(ctx.db, input),
} satisfies Handlers<'audit'>
