import type { Handlers } from '../../context'
import { actOnPetition, lookupPetition, ratePetition, submitPetition } from './service'
import { openPetition, petitionQueue } from './views'

export const petitionHandlers = {
  'petitions.submit': (input, ctx) => submitPetition(ctx, input),
  'petitions.lookup': (input, ctx) => lookupPetition(ctx, input),
  'petitions.rate': (input, ctx) => ratePetition(ctx, input),
  'petitions.queue': (input, ctx) => petitionQueue(ctx, input),
  'petitions.get': (input, ctx) => openPetition(ctx, input.id),
  'petitions.act': (input, ctx) => actOnPetition(ctx, input),
} satisfies Handlers<'petitions'>
