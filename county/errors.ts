import type { ConsoleError, ConsoleErrorCode } from '../contract/county-console'
import type { SyncError, SyncErrorCode } from '../contract/sync'

/**
 * Why a sync request was refused as malformed or too large, written to the audit log's detail (操作记录
 * words each, county/console/i18n/zh-CN/audit.json): a body that is not JSON, of the wrong shape, nested
 * too deep, over the size limit, a batch the push refuses whole, or anything else the HTTP layer refused.
 */
export const REFUSAL_REASONS = [
  'notJson',
  'badShape',
  'tooDeep',
  'bodyTooLarge',
  'badBatch',
  'malformed',
] as const
export type RefusalReason = (typeof REFUSAL_REASONS)[number]

/** A refusal with its HTTP status; the route turns it into the JSON error body of the sync API. */
export class HubError extends Error {
  constructor(
    readonly status: number,
    readonly code: SyncErrorCode,
    message: string,
    readonly extra: Partial<Pick<SyncError, 'expectedSeq' | 'reusedSeq' | 'heldIds' | 'hubTime'>> = {},
    /** For the audit log only, never sent. */
    readonly reason: RefusalReason | null = null,
  ) {
    super(message)
  }

  body(): SyncError {
    return { code: this.code, message: this.message, ...this.extra }
  }
}

/** A refusal of the county console's API: a Chinese message for the user, a code for the client. */
export class ConsoleFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ConsoleErrorCode,
    message: string,
    readonly fields?: Readonly<Record<string, string>>,
  ) {
    super(message)
  }

  body(): ConsoleError {
    return { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) }
  }
}

/** PostgreSQL's unique_violation: a row with the same key was committed first. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505'
}
