import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatTrackingCode } from '../../../domain/tracking-code'
import { RESIDENT_RECEIPT_WINDOW_MS } from '../../../electron/core/features/receipts/service'
import { printReceipt as printPaper } from '../../../electron/main/printing'
import { addRepresentative, addShift } from '../../fixtures/records'
import { shanghaiDate } from '../../../domain/dates'
import { RESIDENT, type TestStation } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'
import { readReceiptPdf } from './read-pdf'

const MINUTE = 60_000
const MASKED_PHONE = `${RESIDENT.phone.slice(0, 3)}****${RESIDENT.phone.slice(-4)}`

/** An admin chooses the paper in the console; the resident's print that follows needs no session. */
async function usePaper(t: TestStation, paperWidthMm: 58 | 80): Promise<void> {
  await t.loginAdmin()
  await t.succeed('receipts.setPrinter', { printerName: '', paperWidthMm })
  await t.logout()
}

function keptCopies(t: TestStation): string[] {
  const dir = path.join(t.dataDir, 'receipts')
  return fs.existsSync(dir) ? fs.readdirSync(dir) : []
}

describe('printing a receipt keeps its PDF copy in the data directory', () => {
  it('holds the formatted code and the masked phone in its text, never the full phone', async () => {
    const { t } = await useSetUpStation()
    const petition = await t.submit()
    const printed = await t.succeed('receipts.print', { petitionId: petition.id })

    expect(path.dirname(printed.pdfPath)).toBe(path.join(t.dataDir, 'receipts'))
    const pdf = await readReceiptPdf(printed.pdfPath)
    expect(pdf.pages).toBe(1)
    expect(pdf.text).toContain(formatTrackingCode(petition.code))
    expect(pdf.text).toContain(MASKED_PHONE)
    expect(pdf.text).toContain('受理回执')
    expect(pdf.text).not.toContain(RESIDENT.phone)
    expect(pdf.text).not.toContain(RESIDENT.name)
    // A real station's receipt never says 演示 (a demo station's does: tests/integration/demo/demo.test.ts).
    expect(pdf.text).not.toContain('演示')
    expect(printed.html).not.toContain('演示')
    // Subset-embedded: a few tens of kilobytes, not the 10 MB font.
    expect(fs.statSync(printed.pdfPath).size).toBeLessThan(60_000)
  })

  it.each([58, 80] as const)(
    'lays out a %i mm roll with a QR code that decodes to the canonical code alone, at least 25 mm wide',
    async (widthMm) => {
      const { t } = await useSetUpStation()
      await usePaper(t, widthMm)
      const petition = await t.submit()
      const printed = await t.succeed('receipts.print', { petitionId: petition.id })

      expect(printed.widthMm).toBe(widthMm)
      const pdf = await readReceiptPdf(printed.pdfPath)
      expect(pdf.widthMm).toBeCloseTo(widthMm, 1)
      expect(pdf.qr).toBe(petition.code)
      expect(pdf.qrWidthMm).toBeGreaterThanOrEqual(25)
    },
  )

  it('returns the same receipt as HTML for the browser to print', async () => {
    const { t } = await useSetUpStation()
    const petition = await t.submit()
    const printed = await t.succeed('receipts.print', { petitionId: petition.id })
    expect(printed.html).toMatch(/^<!doctype html>/)
    expect(printed.html).toContain(formatTrackingCode(petition.code))
    expect(printed.html).toContain(MASKED_PHONE)
    expect(printed.html).not.toContain(RESIDENT.phone)
  })

  it('keeps a second copy beside the first when the receipt is printed twice, overwriting nothing', async () => {
    const { t } = await useSetUpStation()
    const petition = await t.submit()
    const first = await t.succeed('receipts.print', { petitionId: petition.id })
    const second = await t.succeed('receipts.print', { petitionId: petition.id })
    expect(second.pdfPath).not.toBe(first.pdfPath)
    expect(keptCopies(t)).toHaveLength(2)
  })

  it('marks a staff reprint 补打 and records it, with the name of its copy, in the audit log', async () => {
    const { t } = await useSetUpStation()
    const petition = await t.submit()
    t.clock.advance(3 * 24 * 60 * MINUTE)
    const staff = await t.loginStaff()
    const printed = await t.succeed('receipts.print', { petitionId: petition.id, reprint: true })

    const pdf = await readReceiptPdf(printed.pdfPath)
    expect(pdf.text).toContain('补打')
    expect(pdf.qr).toBe(petition.code)
    const audited = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'receipt.reprint')
      .execute()
    expect(audited).toEqual([
      expect.objectContaining({ actor_id: staff.id, entity: 'petition', entity_id: petition.id }),
    ])
    // The copy named is the one the printed paper has (its pending copy, once reported printed).
    expect(JSON.parse(audited[0]?.detail ?? '{}')).toEqual({
      copy: path.basename(printed.pdfPath).replace('.pending.pdf', '.pdf'),
    })
  })

  it('marks and audits a staff print as a reprint once a paper was reported printed, whatever the caller asks', async () => {
    const { t } = await useSetUpStation()
    const petition = await t.submit()
    const first = await t.succeed('receipts.print', { petitionId: petition.id })
    await t.succeed('receipts.printed', {
      petitionId: petition.id,
      copy: path.basename(first.pdfPath),
      printed: true,
    })
    t.clock.advance(3 * 24 * 60 * MINUTE)
    await t.loginStaff()
    const printed = await t.succeed('receipts.print', { petitionId: petition.id, reprint: false })

    expect(path.basename(printed.pdfPath)).toMatch(/-reprint\.pending\.pdf$/)
    expect((await readReceiptPdf(printed.pdfPath)).text).toContain('补打')
    const audited = await t.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'receipt.reprint')
      .execute()
    expect(audited).toEqual([{ entity_id: petition.id }])
  })

  it.each([
    ['reported failed', false],
    ['never reported (the kiosk went down mid-print)', null],
  ] as const)(
    'gives staff an unmarked, unaudited first paper when the kiosk print was %s',
    async (_name, printedAtKiosk) => {
      const { t } = await useSetUpStation()
      const petition = await t.submit()
      const kiosk = await t.succeed('receipts.print', { petitionId: petition.id })
      if (printedAtKiosk !== null) {
        const copy = path.basename(kiosk.pdfPath)
        await t.succeed('receipts.printed', { petitionId: petition.id, copy, printed: printedAtKiosk })
        expect(keptCopies(t)).toEqual([copy.replace('.pending.pdf', '-unprinted.pdf')])
      }
      await t.loginStaff()
      const desk = await t.succeed('receipts.print', { petitionId: petition.id, reprint: false })

      expect(path.basename(desk.pdfPath)).not.toContain('reprint')
      expect((await readReceiptPdf(desk.pdfPath)).text).not.toContain('补打')
      const audited = await t.db
        .selectFrom('audit_log')
        .select('seq')
        .where('action', '=', 'receipt.reprint')
        .execute()
      expect(audited).toHaveLength(0)
    },
  )

  it('keeps the copy of a reported print as <code>-<time>.pdf, and refuses a report of a copy it does not hold', async () => {
    const { t } = await useSetUpStation()
    const petition = await t.submit()
    const kiosk = await t.succeed('receipts.print', { petitionId: petition.id })
    const copy = path.basename(kiosk.pdfPath)
    await t.succeed('receipts.printed', { petitionId: petition.id, copy, printed: true })
    expect(keptCopies(t)).toEqual([copy.replace('.pending.pdf', '.pdf')])
    // Reported once: a second report, or one of another petition's copy, finds nothing to settle.
    const again = await t.call('receipts.printed', { petitionId: petition.id, copy, printed: false })
    expect(again).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const other = await t.submit()
    const foreign = await t.call('receipts.printed', { petitionId: other.id, copy, printed: false })
    expect(foreign).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(keptCopies(t)).toEqual([copy.replace('.pending.pdf', '.pdf')])
  })

  it('does not mark the first print as a reprint', async () => {
    const { t } = await useSetUpStation()
    const petition = await t.submit()
    const printed = await t.succeed('receipts.print', { petitionId: petition.id })
    expect((await readReceiptPdf(printed.pdfPath)).text).not.toContain('补打')
  })
})

describe('who may print a receipt', () => {
  it("refuses a resident asking for an old petition's receipt, and writes no file", async () => {
    const { t } = await useSetUpStation()
    const petition = await t.submit()
    t.clock.advance(RESIDENT_RECEIPT_WINDOW_MS + MINUTE)
    const res = await t.call('receipts.print', { petitionId: petition.id })
    expect(res).toMatchObject({ ok: false, error: { code: 'STAFF_ONLY' } })
    expect(keptCopies(t)).toEqual([])
  })

  it('refuses a reprint without a staff session, writes no file and audits nothing', async () => {
    const { t } = await useSetUpStation()
    const petition = await t.submit()
    const res = await t.call('receipts.print', { petitionId: petition.id, reprint: true })
    expect(res).toMatchObject({ ok: false, error: { code: 'STAFF_ONLY' } })
    expect(keptCopies(t)).toEqual([])
    const audited = await t.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'receipt.reprint')
      .execute()
    expect(audited).toHaveLength(0)
  })
})

describe('a receipts folder that cannot be written', () => {
  it('fails the print with DATA_DIR_UNWRITABLE, and the petition stays committed', async () => {
    const { t } = await useSetUpStation()
    const petition = await t.submit()
    // A file where the folder should be: unwritable even for root, which ignores permission bits.
    fs.writeFileSync(path.join(t.dataDir, 'receipts'), 'not a folder')

    const res = await t.call('receipts.print', { petitionId: petition.id })
    expect(res).toMatchObject({ ok: false, error: { code: 'DATA_DIR_UNWRITABLE' } })
    const progress = await t.succeed('petitions.lookup', {
      code: petition.code,
      phoneLast4: RESIDENT.phone.slice(-4),
    })
    expect(progress).toMatchObject({ code: petition.code })
  })
})

describe('the paper page of a receipt', () => {
  /** The shell's print with a stand-in window that records the page size it was asked for, in mm. */
  async function printedPageMm(job: Parameters<typeof printPaper>[1]): Promise<number> {
    const heights: number[] = []
    class FakeWindow {
      readonly webContents = {
        loadURL: () => Promise.resolve(),
        print: (options: { pageSize?: unknown }, done: (success: boolean, failureReason: string) => void) => {
          const size = options.pageSize
          if (
            typeof size === 'object' &&
            size !== null &&
            'height' in size &&
            typeof size.height === 'number'
          )
            heights.push(size.height / 1000)
          done(true, '')
        },
      }
      isDestroyed = () => false
      destroy = () => undefined
    }
    await printPaper({ BrowserWindow: FakeWindow }, job)
    return heights[0] ?? 0
  }

  it.each([58, 80] as const)(
    'holds the longest %i mm receipt (a 60-character station name, county level, a named representative, 补打)',
    async (widthMm) => {
      const { t } = await useSetUpStation()
      await usePaper(t, widthMm)
      // Setup allows a station name of 60 characters; nothing but setup writes it, so the test does.
      const longName = `${'王楼镇先进制造业和现代农业产业园区'.repeat(4)}人大代表联络站`.slice(0, 60)
      await t.db.updateTable('station').set({ name: longName }).execute()
      const repId = '0190f1d2-0000-7000-8000-0000000000aa'
      await addRepresentative(t, { id: repId, name: '欧阳建国', level: 'county' })
      await addShift(t, repId, shanghaiDate(t.clock.now()))
      const petition = await t.submit({ preferredRepresentativeId: repId })
      await t.db.updateTable('petition').set({ level: 'county' }).where('id', '=', petition.id).execute()
      await t.loginStaff()
      const receipt = await t.succeed('receipts.print', { petitionId: petition.id, reprint: true })

      const pdf = await readReceiptPdf(receipt.pdfPath)
      expect(pdf.text).toContain('县人大常委会（接待代表：欧阳建国）')
      expect(receipt.heightMm).toBeCloseTo(pdf.heightMm, 1)
      // The shell prints it as ipc.ts does: on one page at least as long as the receipt.
      const page = await printedPageMm({
        html: receipt.html,
        printerName: '',
        widthMm,
        heightMm: receipt.heightMm,
      })
      expect(page).toBeGreaterThanOrEqual(pdf.heightMm)
    },
  )
})
