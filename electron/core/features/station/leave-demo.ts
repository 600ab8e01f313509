import { DomainError } from '../../../../domain/errors'
import type { Ctx } from '../../context'
import { KEY_CHECK_SETTING } from '../../crypto/key-check'
import { SYNC_SETTING } from '../../sync/runner'
import { appendAudit } from '../audit/service'
import { RESET_ADMIN_SEALINGS_SETTING } from '../recovery/reset-admin'
import { SETTING, getSetting } from './service'

/**
 * Station data, children before parents. On a demo station every row here is the demo's or was made on top
 * of it (a check-in, a petition taken during training), so all of it goes: picking out "real" rows from a
 * made-up roster, made-up stations and made-up staff would leave nothing that makes sense without them.
 * holiday_override and sync_cursor stay: the county's calendar corrections, not station data.
 */
const STATION_TABLES = [
  'consultation_petition',
  'consultation_representative',
  'consultation',
  'board_credit',
  'public_board',
  'petition_event',
  'reception_ticket',
  'petition',
  'visit',
  'duty_shift',
  'reception_day',
  'duty_rule',
  'representative',
  'staff_user',
  'station',
  'grid',
  'village',
  'township',
  'category',
  'sync_outbox',
  'audit_log',
] as const

/**
 * Settings that belong to the machine, not to the station's data: they survive leaving the demo. So do the
 * recovery file and its key, hence the record of which of its codes reset an admin already.
 */
const KEPT_SETTINGS = [SETTING.nodeId, KEY_CHECK_SETTING, RESET_ADMIN_SEALINGS_SETTING]

/**
 * 退出演示: empties a demo station in one transaction so that first-start set-up can run for real. Refused
 * unless the station holds the demo, and refused once it is linked to a county (what it sent cannot be
 * taken back from here). The audit log goes with the demo (its rows are of made-up records); the new log
 * starts with this leaving, so the chain verifies from there.
 */
export async function leaveDemo(ctx: Ctx, admin: { id: string; name: string }): Promise<void> {
  const at = ctx.now()
  const staffIds = await ctx.db.transaction().execute(async (tx) => {
    // Checked inside the write transaction, so a set-up or a second leave racing this one is noticed.
    if ((await getSetting(tx, SETTING.demo)) !== 'yes')
      throw new DomainError('CONFLICT', { reason: 'not demo' })
    if ((await getSetting(tx, SYNC_SETTING.key)) !== null) {
      throw new DomainError('CONFLICT', { reason: 'linked to a county' })
    }
    const demoStation = await getSetting(tx, SETTING.stationId)
    const staff = await tx.selectFrom('staff_user').select('id').execute()
    for (const table of STATION_TABLES) await tx.deleteFrom(table).execute()
    await tx.deleteFrom('setting').where('key', 'not in', KEPT_SETTINGS).execute()
    await appendAudit(tx, {
      at,
      // By name: the account itself is one of the demo's and is gone with it.
      actor: { role: 'admin', id: null },
      action: 'setup.leaveDemo',
      entity: 'station',
      entityId: demoStation,
      detail: { adminName: admin.name },
    })
    return staff.map((s) => s.id)
  })
  // The demo's accounts are gone: so are their sessions, the caller's included.
  for (const id of staffIds) ctx.sessions.dropUser(id)
}
