import fs from 'node:fs'
import path from 'node:path'
import { buildSync } from 'esbuild'
import type { Page } from '@playwright/test'
import { pageHeightMm } from '../../domain/paper-page'
import { formatTrackingCode } from '../../domain/tracking-code'
import { readReceiptPdf } from '../integration/receipts/read-pdf'
import { type Station, expect, test } from './fixtures'

test.use({ demo: true })

const ROOT = path.resolve(import.meta.dirname, '..', '..')

/**
 * renderer/lib/printReceipt.ts exactly as the kiosk runs it, bundled for the page and evaluated there
 * through DevTools (a script tag would be refused by the app's CSP, as it should be). The result screen
 * calls the same function after a submit.
 */
const PRINT_RECEIPT_BUNDLE = (() => {
  const out = buildSync({
    entryPoints: [path.join(ROOT, 'renderer', 'lib', 'printReceipt.ts')],
    bundle: true,
    format: 'iife',
    globalName: '__yzReceipt',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  })
  const file = out.outputFiles[0]
  if (!file) throw new Error('esbuild produced no bundle for printReceipt.ts')
  return file.text
})()

/** What the page records about the print frame, read back after printing. */
interface FrameRecord {
  sandbox: string | null
  hasSrcdoc: boolean
  text: string | null
  codeFontSize: string | null
  qrSvg: boolean
  /** The sizes the frame's @page rules give, as the browser parsed them. */
  pageSizes: string[]
}
interface PrintLog {
  frames: FrameRecord[]
  violations: string[]
}

/** The little of the DOM the page-side code below touches (the e2e project has no DOM library). */
interface FrameNode {
  tagName?: string
  srcdoc: string
  getAttribute(name: string): string | null
  addEventListener(type: string, listener: () => void): void
  contentDocument: {
    body: { innerText: string } | null
    querySelector(selector: string): unknown
    styleSheets: ArrayLike<{
      cssRules: ArrayLike<{ type: number; style?: { getPropertyValue(p: string): string } }>
    }>
  } | null
  contentWindow: { getComputedStyle(el: unknown): { fontSize: string } } | null
}
interface PrintPage {
  __yzLog: PrintLog
  __yzReceipt: { printReceipt(id: string): Promise<{ printed: boolean }> }
  document: {
    body: unknown
    addEventListener(type: string, listener: (e: { violatedDirective: string }) => void): void
  }
  MutationObserver: new (cb: (records: { addedNodes: ArrayLike<unknown> }[]) => void) => {
    observe(target: unknown, options: { childList: boolean }): void
  }
}

async function openKioskWithPrintProbe(page: Page, station: Station): Promise<void> {
  await page.goto(station.url)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await page.evaluate(PRINT_RECEIPT_BUNDLE)
  await page.evaluate(() => {
    const w = globalThis as unknown as PrintPage
    w.__yzLog = { frames: [], violations: [] }
    w.document.addEventListener('securitypolicyviolation', (e) =>
      w.__yzLog.violations.push(e.violatedDirective),
    )
    new w.MutationObserver((records) => {
      for (const r of records) {
        for (const node of Array.from(r.addedNodes) as FrameNode[]) {
          if (node.tagName !== 'IFRAME') continue
          const entry: FrameRecord = {
            sandbox: node.getAttribute('sandbox'),
            hasSrcdoc: node.srcdoc.length > 0,
            text: null,
            codeFontSize: null,
            qrSvg: false,
            pageSizes: [],
          }
          w.__yzLog.frames.push(entry)
          node.addEventListener('load', () => {
            const doc = node.contentDocument
            const code = doc?.querySelector('.code')
            entry.text = doc?.body?.innerText ?? null
            entry.codeFontSize = code ? (node.contentWindow?.getComputedStyle(code).fontSize ?? null) : null
            entry.qrSvg = Boolean(doc?.querySelector('.qr svg'))
            // CSSRule.PAGE_RULE is 6.
            for (const sheet of Array.from(doc?.styleSheets ?? [])) {
              for (const rule of Array.from(sheet.cssRules)) {
                const size = rule.type === 6 ? rule.style?.getPropertyValue('size') : ''
                if (size) entry.pageSizes.push(size)
              }
            }
          })
        }
      }
    }).observe(w.document.body, { childList: true })
  })
}

async function submitWithPhone(station: Station) {
  const categories = await station.call('catalog.categories', {})
  const townships = await station.call('catalog.townships', {})
  const category = categories.find((c) => !c.needsIdNumber)
  const township = townships.find((t) => t.villages.length > 0)
  if (!category || !township) throw new Error('the demo catalog is empty')
  return station.call('petitions.submit', {
    categoryId: category.id,
    text: '村口路灯坏了，晚上出行不方便。',
    townshipId: township.id,
    villageId: township.villages[0]?.id ?? null,
    preferredRepresentativeId: null,
    contact: { name: '张秀霞', phone: '13812345678', idNumber: null },
  })
}

const receiptsDir = (station: Station) => path.join(station.dataDir, 'receipts')
const keptCopies = (station: Station) =>
  fs.existsSync(receiptsDir(station)) ? fs.readdirSync(receiptsDir(station)) : []

test.describe('the receipt in serve mode', () => {
  test('prints through a hidden frame and keeps a PDF copy in the data directory', async ({
    page,
    station,
  }) => {
    const petition = await submitWithPhone(station)
    await openKioskWithPrintProbe(page, station)

    const result = await page.evaluate(
      (id) => (globalThis as unknown as PrintPage).__yzReceipt.printReceipt(id),
      petition.id,
    )
    expect(result).toEqual({ printed: true })

    // The copy: one file in <data>/receipts, with the code and the masked phone, and a QR of the code.
    const copies = keptCopies(station)
    expect(copies).toHaveLength(1)
    // Reported printed by the page once the frame took it: no longer pending, so a later desk print is 补打.
    expect(copies[0]).toMatch(/^[0-9A-Z]{8}-\d{8}-\d{6}\.pdf$/)
    const pdf = await readReceiptPdf(path.join(receiptsDir(station), copies[0] ?? ''))
    expect(pdf.text).toContain(formatTrackingCode(petition.code))
    expect(pdf.text).toContain('138****5678')
    expect(pdf.text).not.toContain('13812345678')
    expect(pdf.qr).toBe(petition.code)

    // The paper: a sandboxed same-origin frame held the receipt, styled (the CSP let its styles apply).
    const log = await page.evaluate(() => (globalThis as unknown as PrintPage).__yzLog)
    expect(log.violations).toEqual([])
    expect(log.frames).toHaveLength(1)
    expect(log.frames[0]).toMatchObject({
      sandbox: 'allow-same-origin allow-modals',
      hasSrcdoc: true,
      codeFontSize: '32px',
      qrSvg: true,
    })
    expect(log.frames[0]?.text).toContain(formatTrackingCode(petition.code))
    expect(log.frames[0]?.text).not.toContain('13812345678')
    // Its page: the roll (80 mm by default) by the receipt's length as the PDF copy measured it, floor and
    // spare as the Electron shell prints it, not the browser's A4 or Letter.
    expect(log.frames[0]?.pageSizes).toEqual([
      `80mm ${pageHeightMm({ widthMm: 80, heightMm: pdf.heightMm })}mm`,
    ])
  })

  test('resolves printed: false, without throwing, when the receipt cannot be had', async ({
    page,
    station,
  }) => {
    await openKioskWithPrintProbe(page, station)
    const result = await page.evaluate(() =>
      (globalThis as unknown as PrintPage).__yzReceipt.printReceipt('0190f1d2-0000-7000-8000-000000000001'),
    )
    expect(result).toEqual({ printed: false })
    expect(keptCopies(station)).toEqual([])
    const log = await page.evaluate(() => (globalThis as unknown as PrintPage).__yzLog)
    expect(log.frames).toHaveLength(0)
  })
})
