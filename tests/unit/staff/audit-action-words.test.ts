import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import en from '../../../renderer/i18n/en/staff.json'
import zh from '../../../renderer/i18n/zh-CN/staff.json'

const CORE = path.resolve(__dirname, '../../../electron/core')

/** Every `.ts` file under `dir`. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [full] : []
  })
}

/**
 * The actions the station writes to its audit log, read from the source: the literals on a line that
 * sets `action:` or calls an `audit(` helper. Reading the source is the point: a new action written
 * without its words in 操作记录 fails here, not in front of staff as 其他操作.
 */
function auditActions(): string[] {
  const found = new Set<string>()
  for (const file of sources(CORE)) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (!/\baction:|\baudit\(/.test(line)) continue
      for (const m of line.matchAll(/'([a-z]+(?:\.[a-zA-Z]+)+)'/g)) if (m[1]) found.add(m[1])
    }
  }
  return [...found].sort()
}

describe('操作记录’s words for audit actions', () => {
  it('has Chinese and English words for every action the station writes', () => {
    const actions = auditActions()
    // The scan finds the actions at all (a changed call shape would otherwise pass vacuously).
    expect(actions).toEqual(expect.arrayContaining(['duty.shift.add', 'staff.login', 'sync.recovered']))
    const zhActions: Record<string, string> = zh.audit.actions
    const enActions: Record<string, string> = en.audit.actions
    for (const action of actions) {
      expect(zhActions[action], action).toMatch(/[\u4e00-\u9fff]/)
      expect(enActions[action], action).toMatch(/^[\x20-\x7e]+$/)
    }
  })
})
