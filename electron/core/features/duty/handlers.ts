import type { Handlers } from '../../context'
import { dutyMonth } from './month'
import { dutyToday } from './service'

export const dutyHandlers = {
  'duty.today': (_input, ctx) => dutyToday(ctx),
  'duty.month': (input, ctx) => dutyMonth(ctx, input),
} satisfies Handlers<'duty'>
