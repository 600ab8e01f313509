import http from 'node:http'
import type { AddressInfo } from 'node:net'
import sirv from 'sirv'
import { errorMessagesZh } from '../../contract/errors'
import type { Result } from '../../contract/result'
import type { Station } from './station'

/**
 * The station API over loopback HTTP, for browser-kiosk mode and end-to-end tests: `POST /api/<method>`,
 * JSON in, `{ ok, value | error }` out, the same handlers and validation as the Electron IPC. Bound to
 * 127.0.0.1 only; the Host header is checked so a DNS-rebinding page cannot reach it.
 */
export const MAX_BODY_BYTES = 64 * 1024
/**
 * Methods that carry a file take more: 导入名册's base64 may be 7,000,000 characters (contract/schemas.ts
 * RosterImportInput), and the same call through the Electron IPC has no other cap.
 */
export const MAX_FILE_BODY_BYTES = 8 * 1024 * 1024
const FILE_METHODS: ReadonlySet<string> = new Set(['roster.import'])
export const SESSION_COOKIE = 'yz_staff'

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // antd injects its styles at run time; inline styles cannot run script.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
}

export interface ServeOptions {
  readonly port: number
  /** The built renderer (dist/renderer); omitted in API-only tests. */
  readonly staticDir?: string
}

export interface RunningServer {
  readonly url: string
  readonly port: number
  close(): Promise<void>
}

export function serveStation(station: Station, opts: ServeOptions): Promise<RunningServer> {
  const assets = opts.staticDir
    ? sirv(opts.staticDir, { single: true, etag: true, gzip: false, dotfiles: false })
    : null
  let port = opts.port
  const route = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v)
    if (!hostAllowed(req.headers.host, port)) return plain(res, 421, 'misdirected request')
    let url: URL
    try {
      url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
    } catch {
      return plain(res, 400, 'bad request')
    }
    if (url.pathname.startsWith('/api/')) {
      // Method names are plain ASCII (contract/api.ts), so the path is not percent-decoded: a malformed
      // escape is just an unknown method.
      handleApi(station, req, res, url.pathname.slice(5), port).catch(() => {
        if (!res.headersSent) sendResult(res, 500, failure('INTERNAL'))
      })
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'method not allowed')
    if (!assets) return plain(res, 404, 'not found')
    assets(req, res, () => plain(res, 404, 'not found'))
  }
  const server = http.createServer((req, res) => {
    // One odd request must never take the kiosk's backend down with it.
    try {
      route(req, res)
    } catch {
      if (!res.headersSent) plain(res, 500, 'internal error')
    }
  })
  server.headersTimeout = 10_000
  server.requestTimeout = 30_000
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
}

async function handleApi(
  station: Station,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  method: string,
  port: number,
): Promise<void> {
  res.setHeader('cache-control', 'no-store')
  if (req.method !== 'POST') return sendResult(res, 405, failure('UNKNOWN_METHOD'))
  // A JSON content type cannot be sent cross-site without a CORS preflight, which this server never grants.
  if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
    return sendResult(res, 415, failure('VALIDATION'))
  }
  const origin = req.headers.origin
  if (origin !== undefined && !hostAllowed(origin.replace(/^http:\/\//, ''), port)) {
    return sendResult(res, 403, failure('VALIDATION'))
  }
  const body = await readBody(req, FILE_METHODS.has(method) ? MAX_FILE_BODY_BYTES : MAX_BODY_BYTES)
  if (body === 'tooLarge') {
    res.setHeader('connection', 'close')
    return sendResult(res, 413, failure('VALIDATION'))
  }
  let input: unknown
  try {
    input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'))
  } catch {
    return sendResult(res, 400, failure('VALIDATION'))
  }
  const outcome = await station.dispatch(method, input, {
    sessionToken: readCookie(req.headers.cookie, SESSION_COOKIE),
    clientKey: req.socket.remoteAddress ?? 'local',
  })
  if (outcome.sessionToken !== undefined) {
    const attrs = 'HttpOnly; SameSite=Strict; Path=/api'
    res.setHeader(
      'set-cookie',
      outcome.sessionToken === null
        ? `${SESSION_COOKIE}=; ${attrs}; Max-Age=0`
        : `${SESSION_COOKIE}=${outcome.sessionToken}; ${attrs}`,
    )
  }
  const r = outcome.response
  sendResult(
    res,
    r.ok ? 200 : r.error.code === 'UNKNOWN_METHOD' ? 404 : r.error.code === 'INTERNAL' ? 500 : 200,
    r,
  )
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | 'tooLarge'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        // Stop keeping the body but let it drain, so the 413 reaches the client before the socket closes.
        req.removeAllListeners('data')
        req.resume()
        resolve('tooLarge')
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [k, v] = part.trim().split('=')
    if (k === name && v) return v
  }
  return null
}

function failure(code: 'VALIDATION' | 'UNKNOWN_METHOD' | 'INTERNAL'): Result<never> {
  return { ok: false, error: { code, message: errorMessagesZh[code] } }
}

function sendResult(res: http.ServerResponse, status: number, body: Result<unknown>): void {
  const json = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  })
  res.end(json)
}

function plain(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' })
  res.end(text)
}
