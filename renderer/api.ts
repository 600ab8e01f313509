import type { InputOf, Method, OutputOf, StationApi } from '../contract/api'
import type { StationBridge } from '../contract/bridge'
import { errorMessagesZh } from '../contract/errors'
import { type PublicError, type Result, isSubmitResult } from '../contract/result'
import type { SubmitPetitionResult } from '../contract/views'
import { ERROR_CODES, type ErrorCode } from '../domain/errors'

/**
 * The typed client of the station API. In Electron the preload exposes `window.station` (one invoke
 * channel); in serve mode and in end-to-end tests the same methods are `POST /api/<method>` on the same
 * origin. Either way a call resolves to the method's output or throws an `ApiError`: no raw fetch or IPC
 * error ever reaches a screen.
 *
 * Only types come from contract/api.ts: importing its `methods` table would pull zod into the bundle.
 */

declare global {
  interface Window {
    readonly station?: StationBridge
  }
}

export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly code: ErrorCode
  readonly fields: Readonly<Record<string, string>> | undefined
  /** How long a paused action (LOOKUP_PAUSED) stays paused, in ms, when the backend says. */
  readonly retryAfterMs: number | undefined
  /** SUBMISSION_ID_REUSED: the petition filed before under the same submission id. */
  readonly filed: SubmitPetitionResult | undefined

  constructor(error: PublicError) {
    super(error.message)
    this.code = error.code
    this.fields = error.fields
    this.retryAfterMs = error.retryAfterMs
    this.filed = error.filed
  }
}

/** The refusal in words: the general sentence, then what each field got wrong (VALIDATION says which). */
export function errorText(error: ApiError): string {
  const fields = Object.values(error.fields ?? {})
  return fields.length > 0 ? `${error.message}：${fields.join('；')}` : error.message
}

const internal = (): PublicError => ({ code: 'INTERNAL', message: errorMessagesZh.INTERNAL })
const timedOut = (): PublicError => ({ code: 'TIMEOUT', message: errorMessagesZh.TIMEOUT })

/**
 * How long a call may take before it is given up as TIMEOUT. A hung backend must not leave a screen on a
 * spinner for ever (kiosk-ux.md: a spinner with words, and it ends). Staff's bulk work (backups, imports,
 * exports, the county sync) legitimately runs for minutes, so those get a longer allowance.
 */
export const CALL_TIMEOUT_MS = 20_000
export const SLOW_CALL_TIMEOUT_MS = 300_000
const SLOW_METHODS: ReadonlySet<string> = new Set<Method>([
  'backup.run',
  'sync.now',
  'sync.enrol',
  'roster.import',
  'roster.export',
  'roster.template',
  'reports.export',
  'audit.verify',
  'setup.init',
  'setup.loadDemo',
  // The receipt's PDF copy is rendered first; the code is on screen meanwhile, so nobody is held up.
  'receipts.print',
])
const timeoutOf = (method: string) => (SLOW_METHODS.has(method) ? SLOW_CALL_TIMEOUT_MS : CALL_TIMEOUT_MS)

/**
 * `work` or TIMEOUT after `ms`, whichever comes first; `abort` then cancels what can be cancelled. A race
 * rather than relying on the abort alone: an IPC invoke cannot be aborted, and its late answer is dropped.
 */
function withTimeout(
  work: Promise<Result<unknown>>,
  ms: number,
  abort: () => void = () => undefined,
): Promise<Result<unknown>> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<Result<unknown>>((resolve) => {
    timer = setTimeout(() => {
      abort()
      resolve({ ok: false, error: timedOut() })
    }, ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

function isErrorCode(x: unknown): x is ErrorCode {
  return typeof x === 'string' && (ERROR_CODES as readonly string[]).includes(x)
}

/** Accepts only a well-formed `Result`; anything else (an HTML error page, a proxy's reply) is INTERNAL. */
function toResult(body: unknown): Result<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return { ok: false, error: internal() }
  if (body.ok === true && 'value' in body) return { ok: true, value: body.value }
  if (body.ok === false && 'error' in body && typeof body.error === 'object' && body.error !== null) {
    const e = body.error as Record<string, unknown>
    if (!isErrorCode(e.code)) return { ok: false, error: internal() }
    const fields =
      typeof e.fields === 'object' && e.fields !== null ? (e.fields as Record<string, string>) : undefined
    const retryAfterMs =
      typeof e.retryAfterMs === 'number' && Number.isFinite(e.retryAfterMs) ? e.retryAfterMs : undefined
    return {
      ok: false,
      error: {
        code: e.code,
        message: typeof e.message === 'string' && e.message !== '' ? e.message : errorMessagesZh[e.code],
        ...(fields ? { fields } : {}),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        ...(isSubmitResult(e.filed) ? { filed: e.filed } : {}),
      },
    }
  }
  return { ok: false, error: internal() }
}

async function overHttp(method: string, input: unknown, signal: AbortSignal): Promise<Result<unknown>> {
  let response: Response
  try {
    response = await fetch(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
      cache: 'no-store',
      signal,
    })
  } catch {
    return { ok: false, error: internal() }
  }
  try {
    return toResult(await response.json())
  } catch {
    return { ok: false, error: internal() }
  }
}

async function overBridge(bridge: StationBridge, method: string, input: unknown): Promise<Result<unknown>> {
  try {
    return toResult(await bridge.invoke(method, input ?? {}))
  } catch {
    return { ok: false, error: internal() }
  }
}

/** Throws an `ApiError`; a call not answered within its timeout throws one with code TIMEOUT. */
export async function call<M extends Method>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  const bridge = window.station
  const controller = new AbortController()
  const result = await withTimeout(
    bridge ? overBridge(bridge, method, input) : overHttp(method, input, controller.signal),
    timeoutOf(method),
    () => controller.abort(),
  )
  if (!result.ok) throw new ApiError(result.error)
  return result.value as OutputOf<M>
}

/**
 * `api['duty.today']({})`: every method of the contract, typed by `StationApi`. Unknown names are refused
 * by the backend (UNKNOWN_METHOD). `then` and symbols are not methods, so awaiting or inspecting the proxy
 * stays harmless.
 */
export const api: StationApi = new Proxy({} as StationApi, {
  get(_target, name) {
    if (typeof name !== 'string' || name === 'then') return undefined
    return (input: unknown) => call(name as Method, input as never)
  },
})
