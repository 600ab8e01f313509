import net from 'node:net'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, MAX_BODY_BYTES } from '../../../electron/core/serve'
import { rowCounts } from '../../fixtures/db'
import { rawRequest, useServedStation } from '../../fixtures/http'
import { SETUP } from '../../fixtures/station'

describe('the station API over loopback HTTP', () => {
  it('answers POST /api/station.profile with the profile', async () => {
    const { post } = await useServedStation()
    const res = await post('station.profile')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await res.json()).toMatchObject({ ok: true, value: { name: '王楼镇先进制造业人大代表联络站' } })
  })

  it('takes a petition and hands back its tracking code', async () => {
    const { t, post } = await useServedStation()
    const res = await post('petitions.submit', await t.submitInput())
    expect(await res.json()).toMatchObject({
      ok: true,
      value: { code: expect.stringMatching(/^[2-9A-Z]{8}$/) as unknown },
    })
  })

  it('refuses a request whose Host is not the loopback address with 421 (DNS rebinding)', async () => {
    const { server } = await useServedStation()
    const res = await rawRequest({
      host: '127.0.0.1',
      port: server.port,
      path: '/api/station.profile',
      method: 'POST',
      headers: { host: `evil.example:${server.port}`, 'content-type': 'application/json' },
    })
    expect(res.status).toBe(421)
    expect(res.body).not.toContain('王楼镇')
  })

  it('refuses GET on an API method with 405', async () => {
    const { server } = await useServedStation()
    const res = await fetch(`${server.url}/api/station.profile`)
    expect(res.status).toBe(405)
    expect(await res.json()).toMatchObject({ ok: false })
  })

  it('refuses a body that is not declared as JSON with 415 (no cross-site form posts)', async () => {
    const { post } = await useServedStation()
    const res = await post('station.profile', '{}', { 'content-type': 'text/plain' })
    expect(res.status).toBe(415)
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('refuses a request from another origin with 403', async () => {
    const { post } = await useServedStation()
    const res = await post('station.profile', {}, { origin: 'http://evil.example' })
    expect(res.status).toBe(403)
  })

  it('answers a body over 64 KB with 413', async () => {
    const { t, post } = await useServedStation()
    const input = { ...(await t.submitInput()), text: '长'.repeat(MAX_BODY_BYTES / 2) }

    const res = await post('petitions.submit', input)

    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('writes nothing for a body over 64 KB', async () => {
    const { t, post } = await useServedStation()
    const input = { ...(await t.submitInput()), text: '长'.repeat(MAX_BODY_BYTES / 2) }
    const before = await rowCounts(t.db)

    await post('petitions.submit', input).catch(() => null)

    expect(await rowCounts(t.db)).toEqual(before)
  })

  it('takes a roster file over 64 KB, as the Electron IPC does (导入名册 of 1,200 representatives)', async () => {
    const s = await useServedStation()
    const users = (await (await s.post('staff.users')).json()) as { value: { id: string; role: string }[] }
    const admin = users.value.find((u) => u.role === 'admin')
    const login = await s.post('staff.login', { userId: admin?.id, pin: SETUP.adminPin })
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const rows = Array.from({ length: 1_200 }, (_, i) => `代表${i + 1},县,农民,农业,王楼镇,,在任`)
    const sheet = ['姓名,级别,界别,擅长领域,所属乡镇,办公电话,状态', ...rows].join('\r\n')
    const input = { fileName: '名册.csv', contentBase64: Buffer.from(sheet, 'utf8').toString('base64') }
    expect(JSON.stringify(input).length).toBeGreaterThan(MAX_BODY_BYTES)

    const res = await s.post('roster.import', input, { cookie })

    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ ok: true, value: { saved: true, added: 1_200 } })
  })

  it('answers malformed JSON with 400 and a VALIDATION error', async () => {
    const { post } = await useServedStation()
    const res = await post('petitions.lookup', '{"code": "K7QM-')
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.any(String) as unknown },
    })
  })

  it('answers an unknown method with 404 UNKNOWN_METHOD', async () => {
    const { post } = await useServedStation()
    const res = await post('petitions.delete')
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
  })

  it('answers a malformed path with an error and keeps serving', async () => {
    const { server, post } = await useServedStation()
    const send = (path: string) =>
      rawRequest({
        host: '127.0.0.1',
        port: server.port,
        path,
        method: 'POST',
        headers: { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json' },
      })
    const badEscape = await send('/api/%E0%A4%A')
    expect(badEscape.status).toBe(404)
    expect(JSON.parse(badEscape.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
    expect((await send('//[')).status).toBe(400)
    expect((await post('station.profile')).status).toBe(200)
  })

  it('sends the security headers with every answer', async () => {
    const { server, post } = await useServedStation()
    for (const res of [await post('station.profile'), await fetch(`${server.url}/`)]) {
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('x-frame-options')).toBe('DENY')
    }
  })

  it('listens on 127.0.0.1 only: the same port on another address refuses the connection', async () => {
    const { server } = await useServedStation()
    expect(new URL(server.url).hostname).toBe('127.0.0.1')
    // 127.0.0.2 is loopback too on Linux, but only a server bound to all addresses would answer there.
    const connects = (host: string) =>
      new Promise<boolean>((resolve) => {
        const socket = net.connect({ host, port: server.port })
        socket.once('connect', () => resolve(socket.destroy() === socket))
        socket.once('error', () => resolve(false))
      })
    expect(await connects('127.0.0.1')).toBe(true)
    expect(await connects('127.0.0.2')).toBe(false)
  })
})
