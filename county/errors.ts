import type { ConsoleError, ConsoleErrorCode } from '../contract/county-console'
import type { SyncError, SyncErrorCode } from '../contract/sync'

/** A refusal with its HTTP status; the route turns it into the JSON error body of the sync API. */
export class HubError extends Error {
  constructor(
    readonly status: number,
    readonly code: SyncErrorCode,
    message: string,
    readonly extra: Partial<Pick<SyncError, 'expectedSeq' | 'reusedSeq' | 'heldIds' | 'hubTime'>> = {},
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
