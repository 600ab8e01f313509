import type { Handlers } from '../../context'
import { currentStation } from '../station/service'
import * as edit from './edit'
import { dutyMonth } from './month'
import { dutyPlan, monthSpan } from './plan'
import { plannedShiftsBetween, removedReceptionDaysBetween, removedShiftsBetween } from './repository'
import { dutyToday } from './service'

export const dutyHandlers = {
  'duty.today': (_input, ctx) => dutyToday(ctx),
  'duty.month': (input, ctx) => dutyMonth(ctx, input),
  'duty.plan': (input, ctx) => dutyPlan(ctx, input.month),
  'duty.addShift': (input, ctx) => edit.addShift(ctx, input),
  'duty.moveShift': (input, ctx) => edit.moveShift(ctx, input),
  'duty.removeShift': (input, ctx) => edit.removeShift(ctx, input),
  'duty.swapShifts': (input, ctx) => edit.swapShifts(ctx, input),
  'duty.addRule': (input, ctx) => edit.addRule(ctx, input),
  'duty.endRule': (input, ctx) => edit.endRule(ctx, input),
  'duty.setReceptionDay': (input, ctx) => edit.setReceptionDay(ctx, input),
  'duty.removeReceptionDay': (input, ctx) => edit.removeReceptionDay(ctx, input),
  'duty.setDayKind': (input, ctx) => edit.setDayKind(ctx, input),
  'duty.publish': async (input, ctx) => {
    const station = await currentStation(ctx.db)
    const month = await dutyMonth(ctx, { month: input.month })
    // Loaded on first use: its PDF stack (pdfkit, fontkit) cost the kiosk's start ~150 ms.
    const { publishDutyMonth, shiftKey } = await import('./publish')
    const { first, last } = monthSpan(input.month)
    const rows = await plannedShiftsBetween(ctx.db, station.id, first, last)
    const shiftIds = new Map(rows.map((r) => [shiftKey(r.date, r.slot, r.representative_id), r.id]))
    const cancelled = await removedShiftsBetween(ctx.db, station.id, first, last)
    const removedDays = (await removedReceptionDaysBetween(ctx.db, station.id, first, last)).map((r) => ({
      date: r.date,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
    }))
    return publishDutyMonth(month, station, input.format, ctx.now(), shiftIds, cancelled, removedDays)
  },
} satisfies Handlers<'duty'>
