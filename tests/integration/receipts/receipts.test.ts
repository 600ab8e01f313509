import { shanghaiDate } from '../../../domain/dates'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RESIDENT_RECEIPT_WINDOW_MS } from '../../../electron/core/features/receipts/service'
import { addRepresentative, addShift } from '../../fixtures/records'
import { RESIDENT, SETUP, type TestStation, openTestStation } from '../../fixtures/station'

const MINUTE = 60_000
/** RESIDENT's phone as a receipt may print it. */
const MASKED_PHONE = '139****1234'

describe('receipts.get', () => {
  let t: TestStation

  beforeEach(async () => {
    t = await openTestStation()
    await t.setUp()
  })

  afterEach(async () => {
    await t.close()
  })

  it('gives a resident the receipt of the petition just submitted, with personal data masked', async () => {
    const petition = await t.submit()
    t.clock.advance(2 * MINUTE)
    const receipt = await t.succeed('receipts.get', { petitionId: petition.id })
    expect(receipt).toMatchObject({
      petitionId: petition.id,
      code: petition.code,
      stationName: SETUP.stationName,
      hotline: SETUP.hotline,
      submittedAt: petition.submittedAt,
      level: petition.level,
      dueOn: petition.dueOn,
      maskedName: '张*英',
      maskedPhone: MASKED_PHONE,
      receivingRepresentativeName: null,
      reprint: false,
      demo: false,
    })
    expect(receipt.categoryName).not.toBe('')
    expect(JSON.stringify(receipt)).not.toContain(RESIDENT.phone)
  })

  it('refuses a resident once the ten minutes after submitting have passed', async () => {
    const petition = await t.submit()
    t.clock.advance(RESIDENT_RECEIPT_WINDOW_MS + MINUTE)
    const result = await t.call('receipts.get', { petitionId: petition.id })
    expect(result).toMatchObject({ ok: false, error: { code: 'STAFF_ONLY' } })
  })

  it('refuses a reprint without a staff session, even right after submitting', async () => {
    const petition = await t.submit()
    const result = await t.call('receipts.get', { petitionId: petition.id, reprint: true })
    expect(result).toMatchObject({ ok: false, error: { code: 'STAFF_ONLY' } })
    const audited = await t.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'receipt.reprint')
      .execute()
    expect(audited).toHaveLength(0)
  })

  it('lets staff read an old receipt marked as a reprint, without auditing a reprint (no paper left)', async () => {
    const petition = await t.submit()
    t.clock.advance(3 * 24 * 60 * MINUTE)
    await t.loginAdmin()
    const receipt = await t.succeed('receipts.get', { petitionId: petition.id, reprint: true })
    expect(receipt).toMatchObject({ code: petition.code, reprint: true, maskedPhone: MASKED_PHONE })

    // Only receipts.print audits a reprint: reading the data prints nothing and keeps no copy.
    const rows = await t.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'receipt.reprint')
      .execute()
    expect(rows).toHaveLength(0)
  })

  it("names the petition's chosen representative as receiving it when they are on duty that day", async () => {
    const repId = '0190f1d2-0000-7000-8000-0000000000aa'
    await addRepresentative(t, { id: repId, name: '李建国', level: 'county' })
    await addShift(t, repId, shanghaiDate(t.clock.now()))
    const petition = await t.submit({ preferredRepresentativeId: repId })
    expect(petition.receivingRepresentative?.name).toBe('李建国')
    const receipt = await t.succeed('receipts.get', { petitionId: petition.id })
    expect(receipt.receivingRepresentativeName).toBe('李建国')
  })

  it('names whoever the result screen named, not a chosen representative who is not on duty', async () => {
    const chosen = '0190f1d2-0000-7000-8000-0000000000aa'
    const onDuty = '0190f1d2-0000-7000-8000-0000000000ab'
    await addRepresentative(t, { id: chosen, name: '李建国', level: 'county' })
    await addRepresentative(t, { id: onDuty, name: '张秀英', level: 'township' })
    await addShift(t, onDuty, shanghaiDate(t.clock.now()))
    const petition = await t.submit({ preferredRepresentativeId: chosen })
    const receipt = await t.succeed('receipts.get', { petitionId: petition.id })
    expect(receipt.receivingRepresentativeName).toBe(petition.receivingRepresentative?.name ?? null)
    expect(receipt.receivingRepresentativeName).not.toBe('李建国')
  })

  it('answers NOT_FOUND for a petition that does not exist', async () => {
    await t.loginAdmin()
    const result = await t.call('receipts.get', { petitionId: '0190f1d2-0000-7000-8000-000000000001' })
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})
