import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Result } from '../../../contract/result'
import type {
  Category,
  ReceiptData,
  StaffUser,
  SubmitPetitionResult,
  Township,
} from '../../../contract/views'
import { RESIDENT_RECEIPT_WINDOW_MS } from '../../../electron/core/features/receipts/service'
import { type Station, openStation } from '../../../electron/core/station'

const MINUTE = 60_000

/** A real station in a temp folder, with a clock the test moves, set up and fed through its own handlers. */
interface Fixture {
  readonly station: Station
  readonly dir: string
  readonly clock: { now: number }
  call<T>(
    method: string,
    input: unknown,
    token?: string | null,
  ): Promise<{ result: Result<T>; token?: string | null }>
  value<T>(method: string, input: unknown, token?: string | null): Promise<T>
}

async function openFixture(): Promise<Fixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-receipts-'))
  const clock = { now: Date.UTC(2025, 2, 4, 1, 0) }
  const station = await openStation({
    dataDir: dir,
    now: () => clock.now,
    backups: false,
    log: { error: (message, context) => console.error(message, context) },
  })
  const call = async <T>(method: string, input: unknown, token: string | null = null) => {
    const outcome = await station.dispatch(method, input, { sessionToken: token, clientKey: 'test-kiosk' })
    return {
      result: outcome.response as Result<T>,
      ...('sessionToken' in outcome ? { token: outcome.sessionToken } : {}),
    }
  }
  const value = async <T>(method: string, input: unknown, token: string | null = null) => {
    const { result } = await call<T>(method, input, token)
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code}`)
    return result.value
  }
  await value('setup.init', {
    stationName: '城关镇人大代表联络站',
    townshipName: '城关镇',
    hotline: '0393-5221234',
    adminName: '王主任',
    adminPin: '123456',
  })
  return { station, dir, clock, call, value }
}

async function submitPetition(
  f: Fixture,
  preferredRepresentativeId: string | null = null,
): Promise<SubmitPetitionResult> {
  const categories = await f.value<Category[]>('catalog.categories', {})
  const townships = await f.value<Township[]>('catalog.townships', {})
  const category = categories.find((c) => !c.needsIdNumber)
  const township = townships[0]
  if (!category || !township) throw new Error('setup produced no category or township')
  return f.value<SubmitPetitionResult>('petitions.submit', {
    categoryId: category.id,
    text: '村口的路灯坏了一个多月了，晚上出行不方便。',
    townshipId: township.id,
    villageId: null,
    preferredRepresentativeId,
    contact: { name: '张秀霞', phone: '13812345678', idNumber: null },
  })
}

async function staffLogin(f: Fixture): Promise<{ user: StaffUser; token: string }> {
  const [admin] = await f.value<StaffUser[]>('staff.users', {})
  if (!admin) throw new Error('no staff user after setup')
  const { result, token } = await f.call<StaffUser>('staff.login', { userId: admin.id, pin: '123456' })
  if (!result.ok || typeof token !== 'string') throw new Error('staff login failed')
  return { user: result.value, token }
}

describe('receipts.get', () => {
  let f: Fixture

  beforeEach(async () => {
    f = await openFixture()
  })

  afterEach(async () => {
    await f.station.close()
    fs.rmSync(f.dir, { recursive: true, force: true })
  })

  it('gives a resident the receipt of the petition just submitted, with personal data masked', async () => {
    const petition = await submitPetition(f)
    f.clock.now += 2 * MINUTE
    const receipt = await f.value<ReceiptData>('receipts.get', { petitionId: petition.id })
    expect(receipt).toMatchObject({
      petitionId: petition.id,
      code: petition.code,
      stationName: '城关镇人大代表联络站',
      hotline: '0393-5221234',
      submittedAt: petition.submittedAt,
      level: petition.level,
      dueOn: petition.dueOn,
      maskedName: '张*霞',
      maskedPhone: '138****5678',
      receivingRepresentativeName: null,
      reprint: false,
    })
    expect(receipt.categoryName).not.toBe('')
    expect(JSON.stringify(receipt)).not.toContain('13812345678')
  })

  it('refuses a resident once the ten minutes after submitting have passed', async () => {
    const petition = await submitPetition(f)
    f.clock.now += RESIDENT_RECEIPT_WINDOW_MS + MINUTE
    const { result } = await f.call('receipts.get', { petitionId: petition.id })
    expect(result).toMatchObject({ ok: false, error: { code: 'STAFF_ONLY' } })
  })

  it('refuses a reprint without a staff session, even right after submitting', async () => {
    const petition = await submitPetition(f)
    const { result } = await f.call('receipts.get', { petitionId: petition.id, reprint: true })
    expect(result).toMatchObject({ ok: false, error: { code: 'STAFF_ONLY' } })
    const audited = await f.station.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'receipt.reprint')
      .execute()
    expect(audited).toHaveLength(0)
  })

  it('lets staff reprint an old receipt, marked as a reprint and recorded in the audit log', async () => {
    const petition = await submitPetition(f)
    f.clock.now += 3 * 24 * 60 * MINUTE
    const { user, token } = await staffLogin(f)
    const receipt = await f.value<ReceiptData>(
      'receipts.get',
      { petitionId: petition.id, reprint: true },
      token,
    )
    expect(receipt).toMatchObject({ code: petition.code, reprint: true, maskedPhone: '138****5678' })

    const rows = await f.station.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'receipt.reprint')
      .execute()
    expect(rows).toEqual([
      expect.objectContaining({
        actor_id: user.id,
        entity: 'petition',
        entity_id: petition.id,
        at: f.clock.now,
      }),
    ])
    // The reprint row joins the hash chain like every other audit row.
    expect(await f.value('audit.verify', {}, token)).toMatchObject({ ok: true, brokenAt: null })
  })

  it("names the petition's chosen representative as receiving it", async () => {
    // The roster arrives from the county by sync; no station handler writes it, so the row goes in directly.
    const repId = '0190f1d2-0000-7000-8000-0000000000aa'
    await f.station.db
      .insertInto('representative')
      .values({
        id: repId,
        name: '李建国',
        name_pinyin: 'li jian guo',
        name_initials: 'ljg',
        level: 'county',
        sector: '农业',
        specialties: '[]',
        specialist_group: null,
        township_id: null,
        grid_id: null,
        station_id: null,
        contact_route: 'station',
        office_phone: null,
        checkin_code_hash: null,
        active: 1,
        local_note: null,
        roster_version: 1,
        updated_at: f.clock.now,
      })
      .execute()
    const petition = await submitPetition(f, repId)
    const receipt = await f.value<ReceiptData>('receipts.get', { petitionId: petition.id })
    expect(receipt.receivingRepresentativeName).toBe('李建国')
  })

  it('answers NOT_FOUND for a petition that does not exist', async () => {
    const { token } = await staffLogin(f)
    const { result } = await f.call(
      'receipts.get',
      { petitionId: '0190f1d2-0000-7000-8000-000000000001' },
      token,
    )
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})
