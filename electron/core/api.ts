import type { z } from 'zod'
import { DomainError, isDomainError } from '../../domain/errors'
import { type Method, type OutputOf, isMethod, methods } from '../../contract/api'
import { errorMessagesZh } from '../../contract/errors'
import { type PublicError, type Result, isSubmitResult } from '../../contract/result'
import type { Ctx, Handler } from './context'
import { translateSqliteError } from './db/open'
import { auditHandlers } from './features/audit/handlers'
import { boardHandlers } from './features/board/handlers'
import { backupHandlers } from './features/backup/handlers'
import { recoveryHandlers } from './features/recovery/handlers'
import { catalogHandlers } from './features/catalog/handlers'
import { consultationHandlers } from './features/consultations/handlers'
import { dutyHandlers } from './features/duty/handlers'
import { petitionHandlers } from './features/petitions/handlers'
import { receiptHandlers } from './features/receipts/handlers'
import { receptionHandlers } from './features/reception/handlers'
import { reportHandlers } from './features/reports/handlers'
import { rosterHandlers } from './features/roster/handlers'
import { setupHandlers, stationHandlers } from './features/station/handlers'
import { staffHandlers } from './features/staff/handlers'
import { syncHandlers } from './features/sync/handlers'
import { visitHandlers } from './features/visits/handlers'

/** The union of every feature's handler map: exactly the contract's methods, each typed by it. */
const handlers: { [M in Method]: Handler<M> } = {
  ...setupHandlers,
  ...stationHandlers,
  ...dutyHandlers,
  ...rosterHandlers,
  ...catalogHandlers,
  ...petitionHandlers,
  ...receiptHandlers,
  ...receptionHandlers,
  ...staffHandlers,
  ...backupHandlers,
  ...recoveryHandlers,
  ...auditHandlers,
  ...syncHandlers,
  ...visitHandlers,
  ...boardHandlers,
  ...consultationHandlers,
  ...reportHandlers,
}

export interface Logger {
  error(message: string, context: Record<string, unknown>): void
}

/**
 * Every transport's single entry: refuses unknown methods, checks access, validates input with the
 * contract's schema, runs the handler and turns whatever it throws into a public error. Nothing raw
 * crosses the boundary.
 */
export async function invoke(
  method: string,
  input: unknown,
  ctx: Ctx,
  log: Logger,
): Promise<Result<unknown>> {
  try {
    if (!isMethod(method)) throw new DomainError('UNKNOWN_METHOD')
    return { ok: true, value: await run(method, input, ctx) }
  } catch (e) {
    return { ok: false, error: toPublicError(e, method, log) }
  }
}

async function run<M extends Method>(method: M, input: unknown, ctx: Ctx): Promise<OutputOf<M>> {
  const spec = methods[method]
  if (spec.access !== 'public' && !ctx.staff) throw new DomainError('STAFF_ONLY')
  if (spec.access === 'admin' && ctx.staff?.role !== 'admin') throw new DomainError('ADMIN_ONLY')
  // A missing argument means {}; an explicit null is a wrong type like any other.
  const parsed = spec.input.safeParse(input === undefined ? {} : input)
  if (!parsed.success) throw new DomainError('VALIDATION', { fields: fieldErrors(parsed.error) })
  const handler = handlers[method] as (input: unknown, ctx: Ctx) => Promise<OutputOf<M>>
  return handler(parsed.data, ctx)
}

function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_'
    // A refinement's message is written for people, in Chinese, in the schema; zod's own are not.
    fields[key] ??=
      issue.code === 'custom'
        ? issue.message
        : issue.code === 'unrecognized_keys'
          ? '包含未知的字段'
          : '内容不符合要求'
  }
  return fields
}

export function toPublicError(e: unknown, method: string, log: Logger): PublicError {
  const err = translateSqliteError(e)
  if (isDomainError(err)) {
    // A refusal the system caused (a full disk, a folder that cannot be written) says so to staff in
    // Chinese; its cause goes to the log for whoever fixes the machine.
    const cause = err.details?.['cause']
    if (typeof cause === 'string') log.error('refused', { method, code: err.code, cause })
    const fields = err.details?.['fields']
    const retryAfterMs = err.details?.['retryAfterMs']
    const filed = err.details?.['filed']
    return {
      code: err.code,
      message: errorMessagesZh[err.code],
      ...(isStringRecord(fields) ? { fields } : {}),
      ...(typeof retryAfterMs === 'number' ? { retryAfterMs } : {}),
      ...(isSubmitResult(filed) ? { filed } : {}),
    }
  }
  // Unknown failures are logged with context (never the input: it may hold personal data).
  log.error('handler failed', { method, error: err instanceof Error ? err.stack : String(err) })
  return { code: 'INTERNAL', message: errorMessagesZh.INTERNAL }
}

function isStringRecord(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'string')
}
