import type { SyncError, SyncErrorCode } from '../contract/sync'

/** A refusal with its HTTP status; the route turns it into the JSON error body of the sync API. */
export class HubError extends Error {
  constructor(
    readonly status: number,
    readonly code: SyncErrorCode,
    message: string,
    readonly extra: Partial<Pick<SyncError, 'expectedSeq' | 'hubTime'>> = {},
  ) {
    super(message)
  }

  body(): SyncError {
    return { code: this.code, message: this.message, ...this.extra }
  }
}
