import { describe, expect, it } from 'vitest'
import { DomainError } from '../../../domain/errors'
import { compareVersions, translateSqliteError } from '../../../electron/core/db/open'

const sqliteError = (code: string) => Object.assign(new Error(`${code}: something`), { code })

describe('SQLite errors a person can act on', () => {
  it.each([
    ['SQLITE_FULL', 'DISK_FULL'],
    ['SQLITE_READONLY', 'DATA_DIR_UNWRITABLE'],
    ['SQLITE_CANTOPEN', 'DATA_DIR_UNWRITABLE'],
    ['SQLITE_PERM', 'DATA_DIR_UNWRITABLE'],
    ['SQLITE_BUSY', 'DB_BUSY'],
  ])('%s becomes %s', (sqlite, code) => {
    expect(translateSqliteError(sqliteError(sqlite))).toMatchObject({ code })
  })

  it('leaves other errors as they are, for the log', () => {
    const e = sqliteError('SQLITE_CONSTRAINT')
    expect(translateSqliteError(e)).toBe(e)
  })

  it('leaves domain errors as they are', () => {
    const e = new DomainError('NOT_FOUND')
    expect(translateSqliteError(e)).toBe(e)
  })
})

describe('comparing SQLite versions', () => {
  it('compares numerically, part by part', () => {
    expect(compareVersions('3.51.3', '3.51.3')).toBe(0)
    expect(compareVersions('3.52.0', '3.51.3')).toBeGreaterThan(0)
    expect(compareVersions('3.9.0', '3.51.3')).toBeLessThan(0)
    expect(compareVersions('3.51', '3.51.3')).toBeLessThan(0)
  })
})
