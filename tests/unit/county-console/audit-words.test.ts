import fs from 'node:fs'
import path from 'node:path'
import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { COUNTY_ACTION_TYPES } from '../../../contract/county-console'
import { STATION_RECORD_TYPES, SYNC_PATHS } from '../../../contract/sync'
import type { Translate } from '../../../county/console/i18n/keys'
import { REFUSAL_REASONS } from '../../../county/errors'
import { zhCN } from '../../../county/console/i18n/resources'
import { actionWords, detailWords, outcomeWords, whoOf } from '../../../county/console/pages/audit/auditWords'

const COUNTY = path.resolve(__dirname, '../../../county')

/** Every `.ts` file of the hub, not its console (which only reads the log). */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return full === path.join(COUNTY, 'console') ? [] : sources(full)
    return e.name.endsWith('.ts') ? [full] : []
  })
}

/**
 * The sync routes: each refusal is audited by its path, those of the signature (auth.ts) and, for any
 * sync route, a body or query refused as malformed or too large (app.ts's error handler).
 */
function syncRoutes(): string[] {
  const app = fs.readFileSync(path.join(COUNTY, 'app.ts'), 'utf8')
  const routes: string[] = []
  for (const m of app.matchAll(/app\.(get|post|put|delete)\(SYNC_PATHS\.(\w+),/g)) {
    const [, method = '', name = ''] = m
    routes.push(`${method.toUpperCase()} ${SYNC_PATHS[name as keyof typeof SYNC_PATHS]}`)
  }
  return routes
}

/**
 * The action names the hub writes to its audit log, read from the source: the literals on a line that sets
 * `action:`, and every name a template there can make. A template this does not know fails the test, so
 * a new one is taught here rather than shown to the county as 其他操作.
 */
function auditActions(): string[] {
  const found = new Set<string>()
  for (const file of sources(COUNTY)) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (!/\baction:/.test(line)) continue
      for (const m of line.matchAll(/'([a-z]+(?:\.[a-zA-Z]+)+)'/g)) if (m[1]) found.add(m[1])
      const template = /\baction: `([^`]*)`/.exec(line)?.[1]
      if (template === undefined) continue
      if (template === "sync.${req.method} ${req.url.split('?')[0] ?? ''}")
        for (const route of syncRoutes()) found.add(`sync.${route}`)
      else if (template === 'petition.${action.type}')
        for (const type of COUNTY_ACTION_TYPES) found.add(`petition.${type}`)
      else if (template === '${l.type}.lost')
        for (const type of STATION_RECORD_TYPES) found.add(`${type}.lost`)
      else
        throw new Error(
          `${path.relative(COUNTY, file)}: an audit action template this test does not know: ${template}`,
        )
    }
  }
  return [...found].sort()
}

/** The outcomes the hub writes: the literals, and the sync refusals' codes and reasons. */
function auditOutcomes(): { outcome: string; reason?: string }[] {
  const found: { outcome: string; reason?: string }[] = []
  for (const file of sources(COUNTY)) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const value = /\boutcome: ([^,}]+)/.exec(line)?.[1]
      if (value === undefined) continue
      // Every literal of the value: `outcome: order > 0 ? 'replaced' : 'outdated'` writes either.
      for (const m of value.matchAll(/'([^']+)'/g)) {
        // records.ts's column types name a consultation's `outcome` column too.
        if (m[1] && !/^(text|integer|bigint|date)$/.test(m[1])) found.push({ outcome: m[1] })
      }
    }
  }
  const auth = fs.readFileSync(path.join(COUNTY, 'auth.ts'), 'utf8')
  for (const m of auth.matchAll(/refuse\(\s*new HubError\(\d+, '(\w+)'[^)]*\)(?:[^)]*reason: '(\w+)')?/g)) {
    const [, code = '', reason] = m
    found.push(reason === undefined ? { outcome: code } : { outcome: code, reason })
  }
  // A body or query refused as malformed or too large (app.ts's error handler), by why.
  for (const reason of REFUSAL_REASONS) {
    found.push({ outcome: 'BAD_REQUEST', reason })
    found.push({ outcome: 'TOO_LARGE', reason })
  }
  return found
}

function consoleT(): Translate {
  const instance = i18next.createInstance()
  void instance.init({
    resources: { 'zh-CN': { translation: zhCN } },
    lng: 'zh-CN',
    initAsync: false,
    interpolation: { escapeValue: false },
  })
  return (key, values) => instance.t(key, values ?? {})
}

const CHINESE = /[\u4e00-\u9fff]/

describe('操作记录’s words for the hub’s audit log', () => {
  it('has Chinese words for every action the hub writes', () => {
    const t = consoleT()
    const actions = auditActions()
    // The scan finds the actions at all (a changed call shape would otherwise pass vacuously).
    expect(actions).toEqual(
      expect.arrayContaining([
        'user.signIn',
        'station.revoke',
        'petition.replied',
        'sync.POST /sync/push',
        'duty.shift.lost',
      ]),
    )
    for (const action of actions) {
      const words = actionWords(action, t)
      expect(words, action).toMatch(CHINESE)
      expect(words, action).not.toContain(action)
    }
  })

  it('words every outcome the hub writes, a forged signature as 签名无效', () => {
    const t = consoleT()
    const outcomes = auditOutcomes()
    expect(outcomes).toEqual(
      expect.arrayContaining([
        { outcome: 'REPLAYED' },
        { outcome: 'UNAUTHENTICATED', reason: 'badSignature' },
        { outcome: 'OTHER_STATION' },
      ]),
    )
    for (const o of outcomes) {
      const words = outcomeWords({ outcome: o.outcome, detail: o.reason ? { reason: o.reason } : {} }, t)
      expect(words, o.outcome).toMatch(CHINESE)
      expect(words, o.outcome).not.toContain(o.outcome)
    }
    expect(outcomeWords({ outcome: 'UNAUTHENTICATED', detail: { reason: 'badSignature' } }, t)).toBe(
      '签名无效',
    )
    expect(outcomeWords({ outcome: 'REVOKED', detail: {} }, t)).toBe('联络站已停用')
    expect(outcomeWords({ outcome: 'BAD_REQUEST', detail: { reason: 'notJson' } }, t)).toBe(
      '请求内容无法解析',
    )
    expect(outcomeWords({ outcome: 'OTHER_STATION', detail: {} }, t)).toBe('试图改动其他联络站的记录')
    expect(actionWords('sync.POST /sync/enrol', t)).toBe('联络站接入请求')
    expect(outcomeWords({ outcome: 'ok', detail: {} }, t)).toBe('成功')
    expect(outcomeWords({ outcome: 'refused', detail: { unknownUser: true } }, t)).toBe('没有这个账号')
  })
})

describe('操作记录’s who and detail columns', () => {
  const t = consoleT()

  it('names the admin who acted on an account, and the account', () => {
    const row = {
      action: 'user.create',
      stationId: null,
      detail: { username: 'wangwu', role: 'clerk', by: 'zhangmin' },
    }
    expect(whoOf(row)).toBe('zhangmin')
    expect(detailWords(row, t)).toBe('账号 wangwu（工作人员）')
  })

  it('names the account that signed in, and a station claimed that the hub does not know', () => {
    expect(whoOf({ detail: { username: 'lihua' } })).toBe('lihua')
    const forged = { action: 'sync.POST /sync/push', detail: { claimedStation: 'nowhere-01' } }
    expect(detailWords({ ...forged, stationId: null }, t)).toBe('自称联络站 nowhere-01')
    expect(detailWords({ ...forged, stationId: 'nowhere-01' }, t)).toBe('')
  })
})
