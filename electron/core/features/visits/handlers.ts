import type { Handlers } from '../../context'
import { attendance, checkIn, confirmVisit, issueCode, visitsToday } from './service'

export const visitHandlers = {
  'visits.today': (_input, ctx) => visitsToday(ctx),
  'visits.checkIn': (input, ctx) => checkIn(ctx, input),
  'visits.confirm': (input, ctx) => confirmVisit(ctx, input.representativeId),
  'visits.issueCode': (input, ctx) => issueCode(ctx, input.representativeId),
  'visits.attendance': (input, ctx) => attendance(ctx, input),
} satisfies Handlers<'visits'>
