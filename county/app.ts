import fs from 'node:fs'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import sirv from 'sirv'
import { CONSOLE_API, CONSOLE_PATH } from '../contract/county-console'
import {
  EnrolBody,
  MAX_PULL_LIMIT,
  MAX_SYNC_BODY_BYTES,
  MAX_RECOVER_LIMIT,
  PushBody,
  SYNC_PATHS,
  type SyncError,
} from '../contract/sync'
import { auditRefusal, authenticate } from './auth'
import { consoleApi } from './console-api'
import type { HubDB } from './db/schema'
import { enrol } from './enrolment'
import { HubError, type RefusalReason } from './errors'
import { adoptDataKey } from './data-key'
import { OPEN311_PREFIX, open311Routes } from './open311/routes'
import { stationDigest } from './sync/digest'
import { pullChanges } from './sync/pull'
import { type Sealer, createSealer } from './sealing'
import { applyPush } from './sync/push'
import { recoverMutations } from './sync/recover'

export interface HubOptions {
  readonly db: Kysely<HubDB>
  readonly now?: () => number
  /** Requests per minute per client address; the hub's only in-process state, and only a guard. */
  readonly rateLimitPerMinute?: number
  readonly logger?: boolean
  /** The key that seals residents' personal data at rest (sealing.ts); never stored in the database. */
  readonly dataKey: Buffer
  /** The built county console (vite.console.config.ts); without it the hub serves the APIs only. */
  readonly consoleDir?: string
  /** Session cookies only over HTTPS: on when the hub is reached through TLS. */
  readonly secureCookie?: boolean
  /**
   * Addresses or CIDR ranges of the reverse proxies in front of the hub, whose X-Forwarded-For names the
   * client: without them every client behind the proxy shares one rate-limit bucket. None by default, so
   * a client reaching the hub directly cannot choose its own address.
   */
  readonly trustProxy?: readonly string[]
}

/** Shared with the station, which cuts its push batches well under it; anything larger is refused unread. */
export const BODY_LIMIT_BYTES = MAX_SYNC_BODY_BYTES

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: string
  }
}

const PullQuery = z.strictObject({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(MAX_PULL_LIMIT),
})
const DigestQuery = z.strictObject({ day: z.iso.date(), ids: z.literal('1').optional() })
const RecoverQuery = z.strictObject({
  from: z.coerce.number().int().positive(),
  to: z.coerce.number().int().positive(),
  limit: z.coerce.number().int().min(1).max(MAX_RECOVER_LIMIT).default(MAX_RECOVER_LIMIT),
})

/**
 * The county hub's HTTP API. Stateless: sequences, versions, replay protection and enrolment live in
 * PostgreSQL, so several hub processes can serve the same stations side by side.
 */
export async function buildHub(opts: HubOptions): Promise<FastifyInstance> {
  const { db } = opts
  const now = opts.now ?? Date.now
  const sealer: Sealer = createSealer(opts.dataKey)
  // A hub with the wrong key would seal new dossiers that no other hub opens: it must not start.
  await adoptDataKey(db, sealer)
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: opts.trustProxy && opts.trustProxy.length > 0 ? [...opts.trustProxy] : false,
  })

  await app.register(helmet, { contentSecurityPolicy: { directives: { defaultSrc: ["'self'"] } } })
  await app.register(rateLimit, {
    max: opts.rateLimitPerMinute ?? 600,
    timeWindow: 60_000,
    errorResponseBuilder: () => ({ code: 'RATE_LIMITED', message: 'too many requests' }) satisfies SyncError,
  })

  // Keep the exact body: the signature covers its bytes, not a re-serialisation.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8')
    req.rawBody = text
    let parsed: unknown
    try {
      parsed = text.length === 0 ? {} : JSON.parse(text)
    } catch {
      done(new HubError(400, 'BAD_REQUEST', 'the body is not valid JSON', {}, 'notJson'), undefined)
      return
    }
    // A body under the size limit can still nest deep enough to overflow any recursive walk of it later
    // (the push's NUL check), which would answer 500 for what is the sender's malformed request.
    if (deeperThan(parsed, MAX_JSON_DEPTH)) {
      const message = `the body nests deeper than ${MAX_JSON_DEPTH} levels`
      done(new HubError(400, 'BAD_REQUEST', message, {}, 'tooDeep'), undefined)
      return
    }
    done(null, parsed)
  })

  app.setErrorHandler(async (error, req, reply) => {
    const answer = answerFor(error)
    if (answer.status === 500) req.log.error({ err: error }, 'hub request failed')
    // A sync request refused as malformed or too large is in 操作记录 like the refusals of its signature
    // (auth.ts), which are audited there and answer 401/403. Not 429: a flood would flood the log too.
    if (answer.reason !== null && req.url.startsWith('/sync/')) {
      try {
        await auditRefusal(db, req, answer.body.code, { reason: answer.reason })
      } catch (e) {
        req.log.error({ err: e }, 'auditing a refused request failed')
      }
    }
    return reply.status(answer.status).send(answer.body)
  })

  // The request's shape is checked once its signature is, and before it counts as seen or as the
  // station's contact (auth.ts): a signed request the hub cannot use writes nothing but its audit line.
  const signed = async <T>(req: FastifyRequest, parse: () => T): Promise<{ stationId: string; input: T }> => {
    let input: T | undefined
    const stationId = await authenticate(
      db,
      { method: req.method, url: req.url, headers: req.headers, rawBody: req.rawBody ?? '' },
      now(),
      () => {
        input = parse()
      },
    )
    return { stationId, input: input as T }
  }

  app.get('/health', () => ({ ok: true }))

  app.post(SYNC_PATHS.enrol, async (req, reply) => {
    await enrol(db, EnrolBody.parse(req.body), now())
    return reply.status(204).send()
  })

  app.post(SYNC_PATHS.push, async (req) => {
    const { stationId, input } = await signed(req, () => PushBody.parse(req.body))
    return applyPush(db, stationId, input, { now: now(), sealer })
  })

  app.get(SYNC_PATHS.pull, async (req) => {
    const { stationId, input } = await signed(req, () => PullQuery.parse(req.query))
    return pullChanges(db, stationId, input.after, input.limit)
  })

  app.get(SYNC_PATHS.recover, async (req) => {
    const { stationId, input: q } = await signed(req, () => RecoverQuery.parse(req.query))
    return recoverMutations(db, sealer, stationId, q.from, q.to, q.limit)
  })

  app.get(SYNC_PATHS.digest, async (req) => {
    const { stationId, input } = await signed(req, () => DigestQuery.parse(req.query))
    return stationDigest(db, stationId, input.day, input.ids === '1')
  })

  // Public and unsigned; inside the same helmet and rate limit as the sync API.
  await app.register(open311Routes, { prefix: OPEN311_PREFIX, db, now })

  await app.register(consoleApi, {
    prefix: CONSOLE_API,
    db,
    sealer,
    now,
    secureCookie: opts.secureCookie ?? false,
  })
  if (opts.consoleDir) serveConsole(app, opts.consoleDir)

  return app
}

/**
 * The console's built files under /console/, any other path there answered with its index.html (the
 * console routes in the browser). antd writes its styles at run time, hence inline styles in the CSP.
 */
function serveConsole(app: FastifyInstance, dir: string): void {
  const csp =
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
  const files = fs.existsSync(dir) ? sirv(dir, { single: true, etag: true, dotfiles: false }) : null
  app.get(CONSOLE_PATH, (_req, reply) => reply.redirect(`${CONSOLE_PATH}/`))
  app.get(`${CONSOLE_PATH}/*`, (req, reply) => {
    if (!files) {
      return reply.status(503).type('text/plain; charset=utf-8').send('县级平台的网页尚未构建：npm run build')
    }
    reply.hijack()
    reply.raw.setHeader('content-security-policy', csp)
    req.raw.url = req.raw.url?.slice(CONSOLE_PATH.length) || '/'
    files(req.raw, reply.raw, () => {
      reply.raw.statusCode = 404
      reply.raw.end()
    })
    return reply
  })
}

/** Far deeper than any mutation a station writes (a handful of levels), far shallower than the stack. */
const MAX_JSON_DEPTH = 64

/** True when `value` nests arrays or objects more than `max` levels deep; iterative, so any depth is safe. */
function deeperThan(value: unknown, max: number): boolean {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }]
  for (let top = stack.pop(); top; top = stack.pop()) {
    if (top.v === null || typeof top.v !== 'object') continue
    if (top.depth >= max) return true
    for (const child of Object.values(top.v)) stack.push({ v: child, depth: top.depth + 1 })
  }
  return false
}

/** The status and body an error is answered with; `reason` is set for the refusals 操作记录 keeps. */
function answerFor(error: unknown): { status: number; body: SyncError; reason: RefusalReason | null } {
  if (error instanceof HubError) {
    const reason = error.status === 400 || error.status === 413 ? (error.reason ?? 'badBatch') : null
    return { status: error.status, body: error.body(), reason }
  }
  if (error instanceof z.ZodError) {
    const message = error.issues.map((i) => i.message).join('; ')
    return { status: 400, body: { code: 'BAD_REQUEST', message }, reason: 'badShape' }
  }
  const code = (error as { code?: string }).code
  // @fastify/rate-limit throws what errorResponseBuilder built, which carries no status of its own.
  if (code === 'RATE_LIMITED')
    return { status: 429, body: { code: 'RATE_LIMITED', message: 'too many requests' }, reason: null }
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return { status: 413, body: { code: 'TOO_LARGE', message: 'body too large' }, reason: 'bodyTooLarge' }
  if (code?.startsWith('FST_ERR_CTP') || (error as { statusCode?: number }).statusCode === 400)
    return { status: 400, body: { code: 'BAD_REQUEST', message: 'malformed request' }, reason: 'malformed' }
  if (isTransient(error)) {
    const message = 'the hub database is unavailable; retry later'
    return { status: 503, body: { code: 'UNAVAILABLE', message }, reason: null }
  }
  return { status: 500, body: { code: 'INTERNAL', message: 'internal error' }, reason: null }
}

/** Connection loss and serialisation conflicts: the station should simply try again. */
function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown }).code
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === '57P01' || // admin shutdown
    code === '40001' || // serialization failure
    code === '40P01' // deadlock detected
  )
}
