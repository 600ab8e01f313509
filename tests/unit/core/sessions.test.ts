import { describe, expect, it } from 'vitest'
import type { StaffUser } from '../../../contract/views'
import { SESSION_IDLE_MS, createSessionStore } from '../../../electron/core/features/staff/sessions'

const CLERK: StaffUser = { id: 'u1', name: '王干事', role: 'staff' }

function store() {
  let now = 0
  return { s: createSessionStore(() => now), advance: (ms: number) => (now += ms) }
}

describe('staff sessions', () => {
  it('hand out unguessable tokens, a new one per sign-in', () => {
    const { s } = store()
    const a = s.create(CLERK)
    const b = s.create(CLERK)
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(a).not.toBe(b)
  })

  it('know the clerk behind a token, and no one behind a made-up or missing token', () => {
    const { s } = store()
    const token = s.create(CLERK)
    expect(s.get(token)).toEqual(CLERK)
    expect(s.get(`${token}x`)).toBeNull()
    expect(s.get(null)).toBeNull()
  })

  it('end together for one user, on every desk, leaving everyone else signed in', () => {
    const { s } = store()
    const other: StaffUser = { id: 'u2', name: '李站长', role: 'admin' }
    const desk1 = s.create(CLERK)
    const desk2 = s.create(CLERK)
    const admin = s.create(other)
    s.dropUser(CLERK.id)
    expect([s.get(desk1), s.get(desk2), s.get(admin)]).toEqual([null, null, other])
  })

  it('end after five idle minutes', () => {
    const { s, advance } = store()
    const token = s.create(CLERK)
    advance(SESSION_IDLE_MS + 1)
    expect(s.get(token)).toBeNull()
  })

  it('stay alive while the clerk keeps working', () => {
    const { s, advance } = store()
    const token = s.create(CLERK)
    for (let i = 0; i < 5; i++) {
      advance(SESSION_IDLE_MS - 1000)
      expect(s.get(token)).toEqual(CLERK)
    }
  })

  it('end when dropped', () => {
    const { s } = store()
    const token = s.create(CLERK)
    s.drop(token)
    expect(s.get(token)).toBeNull()
  })
})
