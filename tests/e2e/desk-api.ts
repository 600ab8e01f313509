import type { InputOf, Method, OutputOf } from '../../contract/api'
import type { PublicError, Result } from '../../contract/result'
import type { Station } from './fixtures'

/**
 * The desk's API over HTTP, signed in as a member of staff the way the browser is (the session lives in
 * a cookie), for the specs that compare what the staff console shows with what the station holds, or
 * that set a petition's state up without the screen.
 */

/** The demo station's administrator (`--demo`). */
export const DEMO_ADMIN = { name: '演示管理员', pin: '123456' } as const

export interface DeskApi {
  /** Calls `method` as the signed-in member of staff; fails the test when the station refuses it. */
  call<M extends Method>(method: M, input: InputOf<M>): Promise<OutputOf<M>>
  /** The refusal the station answers for `input`; fails the test when it is accepted. */
  refusal<M extends Method>(method: M, input: InputOf<M>): Promise<PublicError>
}

/** Signs in over HTTP as `who` (by default 演示管理员 of the demo station) and keeps the session cookie. */
export async function deskApi(
  station: Station,
  who: { readonly name: string; readonly pin: string } = DEMO_ADMIN,
): Promise<DeskApi> {
  const user = (await station.call('staff.users', {})).find((u) => u.name === who.name)
  if (!user) throw new Error(`the station has no member of staff named ${who.name}`)
  const post = async (method: string, body: unknown, cookie = '') => {
    const res = await fetch(`${station.url}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(body),
    })
    return { res, result: (await res.json()) as Result<never> }
  }
  const login = await post('staff.login', { userId: user.id, pin: who.pin })
  if (!login.result.ok) {
    throw new Error(`staff.login as ${who.name}: ${login.result.error.code} ${login.result.error.message}`)
  }
  const cookie = (login.res.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const result = async (method: string, input: unknown) => (await post(method, input, cookie)).result
  return {
    async call(method, input) {
      const res = await result(method, input)
      if (!res.ok) throw new Error(`${method}: ${res.error.code} ${res.error.message}`)
      return res.value
    },
    async refusal(method, input) {
      const res = await result(method, input)
      if (res.ok) throw new Error(`${method} was accepted`)
      return res.error
    },
  }
}
