import type { Handlers } from '../../context'
import { enrolStation, syncNow } from './service'

export const syncHandlers = {
  'sync.enrol': (input, ctx) => enrolStation(ctx, input),
  'sync.status': (_input, ctx) => ctx.sync.status(),
  'sync.now': (_input, ctx) => syncNow(ctx),
} satisfies Handlers<'sync'>
