import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { syncDir } from '../../../electron/core/durable'

describe('syncDir', () => {
  it('syncs a folder that exists', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-durable-'))
    try {
      fs.writeFileSync(path.join(dir, 'a'), 'x')
      expect(() => syncDir(dir)).not.toThrow()
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('throws for a folder that is gone, rather than promising durability it did not give', () => {
    const dir = path.join(os.tmpdir(), `yizhan-durable-missing-${process.pid}`)
    expect(() => syncDir(dir)).toThrow(expect.objectContaining({ code: 'ENOENT' }) as Error)
  })
})
