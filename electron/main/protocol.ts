import fs from 'node:fs/promises'
import path from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../core/serve'

/**
 * The renderer is served from `app://yizhan/`, a standard secure scheme of our own, rather than file://:
 * file:// pages can read any other file:// URL and have no origin to check IPC senders against.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'yizhan'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/** Registered before `ready`: standard (real origin, relative URLs), secure (like https), fetch allowed. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  // corsEnabled: Vite loads the app's module script with crossorigin, which needs CORS on the scheme.
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
} as const

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
}

/** The same headers serve mode sends, so both shells run the renderer under one policy. */
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
}

/**
 * A `protocol.handle` handler serving files under `root` (the built renderer). Anything that would resolve
 * outside `root` — `..` segments, encoded slashes or backslashes, absolute paths, NUL bytes — is refused
 * with 403 before the file system is touched. Paths without an extension fall back to index.html, the way
 * serve mode does, so client-side routes survive a reload.
 */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  const base = path.resolve(root)
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply(405, 'method not allowed')
    const target = resolveInside(base, request.url)
    if (target.kind === 'refused') return reply(403, 'forbidden')
    if (target.kind === 'foreignHost') return reply(404, 'not found')
    const file = target.file
    const served = (await readIfFile(file)) ?? (path.extname(file) === '' ? await indexOf(base) : null)
    if (!served) return reply(404, 'not found')
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(served.body), {
      status: 200,
      headers: {
        ...SECURITY_HEADERS,
        'content-type': CONTENT_TYPES[path.extname(served.file).toLowerCase()] ?? 'application/octet-stream',
      },
    })
  }
}

type Target =
  | { readonly kind: 'file'; readonly file: string }
  | { readonly kind: 'refused' }
  | { readonly kind: 'foreignHost' }

const REFUSED: Target = { kind: 'refused' }

function resolveInside(base: string, url: string): Target {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return REFUSED
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return { kind: 'foreignHost' }
  let rel: string
  try {
    rel = decodeURIComponent(u.pathname)
  } catch {
    return REFUSED
  }
  if (rel.includes('\0')) return REFUSED
  // Check the decoded path's own segments too: `..%2f` survives URL normalisation and decodes to `../`.
  if (rel.split(/[/\\]/).some((seg) => seg === '..')) return REFUSED
  if (rel === '/' || rel === '') rel = '/index.html'
  const file = path.resolve(base, `.${rel.startsWith('/') ? '' : '/'}${rel}`)
  const inside = path.relative(base, file)
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return REFUSED
  return { kind: 'file', file }
}

async function readIfFile(file: string): Promise<{ file: string; body: Buffer } | null> {
  try {
    const stat = await fs.stat(file)
    if (!stat.isFile()) return null
    return { file, body: await fs.readFile(file) }
  } catch {
    return null
  }
}

function indexOf(base: string) {
  return readIfFile(path.join(base, 'index.html'))
}

function reply(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' },
  })
}
