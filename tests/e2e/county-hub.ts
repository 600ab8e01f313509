import crypto from 'node:crypto'
import path from 'node:path'
import { test as base, expect } from '@playwright/test'
import type { NewUserBody } from '../../contract/county-console'
import {
  type DossierPayload,
  SYNC_PATHS,
  SYNC_SCHEMA_VERSION,
  type PushItem,
  type PushResult,
} from '../../contract/sync'
import { formatHlc } from '../../domain/hlc'
import type { PetitionEvent, PetitionEventBody } from '../../domain/petition/events'
import { createCountyUser } from '../../county/accounts/service'
import { buildHub } from '../../county/app'
import { type HubDatabase, openHubDatabase } from '../../county/db/open'
import { createEnrolmentCode, registerStation } from '../../county/enrolment'
import { createSigner, generateStationKeyPair } from '../../electron/core/sync/signer'
import { type TestPostgres, createTestDatabase, startPostgres } from '../fixtures/postgres'

const ROOT = path.resolve(import.meta.dirname, '..', '..')
/** Where global-setup.ts builds the console (vite.console.config.ts). */
const CONSOLE_DIR = path.join(process.env.YIZHAN_DIST ?? path.join(ROOT, 'dist'), 'county-console')

/** A station enrolled with the hub the way a real one is (its code, its key), pushing signed batches. */
export interface HubStation {
  readonly id: string
  readonly name: string
  /** Submits a petition with the given later events, as one push; returns the petition's id. */
  petition(seed: PetitionSeed): Promise<string>
  /** Several petitions in one push (for paging); returns their ids in order. */
  petitions(seeds: readonly PetitionSeed[]): Promise<string[]>
  /** Pushes raw items (a dossier for a petition the county does not hold, say) and returns the answer. */
  push(items: readonly Omit<PushItem, 'seq'>[]): Promise<PushResult>
}

export interface PetitionSeed {
  readonly code: string
  readonly categoryId: string
  readonly submittedAt: number
  readonly dueOn: string
  /** Events after `submitted`, each a little later than the one before. */
  readonly then?: readonly PetitionEventBody[]
  /** Sent after the events, for a petition escalated to the county. */
  readonly dossier?: Omit<DossierPayload, 'petitionId'>
}

/** A county hub on its own database of the worker's PostgreSQL, listening on loopback with the console. */
export interface CountyHub {
  readonly url: string
  readonly hub: HubDatabase
  addUser(body: NewUserBody): Promise<void>
  enrolStation(id: string, name: string, township: string): Promise<HubStation>
}

function eventItem(event: PetitionEvent): Omit<PushItem, 'seq'> {
  return {
    mutationId: event.id,
    type: 'petition.event',
    hlc: event.hlc,
    schemaVersion: SYNC_SCHEMA_VERSION,
    payload: event,
  }
}

function stationOf(url: string, id: string, name: string, privateKey: string): HubStation {
  const signer = createSigner(id, privateKey, Date.now)
  let seq = 0
  const push: HubStation['push'] = async (items) => {
    const body = JSON.stringify({ items: items.map((item) => ({ ...item, seq: ++seq })) })
    const res = await fetch(`${url}${SYNC_PATHS.push}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signer.headers('POST', SYNC_PATHS.push, body) },
      body,
    })
    if (res.status !== 200) throw new Error(`push refused: ${res.status} ${await res.text()}`)
    return (await res.json()) as PushResult
  }
  /** One petition's events (and dossier) as push items. */
  const itemsOf = (seed: PetitionSeed): { petitionId: string; items: Omit<PushItem, 'seq'>[] } => {
    const petitionId = crypto.randomUUID()
    let at = seed.submittedAt
    const meta = (role: PetitionEvent['actor']['role']) => {
      const stamp = at
      at += 60_000
      return {
        id: crypto.randomUUID(),
        petitionId,
        at: stamp,
        hlc: formatHlc({ wall: stamp, counter: 0, node: id }),
        actor: { role, id: role === 'resident' ? null : 'staff-1' },
      }
    }
    const submitted = {
      ...meta('resident'),
      type: 'submitted',
      code: seed.code,
      stationId: id,
      categoryId: seed.categoryId,
      channel: 'kiosk',
      level: 'station',
      dueOn: seed.dueOn,
      preferredRepresentativeId: null,
    } satisfies PetitionEvent
    const later: PetitionEvent[] = (seed.then ?? []).map((body) => ({ ...meta('staff'), ...body }))
    const items = [submitted, ...later].map(eventItem)
    if (seed.dossier) {
      items.push({
        mutationId: crypto.randomUUID(),
        type: 'petition.dossier',
        hlc: formatHlc({ wall: at, counter: 0, node: id }),
        schemaVersion: SYNC_SCHEMA_VERSION,
        payload: { petitionId, ...seed.dossier } satisfies DossierPayload,
      })
    }
    return { petitionId, items }
  }
  const petitions: HubStation['petitions'] = async (seeds) => {
    const built = seeds.map(itemsOf)
    const result = await push(built.flatMap((b) => b.items))
    const refused = result.results.filter((r) => r.status === 'rejected')
    if (refused.length > 0) throw new Error(`the hub rejected the seed: ${JSON.stringify(refused)}`)
    return built.map((b) => b.petitionId)
  }
  return {
    id,
    name,
    push,
    petitions,
    async petition(seed) {
      const [petitionId] = await petitions([seed])
      if (!petitionId) throw new Error('no petition seeded')
      return petitionId
    },
  }
}

// Playwright reads a fixture's dependencies from its first parameter, which must be a destructuring.
/* eslint-disable no-empty-pattern */
export const test = base.extend<{ county: CountyHub }, { postgres: TestPostgres }>({
  /** One PostgreSQL cluster per worker; each test gets a database of its own on it. */
  postgres: [
    async ({}, use) => {
      const pg = await startPostgres()
      try {
        await use(pg)
      } finally {
        await pg.stop()
      }
    },
    { scope: 'worker' },
  ],
  county: async ({ postgres }, use) => {
    const hub = await openHubDatabase(await createTestDatabase(postgres.url))
    const app = await buildHub({
      db: hub.db,
      dataKey: crypto.randomBytes(32),
      consoleDir: CONSOLE_DIR,
      rateLimitPerMinute: 100_000,
    })
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' })
      await use({
        url,
        hub,
        async addUser(body) {
          await createCountyUser(hub.db, body, 'e2e')
        },
        async enrolStation(id, name, township) {
          await registerStation(hub.db, { id, name, township }, 'e2e')
          const code = await createEnrolmentCode(hub.db, id, Date.now(), 'e2e')
          const keys = generateStationKeyPair()
          const res = await fetch(`${url}${SYNC_PATHS.enrol}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ stationId: id, code, publicKey: keys.publicKey }),
          })
          expect(res.status, 'enrolment').toBe(204)
          return stationOf(url, id, name, keys.privateKey)
        },
      })
    } finally {
      await app.close()
      await hub.close()
    }
  },
})
/* eslint-enable no-empty-pattern */

export { expect }
