import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({}))

import { CONTENT_SECURITY_POLICY } from '../../../electron/core/serve'
import { createAppProtocolHandler } from '../../../electron/main/protocol'

let dir: string
let handler: (request: Request) => Promise<Response>

/** Chromium hands the handler a parsed URL; a plain object also lets a raw, unnormalised URL through. */
const get = (url: string) => handler({ url, method: 'GET' } as Request)

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-protocol-'))
  const root = path.join(dir, 'renderer')
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true })
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>民意驿站</title>')
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)')
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'personal data key')
  handler = createAppProtocolHandler(root)
})

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('the app:// protocol', () => {
  it('serves index.html with the CSP header', async () => {
    const res = await get('app://yizhan/index.html')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await res.text()).toContain('民意驿站')
  })

  it('serves index.html for the bare origin and for client-side routes', async () => {
    expect(await (await get('app://yizhan/')).text()).toContain('民意驿站')
    expect(await (await get('app://yizhan/staff/queue')).text()).toContain('民意驿站')
  })

  it('serves assets with their content type', async () => {
    const res = await get('app://yizhan/assets/app.js')
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await res.text()).toBe('console.log(1)')
  })

  it('never climbs out on a raw ../ (the URL parser folds it into the root)', async () => {
    const res = await get('app://yizhan/../secret.txt')
    expect(res.status).toBe(404)
    expect(await res.text()).not.toContain('personal data key')
  })

  it.each([
    ['an encoded slash', 'app://yizhan/..%2fsecret.txt'],
    ['an encoded backslash', 'app://yizhan/..%5csecret.txt'],
    ['encoded dots and slash', 'app://yizhan/%2e%2e%2fsecret.txt'],
    ['a deeper climb', 'app://yizhan/assets/..%2f..%2fsecret.txt'],
  ])('refuses path traversal through %s', async (_name, url) => {
    const res = await get(url)
    expect(res.status).toBe(403)
    expect(await res.text()).not.toContain('personal data key')
  })

  it('refuses a NUL byte and a malformed escape', async () => {
    expect((await get('app://yizhan/index.html%00.js')).status).toBe(403)
    expect((await get('app://yizhan/%E0%A4%A')).status).toBe(403)
  })

  it('answers 404 for missing files and other hosts, 405 for writes', async () => {
    expect((await get('app://yizhan/missing.js')).status).toBe(404)
    expect((await get('app://elsewhere/index.html')).status).toBe(404)
    expect((await handler({ url: 'app://yizhan/index.html', method: 'POST' } as Request)).status).toBe(405)
  })
})
