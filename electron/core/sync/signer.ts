import crypto from 'node:crypto'
import { SYNC_HEADERS, signingString } from '../../../contract/sync'

/**
 * Signs the station's sync requests with its Ed25519 key. `offsetMs` is what the hub's clock is ahead of
 * ours, learnt from a CLOCK_SKEW refusal, so a kiosk whose clock is hours off still signs a fresh time.
 */
export interface Signer {
  readonly stationId: string
  headers(method: string, pathWithQuery: string, body: string): Record<string, string>
  setOffset(offsetMs: number): void
}

export interface StationKeyPair {
  /** SPKI DER, base64: what the hub stores. */
  readonly publicKey: string
  /** PKCS#8 DER, base64: stays on the station. */
  readonly privateKey: string
}

export function generateStationKeyPair(): StationKeyPair {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519')
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  }
}

export function createSigner(stationId: string, privateKeyB64: string, now: () => number): Signer {
  const key = crypto.createPrivateKey({
    key: Buffer.from(privateKeyB64, 'base64'),
    format: 'der',
    type: 'pkcs8',
  })
  let offset = 0
  let last = 0
  return {
    stationId,
    headers(method, pathWithQuery, body) {
      // Strictly increasing: two requests in one millisecond must not share a signature (the hub would
      // take the second for a replay of the first, as Ed25519 signatures are deterministic).
      const time = Math.max(now() + offset, last + 1)
      last = time
      const hash = crypto.createHash('sha256').update(body, 'utf8').digest('hex')
      const signature = crypto.sign(
        null,
        Buffer.from(signingString(method, pathWithQuery, time, hash), 'utf8'),
        key,
      )
      return {
        [SYNC_HEADERS.station]: stationId,
        [SYNC_HEADERS.time]: String(time),
        [SYNC_HEADERS.signature]: signature.toString('base64'),
      }
    },
    setOffset(offsetMs) {
      offset = offsetMs
      // Times signed with a clock now known to be wrong must not hold the next ones up: a kiosk that was
      // days fast would otherwise sign `last + 1` (still days ahead) until real time caught up. Replays are
      // the hub's seen-signature record's to refuse; the order here only has to hold between corrections.
      last = Math.min(last, now() + offset - 1)
    },
  }
}
