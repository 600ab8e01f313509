import type { ErrorCode } from '../domain/errors'
import type { SubmitPetitionResult } from './views'

/** What crosses a transport: never a raw exception. */
export interface PublicError {
  readonly code: ErrorCode
  /** Plain Simplified Chinese for people. */
  readonly message: string
  /** Per-field problems for forms (validation errors), keyed by dotted path. */
  readonly fields?: Readonly<Record<string, string>>
  /** For a paused or locked action (LOOKUP_PAUSED): how long until it may be tried again, in ms. */
  readonly retryAfterMs?: number
  /**
   * SUBMISSION_ID_REUSED: the petition already filed under that submission id, as its submit answered. Only
   * the holder of the (random) id learns it, and a plain retry of the same content tells them the same.
   */
  readonly filed?: SubmitPetitionResult
}

/** A shape check of `filed` as it crosses a transport; the rest of the result is taken as sent. */
export function isSubmitResult(v: unknown): v is SubmitPetitionResult {
  if (typeof v !== 'object' || v === null) return false
  const r = v as Record<string, unknown>
  return (
    typeof r['id'] === 'string' &&
    typeof r['code'] === 'string' &&
    typeof r['level'] === 'string' &&
    typeof r['dueOn'] === 'string' &&
    typeof r['submittedAt'] === 'number' &&
    (r['receivingRepresentative'] === null || typeof r['receivingRepresentative'] === 'object')
  )
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: PublicError }
