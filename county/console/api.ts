import {
  type AuditPage,
  type AuditParams,
  CONSOLE_API,
  CONSOLE_CSRF_HEADER,
  CONSOLE_ERROR_CODES,
  CONSOLE_ROUTES,
  type ConsoleErrorCode,
  type CountyActionBody,
  type CountyFigures,
  type CountyPetitionDetail,
  type CountyPetitionPage,
  type CountyQueue,
  type CountyRepresentative,
  type CountyTownship,
  type CountyUser,
  type CountyVillage,
  type CountyUserRow,
  type EnrolmentCodeIssued,
  type FiguresQuery,
  type LoginBody,
  type NewUserBody,
  type PasswordChangeBody,
  type PasswordResetBody,
  type RejectedMutation,
  type RepresentativeFigures,
  type RepresentativeInput,
  type RepresentativeUpdate,
  type RosterImportResult,
  type StationHealth,
  type StationInput,
  type VillageRename,
  type VillagesAdded,
  type VillagesBody,
} from '../../contract/county-console'
import { t } from './i18n'

/**
 * The typed client of the console API (contract/county-console.ts). Every call resolves to the route's
 * answer or throws a `ConsoleApiError` with a Chinese message: no raw fetch error or HTML error page ever
 * reaches a screen. A 401 from anything but the sign-in itself means the session has ended, and the app
 * is told so (it returns to the sign-in page).
 */

export class ConsoleApiError extends Error {
  override readonly name = 'ConsoleApiError'

  constructor(
    readonly status: number,
    readonly code: ConsoleErrorCode,
    message: string,
    /** With VALIDATION: a message per form field, or per `row N` of an import. */
    readonly fields: Readonly<Record<string, string>> | undefined = undefined,
  ) {
    super(message)
  }
}

export function toConsoleApiError(e: unknown): ConsoleApiError {
  return e instanceof ConsoleApiError ? e : new ConsoleApiError(0, 'INTERNAL', t('app.error.INTERNAL'))
}

type RouteName = keyof typeof CONSOLE_ROUTES

let sessionEnded: (() => void) | null = null

/** The app's handler for a session that has ended (expired, signed out elsewhere, account disabled). */
export function onSessionEnded(handler: (() => void) | null): void {
  sessionEnded = handler
}

interface Request {
  readonly params?: Readonly<Record<string, string>>
  readonly query?: Readonly<Record<string, string | number | undefined>>
  readonly json?: unknown
  readonly bytes?: ArrayBuffer
}

function urlOf(name: RouteName, req: Request): string {
  let path: string = CONSOLE_ROUTES[name].path
  for (const [key, value] of Object.entries(req.params ?? {})) {
    path = path.replace(`:${key}`, encodeURIComponent(value))
  }
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(req.query ?? {})) {
    if (value !== undefined && value !== '') search.set(key, String(value))
  }
  const qs = search.toString()
  return `${CONSOLE_API}${path}${qs ? `?${qs}` : ''}`
}

const isErrorCode = (x: unknown): x is ConsoleErrorCode =>
  typeof x === 'string' && (CONSOLE_ERROR_CODES as readonly string[]).includes(x)

/** Reads a `ConsoleError` body; anything else (a proxy's page, a crash) becomes a plain error by status. */
function errorOf(status: number, body: unknown): ConsoleApiError {
  const fallback: ConsoleErrorCode =
    status === 401
      ? 'UNAUTHENTICATED'
      : status === 403
        ? 'FORBIDDEN'
        : status === 404
          ? 'NOT_FOUND'
          : status === 429
            ? 'RATE_LIMITED'
            : status === 502 || status === 503 || status === 504
              ? 'UNAVAILABLE'
              : 'INTERNAL'
  if (typeof body !== 'object' || body === null) {
    return new ConsoleApiError(status, fallback, t(`app.error.${fallback}`))
  }
  const e = body as Record<string, unknown>
  const code = isErrorCode(e.code) ? e.code : fallback
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : t(`app.error.${code}`)
  const fields =
    typeof e.fields === 'object' && e.fields !== null
      ? Object.fromEntries(
          Object.entries(e.fields).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
        )
      : undefined
  return new ConsoleApiError(status, code, message, fields)
}

/** PetitionQueueQuery as the client sends it. */
export type QueueQuery = {
  readonly queue: CountyQueue
  readonly stationId?: string | undefined
  readonly after?: string | undefined
  readonly limit?: number
}

async function call<T>(name: RouteName, req: Request = {}): Promise<T> {
  const { method } = CONSOLE_ROUTES[name]
  const headers: Record<string, string> = { accept: 'application/json' }
  // A cross-site form cannot set a custom header: the hub refuses a mutation without it.
  if (method !== 'GET') headers[CONSOLE_CSRF_HEADER] = '1'
  let body: BodyInit | undefined
  if (req.bytes !== undefined) {
    headers['content-type'] = 'application/octet-stream'
    body = req.bytes
  } else if (req.json !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(req.json)
  }
  let response: Response
  try {
    response = await fetch(urlOf(name, req), {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      ...(body === undefined ? {} : { body }),
    })
  } catch {
    throw new ConsoleApiError(0, 'UNAVAILABLE', t('app.error.UNAVAILABLE'))
  }
  const text = await response.text().catch(() => '')
  let parsed: unknown = undefined
  if (text !== '') {
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = undefined
    }
  }
  if (!response.ok) {
    const error = errorOf(response.status, parsed)
    if (response.status === 401 && name !== 'login') sessionEnded?.()
    throw error
  }
  if (response.status !== 204 && parsed === undefined) {
    throw new ConsoleApiError(response.status, 'INTERNAL', t('app.error.INTERNAL'))
  }
  // The hub's answers are typed by the same contract; the boundary trusts it rather than re-validating.
  return parsed as T
}

export const api = {
  login: (body: LoginBody) => call<CountyUser>('login', { json: body }),
  logout: () => call<undefined>('logout'),
  me: () => call<CountyUser>('me'),

  users: () => call<CountyUserRow[]>('users'),
  addUser: (body: NewUserBody) => call<CountyUserRow>('addUser', { json: body }),
  disableUser: (username: string) => call<undefined>('disableUser', { params: { username } }),
  enableUser: (username: string) => call<undefined>('enableUser', { params: { username } }),
  resetPassword: (username: string, body: PasswordResetBody) =>
    call<undefined>('resetPassword', { params: { username }, json: body }),
  changePassword: (body: PasswordChangeBody) => call<undefined>('changePassword', { json: body }),

  petitions: (query: QueueQuery) => call<CountyPetitionPage>('petitions', { query }),
  petition: (id: string) => call<CountyPetitionDetail>('petition', { params: { id } }),
  act: (id: string, body: CountyActionBody) =>
    call<CountyPetitionDetail>('act', { params: { id }, json: body }),

  roster: (q: string) => call<CountyRepresentative[]>('roster', { query: { q } }),
  addRepresentative: (body: RepresentativeInput) =>
    call<CountyRepresentative>('addRepresentative', { json: body }),
  putRepresentative: (id: string, body: RepresentativeUpdate) =>
    call<CountyRepresentative>('putRepresentative', { params: { id }, json: body }),
  removeRepresentative: (id: string) => call<undefined>('removeRepresentative', { params: { id } }),
  importRoster: (xlsx: ArrayBuffer) => call<RosterImportResult>('importRoster', { bytes: xlsx }),

  places: () => call<CountyTownship[]>('places'),
  addVillages: (body: VillagesBody) => call<VillagesAdded>('addVillages', { json: body }),
  renameVillage: (id: string, body: VillageRename) =>
    call<CountyVillage>('renameVillage', { params: { id }, json: body }),
  removeVillage: (id: string) => call<undefined>('removeVillage', { params: { id } }),

  stations: () => call<StationHealth[]>('stations'),
  addStation: (body: StationInput) => call<EnrolmentCodeIssued>('addStation', { json: body }),
  newCode: (id: string) => call<EnrolmentCodeIssued>('newCode', { params: { id } }),
  revokeStation: (id: string) => call<undefined>('revokeStation', { params: { id } }),
  rejected: (id: string) => call<RejectedMutation[]>('rejected', { params: { id } }),

  figures: (query: FiguresQuery) => call<CountyFigures>('figures', { query }),
  representativeFigures: (query: FiguresQuery) =>
    call<RepresentativeFigures>('representativeFigures', { query }),

  audit: (query: Partial<AuditParams>) => call<AuditPage>('audit', { query }),
}
