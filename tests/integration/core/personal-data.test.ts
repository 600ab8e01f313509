import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { KEY_FILE } from '../../../electron/core/crypto/key-store'
import { DB_FILE } from '../../../electron/core/db/open'
import { RESIDENT } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'

/** Residents' name, phone and ID number: encrypted at rest, readable only through the staff detail view. */

function databaseBytes(dataDir: string): Buffer {
  const files = [DB_FILE, `${DB_FILE}-wal`].map((f) => path.join(dataDir, f)).filter((f) => fs.existsSync(f))
  return Buffer.concat(files.map((f) => fs.readFileSync(f)))
}

const SECRETS = {
  name: Buffer.from(RESIDENT.name, 'utf8'),
  // The masked phone (139****1234) is stored on purpose, for the queue; the full number is not.
  phone: Buffer.from(RESIDENT.phone, 'utf8'),
  idNumber: Buffer.from(RESIDENT.idNumber, 'utf8'),
  idNumberBirth: Buffer.from(RESIDENT.idNumber.slice(6, 14), 'utf8'),
}

describe("residents' personal data", () => {
  it('never reaches the database file or its write-ahead log in plain text', async () => {
    const { t } = await useSetUpStation()
    await t.submit({ categoryId: 'social', contact: { ...RESIDENT } })
    await t.submit({ categoryId: 'housing', contact: { ...RESIDENT } })

    const bytes = databaseBytes(t.dataDir)

    expect(bytes.length).toBeGreaterThan(0)
    // The search works: the station name, stored in plain text, is found.
    expect(bytes.includes(Buffer.from('王楼镇先进制造业人大代表联络站', 'utf8'))).toBe(true)
    for (const [what, secret] of Object.entries(SECRETS)) expect(bytes.includes(secret), what).toBe(false)
  })

  it('decrypts for a signed-in clerk in the petition detail', async () => {
    const { t } = await useSetUpStation()
    const { id } = await t.submit({ categoryId: 'social', contact: { ...RESIDENT } })
    await t.loginStaff()

    const detail = await t.succeed('petitions.get', { id })

    expect(detail.contact).toEqual({
      name: RESIDENT.name,
      phone: RESIDENT.phone,
      idNumber: RESIDENT.idNumber,
    })
  })

  it('stores an ID number typed with spaces in its normal form', async () => {
    const { t } = await useSetUpStation()
    const spaced = `${RESIDENT.idNumber.slice(0, 6)} ${RESIDENT.idNumber.slice(6, 14)} ${RESIDENT.idNumber.slice(14)}`
    const { id } = await t.submit({ categoryId: 'social', contact: { ...RESIDENT, idNumber: spaced } })
    await t.loginStaff()

    expect((await t.succeed('petitions.get', { id })).contact?.idNumber).toBe(RESIDENT.idNumber)
  })

  it('shows only masked data in the queue', async () => {
    const { t } = await useSetUpStation()
    await t.submit()
    await t.loginStaff()
    const page = await t.succeed('petitions.queue', {})
    expect(page.rows.map((r) => r.maskedName)).toEqual(['张*英'])
    expect(JSON.stringify(page)).not.toContain(RESIDENT.phone)
  })

  it('cannot be moved to another petition: a ciphertext copied to another row does not decrypt', async () => {
    const { t } = await useSetUpStation()
    const victim = await t.submit({ contact: { name: '刘桂兰', phone: '13703931111', idNumber: null } })
    const other = await t.submit()
    const stolen = await t.db
      .selectFrom('petition')
      .select(['contact_name_enc', 'contact_phone_enc'])
      .where('id', '=', victim.id)
      .executeTakeFirstOrThrow()
    await t.db.updateTable('petition').set(stolen).where('id', '=', other.id).execute()
    await t.loginAdmin()

    const res = await t.call('petitions.get', { id: other.id })

    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(res)).not.toContain('刘桂兰')
    expect(t.logged.join('\n')).not.toContain('刘桂兰')
  })

  it('cannot be moved to another field of the same petition either', async () => {
    const { t } = await useSetUpStation()
    const { id } = await t.submit()
    const row = await t.db
      .selectFrom('petition')
      .select('contact_phone_enc')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    await t.db
      .updateTable('petition')
      .set({ contact_name_enc: row.contact_phone_enc })
      .where('id', '=', id)
      .execute()
    await t.loginAdmin()

    expect(await t.call('petitions.get', { id })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })

  it('is sealed with a key file only the station user can read (0600)', async () => {
    const { t } = await useSetUpStation()
    const key = fs.statSync(path.join(t.dataDir, KEY_FILE))
    expect(key.mode & 0o777).toBe(0o600)
  })

  it('stays readable after a restart with the same key file', async () => {
    const { t } = await useSetUpStation()
    const { id } = await t.submit()
    await t.reopen()
    await t.loginAdmin()
    expect((await t.succeed('petitions.get', { id })).contact?.name).toBe(RESIDENT.name)
  })
})
