import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Method, methods } from '../../../contract/api'
import { rowCounts } from '../../fixtures/db'
import { INPUTS } from '../../fixtures/inputs'
import { type TestStation, openTestStation } from '../../fixtures/station'

/**
 * Every method of the contract, fed what a hostile or broken caller might send. Each must be refused at
 * the boundary with VALIDATION and a Chinese message, and nothing may be written. The admin is signed in,
 * so staff and admin methods get as far as validation.
 */
type Plain = Record<string, unknown>
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v)

const HUGE = '长'.repeat(10_000)
const MARKUP = '<script>alert(1)</script>'
const CHINESE = /[\u4e00-\u9fff]/

/** Dotted paths of every field, nested objects included ('contact', 'contact.name', …). */
function fieldPaths(v: unknown, prefix = ''): string[] {
  if (!isPlain(v)) return []
  return Object.entries(v).flatMap(([k, child]) => [`${prefix}${k}`, ...fieldPaths(child, `${prefix}${k}.`)])
}

/** '' for the input itself, then the path of every nested object. */
function objectPaths(v: unknown): string[] {
  return ['', ...fieldPaths(v).filter((p) => isPlain(getAt(v, p)))]
}

function getAt(v: unknown, path: string): unknown {
  return path === '' ? v : path.split('.').reduce<unknown>((o, k) => (isPlain(o) ? o[k] : undefined), v)
}

/** A copy with the value at `path` replaced; `replace` gets the old value. JSON round trip: plain data only. */
function replaceAt(v: unknown, path: string, replace: (old: unknown) => unknown): unknown {
  if (path === '') return replace(v)
  const copy = JSON.parse(JSON.stringify(v)) as Plain
  const keys = path.split('.')
  const last = keys.pop() ?? ''
  const parent = keys.reduce<Plain>((o, k) => o[k] as Plain, copy)
  parent[last] = replace(parent[last])
  return copy
}

/** Adds a key as an own property, the way JSON.parse makes one, even for '__proto__'. */
function withOwnKey(obj: unknown, key: string, value: unknown): unknown {
  const rest = JSON.stringify(obj).slice(1)
  return JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value)}${rest === '}' ? '}' : `,${rest}`}`)
}

function hostileInputs(method: Method): [string, unknown][] {
  const { valid, nullable, shaped } = INPUTS[method]
  const cases: [string, unknown][] = [
    ['an empty array', []],
    ['the input wrapped in an array', [valid]],
    ['a 10 kB string', HUGE],
    ['a number', 42],
    ['a boolean', true],
  ]
  for (const p of objectPaths(valid)) {
    const at = p === '' ? 'the input' : p
    cases.push(
      [`an unknown key in ${at}`, replaceAt(valid, p, (o) => ({ ...(o as Plain), isAdmin: true }))],
      [`'__proto__' in ${at}`, replaceAt(valid, p, (o) => withOwnKey(o, '__proto__', { isAdmin: true }))],
      [
        `'constructor' in ${at}`,
        replaceAt(valid, p, (o) => withOwnKey(o, 'constructor', { prototype: { isAdmin: true } })),
      ],
    )
    if (p !== '') cases.push([`an array as ${at}`, replaceAt(valid, p, (o) => [o])])
  }
  for (const p of fieldPaths(valid)) {
    cases.push(
      [`10 kB in ${p}`, replaceAt(valid, p, () => HUGE)],
      [
        `the wrong type in ${p}`,
        replaceAt(valid, p, (o) => (typeof o === 'string' || o === null ? 12345 : 'x')),
      ],
    )
    if (!nullable.includes(p)) cases.push([`null in ${p}`, replaceAt(valid, p, () => null)])
  }
  for (const p of shaped) cases.push([`markup in ${p}`, replaceAt(valid, p, () => MARKUP)])
  return cases
}

let t: TestStation

beforeAll(async () => {
  t = await openTestStation()
  await t.setUp()
  await t.submit()
  await t.loginAdmin()
})
afterAll(() => t.close())

const allMethods = Object.keys(methods) as Method[]

describe('hostile input', () => {
  it('starts from inputs the schemas accept, so each refusal below is due to the one thing changed', () => {
    for (const m of allMethods) {
      expect(methods[m].input.safeParse(INPUTS[m].valid).success, m).toBe(true)
    }
  })

  it.each(allMethods)(
    'to %s is refused with VALIDATION in Chinese, and nothing is written',
    async (method) => {
      const before = await rowCounts(t.db)
      const wrong: string[] = []
      const cases = hostileInputs(method)
      for (const [what, input] of cases) {
        const res = await t.callRaw(method, input)
        const refused =
          !res.ok &&
          res.error.code === 'VALIDATION' &&
          CHINESE.test(res.error.message) &&
          Object.values(res.error.fields ?? { _: '无' }).every((m) => CHINESE.test(m))
        if (!refused) wrong.push(`${what}: ${JSON.stringify(res).slice(0, 200)}`)
      }
      expect(cases.length).toBeGreaterThanOrEqual(8)
      expect(wrong).toEqual([])
      expect(await rowCounts(t.db)).toEqual(before)
    },
  )

  it('pollutes no prototype along the way', () => {
    expect(({} as Plain)['isAdmin']).toBeUndefined()
    expect((Object.prototype as Plain)['isAdmin']).toBeUndefined()
  })

  it('leaves the signed-in admin signed in (a refused staff.logout drops nothing)', async () => {
    expect(await t.succeed('staff.me', {})).toMatchObject({ role: 'admin' })
  })
})
