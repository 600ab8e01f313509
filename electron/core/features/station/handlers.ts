import { DomainError } from '../../../../domain/errors'
import type { Handlers } from '../../context'
import { loadDemoData, demoStations } from '../../demo/load'
import { TOWNSHIP_NAMES } from '../../demo/places'
import { leaveDemo } from './leave-demo'
import { initStation } from './setup'
import { needsSetup, stationProfile } from './service'

export const setupHandlers = {
  'setup.status': async (_input, ctx) => ({
    needsSetup: await needsSetup(ctx.db),
    demoStations: demoStations(),
    countyTownships: TOWNSHIP_NAMES,
  }),
  // Open to residents' screen only while the station is unconfigured: it is the first-start offer.
  'setup.loadDemo': async (input, ctx) => {
    // A fast path only: loadDemoData checks again inside its transaction.
    if (!(await needsSetup(ctx.db))) throw new DomainError('CONFLICT', { reason: 'already set up' })
    await loadDemoData(ctx, { stationId: input.stationId })
    return stationProfile(ctx.db, ctx.now())
  },
  'setup.init': async (input, ctx) => {
    await initStation(ctx, input)
    return stationProfile(ctx.db, ctx.now())
  },
  'setup.leaveDemo': async (_input, ctx) => {
    const staff = ctx.staff
    if (!staff) throw new DomainError('STAFF_ONLY')
    await leaveDemo(ctx, staff)
    return {
      needsSetup: await needsSetup(ctx.db),
      demoStations: demoStations(),
      countyTownships: TOWNSHIP_NAMES,
    }
  },
} satisfies Handlers<'setup'>

export const stationHandlers = {
  'station.profile': (_input, ctx) => stationProfile(ctx.db, ctx.now()),
} satisfies Handlers<'station'>
