import { describe, expect, it } from 'vitest'
import type { PullPage, SyncErrorCode } from '../../../contract/sync'
import type { PersonalDataCipher } from '../../../electron/core/crypto/personal-data'
import { SyncFailure, syncOnce } from '../../../electron/core/sync/engine'
import type { HubResponse, HubTransport } from '../../../electron/core/sync/transport'
import { useSetUpStation } from '../../fixtures/vitest'

const noCipher: PersonalDataCipher = {
  encrypt: () => {
    throw new Error('no dossier here')
  },
  decrypt: () => {
    throw new Error('no dossier here')
  },
  phoneLast4Hash: () => '',
  searchHash: () => '',
  submissionDigest: () => '',
}

const page: PullPage = {
  changes: [
    {
      version: 1,
      type: 'representative.put',
      payload: {
        id: 'rep-new',
        name: '新代表',
        namePinyin: 'xin dai biao',
        nameInitials: 'xdb',
        level: 'county',
        sector: '农民',
        specialties: [],
        township: '王楼镇',
        stationId: null,
        active: true,
      },
    },
  ],
  cursor: 1,
  more: false,
  nextSeq: 1,
  highest: 1,
}

/** A station with one petition waiting, syncing against a hub that refuses its push with `code`. */
async function passRefused(status: number, code: SyncErrorCode) {
  const { t } = await useSetUpStation()
  await t.submit()
  const asked: string[] = []
  const transport: HubTransport = {
    request(method, path): Promise<HubResponse> {
      asked.push(`${method} ${path.split('?')[0] ?? ''}`)
      if (path.startsWith('/sync/push'))
        return Promise.resolve({ status, json: { code, message: 'refused', hubTime: t.clock.now() } })
      if (path.startsWith('/sync/pull')) return Promise.resolve({ status: 200, json: page })
      return Promise.resolve({ status: 200, json: { records: [], events: [], dossiers: [], next: null } })
    },
  }
  const failure = await syncOnce({
    db: t.db,
    transport,
    cipher: noCipher,
    now: () => t.clock.now(),
    setClockOffset: () => undefined,
    hlc: () => '',
    observeHlc: () => undefined,
  }).then(
    () => null,
    (e: unknown) => e,
  )
  const arrived = await t.db.selectFrom('representative').select('id').where('id', '=', 'rep-new').execute()
  return { failure, asked, arrived: arrived.length === 1 }
}

describe('a pass whose push the hub refuses', () => {
  it.each([
    [422, 'CLOCK_AHEAD'],
    [422, 'UPGRADE_HUB'],
    [413, 'TOO_LARGE'],
  ] as const)('still pulls after %i %s, and fails with the push refusal', async (status, code) => {
    const r = await passRefused(status, code)
    expect(r.arrived).toBe(true)
    expect(r.failure).toBeInstanceOf(SyncFailure)
    expect(r.failure).toMatchObject({ code: status === 413 ? 'TOO_LARGE' : code })
  })

  it.each([
    [403, 'REVOKED'],
    [429, 'RATE_LIMITED'],
    [503, 'UNAVAILABLE'],
  ] as const)(
    'does not pull after %i %s: the pull would be refused too, or add load',
    async (status, code) => {
      const r = await passRefused(status, code)
      expect(r.failure).toMatchObject({ code })
      expect(r.asked).toEqual(['POST /sync/push'])
      expect(r.arrived).toBe(false)
    },
  )
})
