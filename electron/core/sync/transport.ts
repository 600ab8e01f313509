import type { SyncError } from '../../../contract/sync'
import type { Signer } from './signer'

export interface HubResponse {
  readonly status: number
  readonly json: unknown
}

/**
 * How the sync engine reaches the hub: signed requests, at most two at once (a push batch or a pull page
 * sent ahead of the answer before it). Tests may put a proxy in between.
 */
export interface HubTransport {
  request(method: 'GET' | 'POST', pathWithQuery: string, body?: unknown): Promise<HubResponse>
}

/** The hub could not be reached or answered something that is not the sync API (a proxy, a cut body). */
export class UnreachableError extends Error {
  override readonly name = 'UnreachableError'
}

export const REQUEST_TIMEOUT_MS = 30_000

export function httpTransport(baseUrl: string, signer: Signer): HubTransport {
  const base = baseUrl.replace(/\/+$/, '')
  return {
    async request(method, pathWithQuery, body) {
      const payload = body === undefined ? '' : JSON.stringify(body)
      let res: Response
      try {
        res = await fetch(base + pathWithQuery, {
          method,
          headers: {
            ...signer.headers(method, pathWithQuery, payload),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: payload }),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        })
      } catch (e) {
        throw new UnreachableError(e instanceof Error ? e.message : String(e))
      }
      const text = await res.text().catch(() => '')
      // A reverse proxy's 413 is an HTML page: the status alone tells the engine to split the batch.
      if (res.status === 413) return { status: res.status, json: null }
      let json: unknown = null
      try {
        json = text ? JSON.parse(text) : null
      } catch {
        throw new UnreachableError(`the hub answered ${res.status} with a body that is not JSON`)
      }
      return { status: res.status, json }
    },
  }
}

export function syncErrorOf(json: unknown): SyncError | null {
  if (typeof json !== 'object' || json === null || !('code' in json)) return null
  return json as SyncError
}
