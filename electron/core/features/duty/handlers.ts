import type { Handlers } from '../../context'
import { dutyToday } from './service'

export const dutyHandlers = {
  'duty.today': (_input, ctx) => dutyToday(ctx),
} satisfies Handlers<'duty'>
