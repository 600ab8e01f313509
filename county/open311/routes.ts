import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { HubDB } from '../db/schema'
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  Open311Error,
  findRequest,
  findRequests,
  listServices,
  searchRequests,
} from './service'

/** Where the GeoReport v2 endpoint lives; clients are given this as the endpoint URL. */
export const OPEN311_PREFIX = '/open311/v2'

export interface Open311Options {
  readonly db: Kysely<HubDB>
  readonly now: () => number
}

/** GeoReport v2 errors are a list of `{ code, description }`. */
interface Open311ErrorBody {
  readonly code: number
  readonly description: string
}
const errorBody = (code: number, description: string): Open311ErrorBody[] => [{ code, description }]

const isoDateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'dates are ISO 8601: YYYY-MM-DD, or a date-time with Z or an offset',
})
const commaList = <T extends string>(item: z.ZodType<T, string>, max: number) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x.length > 0),
    )
    .pipe(z.array(item).min(1).max(max))

const RequestsQuery = z.strictObject({
  // GeoReport v2: comma-delimited ids, overriding every other argument.
  service_request_id: commaList(z.string().max(64), 50).optional(),
  service_code: commaList(z.string().max(64), 50).optional(),
  start_date: isoDateOrDateTime.optional(),
  end_date: isoDateOrDateTime.optional(),
  status: commaList(z.enum(['open', 'closed']), 2).optional(),
  page_size: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  after: z.string().min(1).max(64).optional(),
  // GeoReport clients send it; this endpoint serves one jurisdiction, so any value means this one.
  jurisdiction_id: z.string().max(100).optional(),
})
const ServicesQuery = z.strictObject({ jurisdiction_id: z.string().max(100).optional() })

/** `.json` is served; `.xml` (GeoReport's other format) and anything else is refused. */
function requireJson(format: string): void {
  if (format !== 'json') throw new Open311Error(406, 'only JSON is served: use the .json suffix')
}

/**
 * The public, read-only Open311 GeoReport v2 API. No station signature and no staff session: what it
 * shows is anonymised in service.ts. Registered inside the hub so the hub's security headers and rate
 * limit (registered before it) apply to it too.
 */
export function open311Routes(app: FastifyInstance, opts: Open311Options, done: () => void): void {
  const { db, now } = opts

  // Errors in GeoReport's shape; transient and unexpected ones go on to the hub's handler (503/500, logged).
  app.setErrorHandler((error, _req, reply: FastifyReply) => {
    if (error instanceof Open311Error)
      return reply.status(error.status).send(errorBody(error.status, error.message))
    if (error instanceof z.ZodError) {
      const why = error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ')
      return reply.status(400).send(errorBody(400, why))
    }
    // @fastify/rate-limit throws the hub's errorResponseBuilder object, which carries no status.
    if ((error as { code?: unknown }).code === 'RATE_LIMITED')
      return reply.status(429).send(errorBody(429, 'too many requests'))
    if ((error as { statusCode?: unknown }).statusCode === 400)
      return reply.status(400).send(errorBody(400, 'malformed request'))
    throw error
  })
  app.setNotFoundHandler((_req, reply) => reply.status(404).send(errorBody(404, 'no such resource')))

  app.get<{ Params: { format: string } }>('/services.:format', async (req) => {
    requireJson(req.params.format)
    ServicesQuery.parse(req.query)
    return listServices(db)
  })

  app.get<{ Params: { format: string } }>('/requests.:format', async (req) => {
    requireJson(req.params.format)
    const q = RequestsQuery.parse(req.query)
    if (q.service_request_id) return findRequests(db, q.service_request_id, now())
    return searchRequests(
      db,
      {
        serviceCodes: q.service_code ?? null,
        startDate: q.start_date ?? null,
        endDate: q.end_date ?? null,
        statuses: q.status ?? null,
        pageSize: q.page_size,
        after: q.after ?? null,
      },
      now(),
    )
  })

  app.get<{ Params: { file: string } }>('/requests/:file', async (req) => {
    const dot = req.params.file.lastIndexOf('.')
    if (dot <= 0) throw new Open311Error(404, 'no such resource')
    requireJson(req.params.file.slice(dot + 1))
    const id = req.params.file.slice(0, dot)
    if (id.length > 64) throw new Open311Error(404, 'no such service request')
    // GeoReport answers a single request as a list of one.
    return [await findRequest(db, id, now())]
  })
  done()
}
