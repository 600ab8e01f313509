import { describe, expect, it } from 'vitest'
import { checkCharacter } from '../../../domain/tracking-code'
import type { ReceiptData } from '../../../contract/views'
import { renderReceiptHtml } from '../../../electron/core/features/receipts/render'

const CODE = `K7QM3XZ${checkCharacter('K7QM3XZ')}`

function receipt(over: Partial<ReceiptData> = {}): ReceiptData {
  return {
    petitionId: '0190f1d2-0000-7000-8000-000000000001',
    stationName: '城关镇人大代表联络站',
    hotline: '0393-5221234',
    code: CODE,
    categoryName: '道路交通',
    // 2025-03-04 09:05 in Shanghai.
    submittedAt: Date.UTC(2025, 2, 4, 1, 5),
    level: 'township',
    dueOn: '2025-03-18',
    receivingRepresentativeName: null,
    maskedName: '张*霞',
    maskedPhone: '138****5678',
    reprint: false,
    demo: false,
    ...over,
  }
}

describe('the printed receipt', () => {
  it('shows the tracking code in its 4-4 form', async () => {
    const html = await renderReceiptHtml(receipt(), { widthMm: 80 })
    expect(html).toContain(`${CODE.slice(0, 4)}-${CODE.slice(4)}`)
  })

  it('shows the masked phone and name, never a full number', async () => {
    const html = await renderReceiptHtml(receipt(), { widthMm: 80 })
    expect(html).toContain('138****5678')
    expect(html).toContain('张*霞')
    expect(html).not.toMatch(/1[3-9]\d{9}/)
  })

  it('carries the code as an inline SVG QR code, with no external resource', async () => {
    const html = await renderReceiptHtml(receipt(), { widthMm: 80 })
    expect(html).toMatch(/<div class="qr"><svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>.*<\/svg>/s)
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/i)
    expect(html).not.toMatch(/(src|href)=/i)
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/)
  })

  it('keeps the QR code at least 25 mm wide on both paper widths', async () => {
    for (const widthMm of [58, 80] as const) {
      const html = await renderReceiptHtml(receipt(), { widthMm })
      const boxMm = Number(/\.qr \{ width: (\d+)mm/.exec(html)?.[1])
      const modules = Number(/viewBox="0 0 (\d+) \d+"/.exec(html)?.[1])
      // The box holds the symbol plus a 2-module quiet zone each side; the symbol itself must reach 25 mm.
      expect(boxMm * ((modules - 4) / modules)).toBeGreaterThanOrEqual(25)
    }
  })

  it('lays out for 58 mm and 80 mm rolls, leaving the paper size to the printer', async () => {
    const narrow = await renderReceiptHtml(receipt(), { widthMm: 58 })
    const wide = await renderReceiptHtml(receipt(), { widthMm: 80 })
    // A roll has a width and no length: CSS cannot say that (`size: 80mm auto` is invalid and dropped
    // whole), so only the margins are the document's; each shell sizes the page from the measured length
    // (domain/paper-page.ts: Electron's pageSize, serve mode's added @page size).
    for (const html of [narrow, wide]) {
      expect(html).toContain('@page { margin: 0; }')
      expect(html).not.toMatch(/@page \{[^}]*size:/)
    }
    expect(narrow).toContain('.receipt { width: 48mm;')
    expect(wide).toContain('.receipt { width: 72mm;')
  })

  it('escapes what staff typed, so a station name cannot inject markup', async () => {
    const html = await renderReceiptHtml(receipt({ stationName: '<script>alert(1)</script>站' }), {
      widthMm: 80,
    })
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;站')
  })

  it('says who handles it, by when, in Shanghai time, and how to check progress', async () => {
    const html = await renderReceiptHtml(receipt({ receivingRepresentativeName: '李建国' }), { widthMm: 80 })
    expect(html).toContain('受理回执')
    expect(html).toContain('城关镇人大代表联络站')
    expect(html).toContain('2025-03-04 09:05')
    expect(html).toContain('乡镇人大（接待代表：李建国）')
    expect(html).toContain('2025年3月18日前答复')
    expect(html).toContain('0393-5221234')
    expect(html).toContain('凭查询码到联络站触摸屏「办理查询」查看进度')
    expect(html).toContain('登记电话号码的后4位')
  })

  it('marks a reprint with 补打', async () => {
    expect(await renderReceiptHtml(receipt({ reprint: true }), { widthMm: 58 })).toContain('补打')
    expect(await renderReceiptHtml(receipt(), { widthMm: 58 })).not.toContain('补打')
  })

  it("puts 演示数据 · 非正式回执 above everything on a demo station's receipt, and nowhere on a real one", async () => {
    for (const widthMm of [58, 80] as const) {
      const demo = await renderReceiptHtml(receipt({ demo: true }), { widthMm })
      expect(demo).toMatch(
        /<div class="receipt">\n<div class="demo">演示数据 · 非正式回执<\/div>\n<div class="station">/,
      )
      expect(demo).toContain('<title>受理回执（演示数据 · 非正式回执）</title>')
      expect(await renderReceiptHtml(receipt(), { widthMm })).not.toContain('演示')
    }
  })

  it('leaves out the contact rows and the last-4 hint for an anonymous petition', async () => {
    const html = await renderReceiptHtml(receipt({ maskedName: null, maskedPhone: null, level: 'county' }), {
      widthMm: 80,
    })
    expect(html).not.toContain('联系电话')
    expect(html).not.toContain('后4位')
    expect(html).toContain('县人大常委会')
  })
})
