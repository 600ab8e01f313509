import type { Handlers } from '../../context'
import { rosterDirectory } from './service'
import { exportRoster, importRoster, rosterTemplate } from './sheet'

export const rosterHandlers = {
  'roster.directory': (_input, ctx) => rosterDirectory(ctx),
  'roster.import': (input, ctx) => importRoster(ctx, input),
  'roster.export': (_input, ctx) => exportRoster(ctx),
  'roster.template': (_input, ctx) => rosterTemplate(ctx),
} satisfies Handlers<'roster'>
