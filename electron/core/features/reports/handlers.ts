import type { Handlers } from '../../context'
import { currentStation } from '../station/service'
import { exportReport } from './export'
import { petitionReport } from './service'

export const reportHandlers = {
  'reports.summary': (input, ctx) => petitionReport(ctx, input.from, input.to),
  'reports.export': async (input, ctx) => {
    const station = await currentStation(ctx.db)
    return exportReport(await petitionReport(ctx, input.from, input.to), station.name, input.format)
  },
} satisfies Handlers<'reports'>
