import type { ParsedInputOf } from '../../../../contract/api'
import type { Ctx } from '../../context'
import type { Executor } from '../../db/schema'
import { newId } from '../../ids'
import { invalidField } from '../../validation'
import { checkHotline } from '../../../../domain/validators'
import { DomainError } from '../../../../domain/errors'
import { appendAudit } from '../audit/service'
import { DEFAULT_CATEGORIES } from '../../../../domain/categories'
import { townshipKind } from '../../../../domain/places'
import { putPrinterSettings } from '../receipts/settings'
import { createStaffUser } from '../staff/service'
import { SETTING, needsSetup, putSetting } from './service'

/**
 * First start with real data: the station, its township, the first admin, the receipt printer and the
 * default categories, all in one transaction. The roster and the villages come from the county later.
 */
export async function initStation(ctx: Ctx, input: ParsedInputOf<'setup.init'>): Promise<void> {
  const at = ctx.now()
  const hotline = stationHotline(input.hotline)
  await ctx.db.transaction().execute(async (tx) => {
    // Checked inside the write transaction: two set-up screens racing cannot both set up the station.
    if (!(await needsSetup(tx))) throw new DomainError('CONFLICT', { reason: 'already set up' })
    const existing = await tx
      .selectFrom('township')
      .select('id')
      .where('name', '=', input.townshipName)
      .executeTakeFirst()
    const townshipId = existing?.id ?? newId()
    if (!existing) {
      await tx
        .insertInto('township')
        .values({
          id: townshipId,
          name: input.townshipName,
          kind: townshipKind(input.townshipName),
          code: null,
          sort: 0,
        })
        .execute()
    }
    const stationId = newId()
    await tx
      .insertInto('station')
      .values({
        id: stationId,
        name: input.stationName,
        theme: input.theme,
        township_id: townshipId,
        address: input.address,
        hotline,
        created_at: at,
      })
      .execute()
    await insertDefaultCategories(tx)
    const admin = await createStaffUser(tx, { name: input.adminName, role: 'admin', pin: input.adminPin, at })
    await putSetting(tx, SETTING.stationId, stationId)
    await putSetting(tx, SETTING.demo, 'no')
    await putPrinterSettings(tx, { printerName: input.printerName, paperWidthMm: input.paperWidthMm })
    await appendAudit(tx, {
      at,
      actor: { role: 'admin', id: admin.id },
      action: 'setup.init',
      entity: 'station',
      entityId: stationId,
      detail: { stationName: input.stationName, townshipName: input.townshipName },
    })
  })
}

function stationHotline(typed: string): string {
  const hotline = checkHotline(typed)
  if (!hotline.ok)
    throw invalidField('hotline', '热线电话格式不对，请填写手机号、带区号的固定电话或 12345 这样的服务号码')
  return hotline.value
}

export async function insertDefaultCategories(tx: Executor): Promise<void> {
  await tx
    .insertInto('category')
    .values(
      DEFAULT_CATEGORIES.map((c, i) => ({
        id: c.id,
        name: c.name,
        icon: c.icon,
        default_level: c.defaultLevel,
        time_limit_days: c.timeLimitDays,
        needs_id_number: c.needsIdNumber ? 1 : 0,
        specialty: c.specialty,
        phrases: JSON.stringify(c.phrases),
        sort: i,
        active: 1,
      })),
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
}
