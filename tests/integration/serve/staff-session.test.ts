import { describe, expect, it } from 'vitest'
import { SESSION_COOKIE } from '../../../electron/core/serve'
import { type Served, useServedStation } from '../../fixtures/http'
import { SETUP } from '../../fixtures/station'

async function signIn(s: Served) {
  const users = (await (await s.post('staff.users')).json()) as { value: { id: string; role: string }[] }
  const admin = users.value.find((u) => u.role === 'admin')
  const res = await s.post('staff.login', { userId: admin?.id, pin: SETUP.adminPin })
  const setCookie = res.headers.get('set-cookie') ?? ''
  return { res, setCookie, cookie: setCookie.split(';')[0] ?? '' }
}

describe('staff sessions over HTTP', () => {
  it('signing in sets an HttpOnly, SameSite=Strict session cookie scoped to the API', async () => {
    const s = await useServedStation()
    const { res, setCookie } = await signIn(s)
    expect(res.status).toBe(200)
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{32,};`))
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Strict')
    expect(setCookie).toContain('Path=/api')
  })

  it('does not hand the session token to scripts in the body', async () => {
    const s = await useServedStation()
    const { res, cookie } = await signIn(s)
    expect(await res.text()).not.toContain(cookie.split('=')[1])
  })

  it('lets a staff method through with the cookie', async () => {
    const s = await useServedStation()
    const { cookie } = await signIn(s)
    const res = await s.post('petitions.queue', {}, { cookie })
    expect(await res.json()).toMatchObject({ ok: true, value: { rows: [] } })
  })

  it('refuses the staff method without the cookie with STAFF_ONLY', async () => {
    const s = await useServedStation()
    await signIn(s)
    const res = await s.post('petitions.queue', {})
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'STAFF_ONLY' } })
  })

  it('refuses a made-up session cookie', async () => {
    const s = await useServedStation()
    const res = await s.post('petitions.queue', {}, { cookie: `${SESSION_COOKIE}=${'A'.repeat(43)}` })
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'STAFF_ONLY' } })
  })

  it('signing out clears the cookie and ends the session on the server too', async () => {
    const s = await useServedStation()
    const { cookie } = await signIn(s)
    const out = await s.post('staff.logout', {}, { cookie })
    expect(out.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`))
    // A copy of the old cookie kept by someone else no longer works.
    expect(await (await s.post('petitions.queue', {}, { cookie })).json()).toMatchObject({
      ok: false,
      error: { code: 'STAFF_ONLY' },
    })
  })
})
