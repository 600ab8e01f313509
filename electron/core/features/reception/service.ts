import type { ReceptionTicket, ReceptionToday } from '../../../../contract/views'
import { addDays, shanghaiDate, shanghaiTime, startOfShanghaiDayMs } from '../../../../domain/dates'
import { DomainError } from '../../../../domain/errors'
import type { Ctx } from '../../context'
import { newId } from '../../ids'
import { appendAudit } from '../audit/service'
import { liveReceptionDay } from '../duty/repository'
import { receiptPrinterSettings } from '../receipts/settings'
import { currentStation } from '../station/service'
import { renderTicketHtml } from './ticket'

/**
 * 民意集市 mode: queue tickets, and the day's live counts for the wall display (visitors, petitions taken,
 * the share resolved on the spot). The counts are of today at this station, whether or not today is a
 * reception day, so the wall display also works on an ordinary busy morning.
 */

export async function receptionToday(ctx: Ctx): Promise<ReceptionToday> {
  const station = await currentStation(ctx.db)
  const date = shanghaiDate(ctx.now())
  const from = startOfShanghaiDayMs(date)
  const until = startOfShanghaiDayMs(addDays(date, 1))
  const day = await liveReceptionDay(ctx.db, station.id, date)
  const tickets = await ctx.db
    .selectFrom('reception_ticket')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('number').as('last')])
    .where('station_id', '=', station.id)
    .where('date', '=', date)
    .executeTakeFirstOrThrow()
  const petitions = await ctx.db
    .selectFrom('petition')
    .select((eb) => [
      eb.fn.countAll<number>().as('taken'),
      eb.fn.sum<number>('resolved_on_spot').as('on_spot'),
    ])
    .where('station_id', '=', station.id)
    .where('submitted_at', '>=', from)
    .where('submitted_at', '<', until)
    .executeTakeFirstOrThrow()
  const taken = Number(petitions.taken)
  const onSpot = Number(petitions.on_spot ?? 0)
  return {
    date,
    stationName: station.name,
    receptionDay: day ? { theme: day.theme, startsAt: day.starts_at, endsAt: day.ends_at } : null,
    visitors: Number(tickets.count),
    lastTicket: tickets.last === null ? null : Number(tickets.last),
    petitionsTaken: taken,
    resolvedOnSpot: onSpot,
    onSpotShare: taken === 0 ? null : onSpot / taken,
  }
}

/** Draws the next number of the day (from 1) and lays out its ticket for the receipt printer. */
export async function issueTicket(ctx: Ctx): Promise<ReceptionTicket> {
  const staff = ctx.staff
  if (!staff) throw new DomainError('STAFF_ONLY')
  const at = ctx.now()
  const date = shanghaiDate(at)
  const { ticket, stationName, theme } = await ctx.db.transaction().execute(async (tx) => {
    const station = await currentStation(tx)
    // Inside the write transaction (one writer at a time): two desks drawing at once get two numbers.
    const last = await tx
      .selectFrom('reception_ticket')
      .select((eb) => eb.fn.max('number').as('last'))
      .where('station_id', '=', station.id)
      .where('date', '=', date)
      .executeTakeFirstOrThrow()
    const number = Number(last.last ?? 0) + 1
    const id = newId()
    await tx
      .insertInto('reception_ticket')
      .values({
        id,
        station_id: station.id,
        date,
        number,
        issued_at: at,
        issued_by: staff.id,
        hlc: ctx.hlc(),
      })
      .execute()
    await appendAudit(tx, {
      at,
      actor: { role: staff.role, id: staff.id },
      action: 'reception.ticket',
      entity: 'reception_ticket',
      entityId: id,
      detail: { date, number },
    })
    const day = await liveReceptionDay(tx, station.id, date)
    return {
      ticket: { id, number, date, issuedAt: at },
      stationName: station.name,
      theme: day?.theme ?? null,
    }
  })
  const { paperWidthMm } = await receiptPrinterSettings(ctx.db)
  const html = renderTicketHtml(
    { stationName, theme, number: ticket.number, date, time: shanghaiTime(at) },
    paperWidthMm,
  )
  return { ...ticket, html, widthMm: paperWidthMm }
}
