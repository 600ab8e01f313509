import type { Handlers } from '../../context'
import { receiptFor } from './service'

export const receiptHandlers = {
  'receipts.get': (input, ctx) => receiptFor(ctx, input),
} satisfies Handlers<'receipts'>
