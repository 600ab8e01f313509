import type { Handlers } from '../../context'
import { currentStation } from '../station/service'
import { petitionReport } from './service'

export const reportHandlers = {
  'reports.summary': (input, ctx) => petitionReport(ctx, input.from, input.to),
  'reports.export': async (input, ctx) => {
    const station = await currentStation(ctx.db)
    // Loaded on first use, like the schedule's: the PDF stack is not for the kiosk's start.
    const { exportReport } = await import('./export')
    return exportReport(await petitionReport(ctx, input.from, input.to), station.name, input.format)
  },
} satisfies Handlers<'reports'>
