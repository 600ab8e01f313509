import type { Handlers } from '../../context'
import { printReceipt, receiptFor } from './service'

export const receiptHandlers = {
  'receipts.get': (input, ctx) => receiptFor(ctx, input),
  'receipts.print': (input, ctx) => printReceipt(ctx, input),
} satisfies Handlers<'receipts'>
