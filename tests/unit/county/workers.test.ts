import os from 'node:os'
import { describe, expect, it } from 'vitest'
import { HubWorkersSettingError, MAX_HUB_WORKERS, hubWorkerCount } from '../../../county/workers'

describe('HUB_WORKERS', () => {
  it('is one process when unset or blank', () => {
    expect(hubWorkerCount(undefined, true)).toBe(1)
    expect(hubWorkerCount(' ', true)).toBe(1)
  })

  it('takes a count, or one per core for auto', () => {
    expect(hubWorkerCount('4', true)).toBe(4)
    expect(hubWorkerCount(String(MAX_HUB_WORKERS), true)).toBe(MAX_HUB_WORKERS)
    expect(hubWorkerCount('auto', true)).toBe(os.availableParallelism())
  })

  it('is one process on the embedded demo database, whatever it says', () => {
    expect(hubWorkerCount('4', false)).toBe(1)
    expect(hubWorkerCount('auto', false)).toBe(1)
  })

  it.each(['0', '-2', '2.5', 'two', '1e1x', String(MAX_HUB_WORKERS + 1)])('refuses %j', (setting) => {
    expect(() => hubWorkerCount(setting, true)).toThrow(HubWorkersSettingError)
    expect(() => hubWorkerCount(setting, false)).toThrow(/HUB_WORKERS must be a whole number/)
  })
})
