import type { ErrorCode } from '../domain/errors'

/** What crosses a transport: never a raw exception. */
export interface PublicError {
  readonly code: ErrorCode
  /** Plain Simplified Chinese for people. */
  readonly message: string
  /** Per-field problems for forms (validation errors), keyed by dotted path. */
  readonly fields?: Readonly<Record<string, string>>
  /** For a paused or locked action (LOOKUP_PAUSED): how long until it may be tried again, in ms. */
  readonly retryAfterMs?: number
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: PublicError }
