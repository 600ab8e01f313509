/**
 * One simulated station for the hub load test: its own Ed25519 key and the real signer
 * (electron/core/sync/signer.ts), its own keep-alive connection from its own loopback address (127.1.x.y:
 * Linux answers for all of 127/8), so the hub's rate limit per client address sees 200 stations as 200
 * clients, as it would in the county's network. Requests go through node:http rather than the station's
 * fetch transport only because fetch cannot choose the source address.
 */
import http from 'node:http'
import { performance } from 'node:perf_hooks'
import { SYNC_PATHS, SYNC_SCHEMA_VERSION, type PushItem, type PushResult } from '../../contract/sync'
import { generateTrackingCode } from '../../domain/tracking-code'
import { type Signer, createSigner, generateStationKeyPair } from '../../electron/core/sync/signer'
import { REQUEST_TIMEOUT_MS } from '../../electron/core/sync/transport'
import { monotonicV7, randomBytes } from '../preload/random-ids'
import { EVENTS_PER_SIDE, stationTimeline } from './timeline'

export interface Answer {
  /** The HTTP status, or the network error's code. */
  readonly status: number | string
  readonly ms: number
  readonly json: unknown
}

export interface SimulatedStation {
  readonly id: string
  readonly address: string
  /** Enrols with the one-time code through POST /sync/enrol. */
  enrol(code: string): Promise<Answer>
  /** Pushes batch `b` (a signed POST /sync/push); the batches hold consecutive sequence numbers. */
  push(b: number): Promise<Answer>
  /** Asks for the first page of changes (a signed GET /sync/pull), as every sync pass does. */
  pull(): Promise<Answer>
  readonly batches: number
  close(): void
}

export function loopbackAddress(i: number): string {
  return `127.1.${Math.floor(i / 250)}.${(i % 250) + 1}`
}

export function simulatedStation(opts: {
  readonly index: number
  readonly baseUrl: string
  readonly batches: number
  readonly petitionsPerBatch: number
  /** Events are stamped from here on, a second apart. */
  readonly from: number
}): SimulatedStation {
  const id = `bench-station-${String(opts.index + 1).padStart(3, '0')}`
  const address = loopbackAddress(opts.index)
  const url = new URL(opts.baseUrl)
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: address })
  const keys = generateStationKeyPair()
  const signer: Signer = createSigner(id, keys.privateKey, Date.now)

  // The pushes, prepared up front so the load generator spends its time sending them.
  const eventId = monotonicV7()
  const petitionId = monotonicV7()
  const bodies: string[] = []
  let seq = 1
  let at = opts.from
  for (let b = 0; b < opts.batches; b++) {
    const items: PushItem[] = []
    for (let p = 0; p < opts.petitionsPerBatch; p++) {
      const n = b * opts.petitionsPerBatch + p
      const { events } = stationTimeline({
        stationId: id,
        node: `node-${id}`,
        petitionId: petitionId(at),
        code: generateTrackingCode(randomBytes),
        categoryId: 'lights',
        channel: 'kiosk',
        dueOn: '2027-01-15',
        preferredRepresentativeId: null,
        submitter: { role: 'resident', id: null },
        staff: { role: 'staff', id: `${id}-clerk` },
        representativeId: `${id}-rep-${n % 7}`,
        at,
        stepMs: 1_000,
        eventId,
        n,
      })
      at += EVENTS_PER_SIDE * 1_000
      for (const event of events) {
        items.push({
          seq: seq++,
          mutationId: event.id,
          type: 'petition.event',
          hlc: event.hlc,
          schemaVersion: SYNC_SCHEMA_VERSION,
          payload: event,
        })
      }
    }
    bodies.push(JSON.stringify({ items }))
  }

  const request = (method: 'POST' | 'GET', path: string, body: string, headers: Record<string, string>) =>
    new Promise<Answer>((resolve) => {
      const t0 = performance.now()
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path,
          method,
          agent,
          headers:
            method === 'GET'
              ? headers
              : {
                  ...headers,
                  'content-type': 'application/json',
                  'content-length': String(Buffer.byteLength(body)),
                },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            let json: unknown = null
            try {
              json = text ? JSON.parse(text) : null
            } catch {
              json = text
            }
            resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, json })
          })
          res.on('error', (e: NodeJS.ErrnoException) =>
            resolve({ status: e.code ?? 'ERROR', ms: performance.now() - t0, json: null }),
          )
        },
      )
      req.setTimeout(REQUEST_TIMEOUT_MS, () =>
        req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })),
      )
      req.on('error', (e: NodeJS.ErrnoException) =>
        resolve({ status: e.code ?? 'ERROR', ms: performance.now() - t0, json: null }),
      )
      req.end(body)
    })

  return {
    id,
    address,
    batches: bodies.length,
    enrol(code) {
      return request(
        'POST',
        SYNC_PATHS.enrol,
        JSON.stringify({ stationId: id, code, publicKey: keys.publicKey }),
        {},
      )
    },
    push(b) {
      const body = bodies[b]
      if (body === undefined) throw new RangeError(`no batch ${b}`)
      return request('POST', SYNC_PATHS.push, body, signer.headers('POST', SYNC_PATHS.push, body))
    },
    pull() {
      const path = `${SYNC_PATHS.pull}?after=0&limit=1`
      return request('GET', path, '', signer.headers('GET', path, ''))
    },
    close() {
      agent.destroy()
    },
  }
}

/** Counts the item statuses of a push answer. */
export function itemStatuses(json: unknown): Record<string, number> {
  const counts: Record<string, number> = {}
  const results = (json as Partial<PushResult> | null)?.results ?? []
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1
  return counts
}
