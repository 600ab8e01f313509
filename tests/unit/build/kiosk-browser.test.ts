import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Browser-kiosk mode's Chromium flags and policy (build/kiosk-browser.json), which scripts/start.mjs and the
 * README's deploy steps use. What Chromium does with them cannot be seen without a display; this keeps the
 * promises the receipt path and the lobby depend on from being dropped.
 */

const root = path.resolve(import.meta.dirname, '../../..')
interface KioskBrowser {
  readonly flags: readonly string[]
  readonly policyPath: string
  readonly policy: Readonly<Record<string, unknown>>
}
const kiosk = JSON.parse(fs.readFileSync(path.join(root, 'build/kiosk-browser.json'), 'utf8')) as KioskBrowser

describe('the browser kiosk', () => {
  it('prints receipts without a dialog (printReceipt.ts counts a print handed to Chromium as printed)', () => {
    expect(kiosk.flags).toEqual(expect.arrayContaining(['--kiosk', '--kiosk-printing']))
  })

  it('is started by npm start with these flags', () => {
    const start = fs.readFileSync(path.join(root, 'scripts/start.mjs'), 'utf8')
    expect(start).toContain("'kiosk-browser.json'")
    expect(start).toContain('...KIOSK_BROWSER.flags')
  })

  it('has a policy that turns DevTools off and allows only the station on its default port', () => {
    expect(kiosk.policyPath).toMatch(/^\/etc\/chromium\/policies\/managed\/[a-z-]+\.json$/)
    expect(kiosk.policy).toMatchObject({
      DeveloperToolsAvailability: 2,
      URLBlocklist: ['*'],
      URLAllowlist: ['http://127.0.0.1:8787'],
      IncognitoModeAvailability: 1,
      DownloadRestrictions: 3,
    })
    expect(fs.readFileSync(path.join(root, 'scripts/start.mjs'), 'utf8')).toContain(
      "port: { type: 'string', default: '8787' }",
    )
  })

  it('is installed the way the README says', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8')
    expect(readme).toContain(kiosk.policyPath)
    expect(readme).toContain('build/kiosk-browser.json')
  })
})
