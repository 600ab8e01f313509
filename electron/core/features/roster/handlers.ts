import type { Handlers } from '../../context'
import { rosterDirectory } from './service'

export const rosterHandlers = {
  'roster.directory': (_input, ctx) => rosterDirectory(ctx),
} satisfies Handlers<'roster'>
