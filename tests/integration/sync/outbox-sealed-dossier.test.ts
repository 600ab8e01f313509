import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { countyPetition } from '../../../county/petitions/service'
import { createSealer } from '../../../county/sealing'
import { runBackup } from '../../../electron/core/features/backup/service'
import { act } from '../../fixtures/desk'
import { TEST_DATA_KEY } from '../../fixtures/hub'
import { addRepresentative } from '../../fixtures/records'
import { RESIDENT, type TestStation } from '../../fixtures/station'
import { connectedStation } from '../../fixtures/sync'

/**
 * README promises that personal data in a backup cannot be read without personal-data.key. A dossier waits
 * in the outbox (and stays there 90 days after it is acknowledged), so its contact must be sealed there
 * too, and opened only for the push: the hub still gets the name and phone.
 */

async function escalated(t: TestStation): Promise<string> {
  const submitted = await t.submit()
  await addRepresentative(t, { id: 'rep-wang', name: '王海涛', level: 'county' })
  await act(t, submitted.id, { type: 'assigned', representativeIds: ['rep-wang'], department: null })
  await act(t, submitted.id, { type: 'escalated', to: 'county', reason: '涉及县里的水利工程' })
  return submitted.id
}

const dossierRows = (t: TestStation) =>
  t.db
    .selectFrom('sync_outbox')
    .select(['mutation_id', 'payload'])
    .where('type', '=', 'petition.dossier')
    .execute()

const inClear = (text: string) => text.includes(RESIDENT.name) || text.includes(RESIDENT.phone)

describe('a dossier waiting in the outbox', () => {
  it('holds no name or phone in clear, neither in the outbox nor in a backup, yet reaches the county', async () => {
    const { t, hub } = await connectedStation()
    const petitionId = await escalated(t)

    const rows = await t.db.selectFrom('sync_outbox').selectAll().execute()
    expect(await dossierRows(t)).toHaveLength(1)
    expect(rows.filter((r) => inClear(JSON.stringify(r)))).toEqual([])
    // The daily snapshot is the copy that leaves the machine: nowhere in it, in any table.
    const backup = await runBackup(t.dataDir, t.clock.now())
    const bytes = fs.readFileSync(backup.file)
    expect(bytes.includes(Buffer.from(RESIDENT.name))).toBe(false)
    expect(bytes.includes(Buffer.from(RESIDENT.phone))).toBe(false)

    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, rejected: [], lastError: null })
    const atCounty = await countyPetition(hub.hub.db, createSealer(TEST_DATA_KEY), petitionId)
    expect(atCounty.dossier).toMatchObject({
      anonymous: false,
      contactName: RESIDENT.name,
      contactPhone: RESIDENT.phone,
    })
    // Acknowledged, it is kept for a while, still sealed.
    expect((await dossierRows(t)).filter((r) => inClear(r.payload))).toEqual([])
  })

  it('written in clear by an earlier version, is still sent as it is', async () => {
    const { t, hub } = await connectedStation()
    const petitionId = await escalated(t)
    const [row] = await dossierRows(t)
    const text = (await t.db.selectFrom('petition').select('text').executeTakeFirstOrThrow()).text
    const legacy = {
      petitionId,
      text,
      anonymous: false,
      contactName: RESIDENT.name,
      contactPhone: RESIDENT.phone,
    }
    await t.db
      .updateTable('sync_outbox')
      .set({ payload: JSON.stringify(legacy) })
      .where('mutation_id', '=', row?.mutation_id ?? '')
      .execute()

    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, rejected: [], lastError: null })
    const atCounty = await countyPetition(hub.hub.db, createSealer(TEST_DATA_KEY), petitionId)
    expect(atCounty.dossier).toMatchObject({ contactName: RESIDENT.name, contactPhone: RESIDENT.phone })
  })
})
