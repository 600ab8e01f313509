import type { Handlers } from '../../context'
import { issueTicket, receptionToday } from './service'

export const receptionHandlers = {
  'reception.today': (_input, ctx) => receptionToday(ctx),
  'reception.issueTicket': (_input, ctx) => issueTicket(ctx),
} satisfies Handlers<'reception'>
