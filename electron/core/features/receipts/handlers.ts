import type { Handlers } from '../../context'
import { printReceipt, receiptFor, receiptPrinted } from './service'
import { changePrinterSettings, receiptPrinterSettings } from './settings'

export const receiptHandlers = {
  'receipts.get': (input, ctx) => receiptFor(ctx, input),
  'receipts.print': (input, ctx) => printReceipt(ctx, input),
  'receipts.printed': (input, ctx) => receiptPrinted(ctx, input),
  'receipts.printer': (_input, ctx) => receiptPrinterSettings(ctx.db),
  'receipts.setPrinter': (input, ctx) => changePrinterSettings(ctx, input),
} satisfies Handlers<'receipts'>
