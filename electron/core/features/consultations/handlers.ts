import type { Handlers } from '../../context'
import { consultationDetail, consultationList, recordConsultation } from './service'

export const consultationHandlers = {
  'consultations.list': (input, ctx) => consultationList(ctx, input),
  'consultations.get': (input, ctx) => consultationDetail(ctx, input.id),
  'consultations.record': (input, ctx) => recordConsultation(ctx, input),
} satisfies Handlers<'consultations'>
