/**
 * Typed error codes shared by every layer. Code branches on `code`; people read the Chinese message that
 * contract/errors.ts attaches to each code at the transport boundary.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_METHOD',
  'STAFF_ONLY',
  'ADMIN_ONLY',
  'BAD_PIN',
  'PIN_LOCKED',
  'NOT_FOUND',
  'BAD_TRACKING_CODE',
  'LOOKUP_MISMATCH',
  'LOOKUP_PAUSED',
  'CHECKIN_CODE_WRONG',
  'CHECKIN_CODE_NOT_SET',
  'DUTY_DOUBLE_BOOKED',
  'DUTY_REST_DAY',
  'DUTY_ATTENDED',
  'REPRESENTATIVE_INACTIVE',
  'PHONE_DIGITS_NEEDED',
  'TRANSITION_REFUSED',
  'ALREADY_RATED',
  'BAD_ID_NUMBER',
  'BAD_PHONE',
  'CONFLICT',
  'DB_NEWER_THAN_APP',
  'SQLITE_TOO_OLD',
  'DATA_DIR_UNWRITABLE',
  'DISK_FULL',
  'DB_BUSY',
  'BACKUP_FAILED',
  'RESTORE_NEWER_THAN_APP',
  'RESTORE_OTHER_STATION',
  'RESTORE_KEY_MISMATCH',
  'SYNC_NOT_ENROLLED',
  'SYNC_ENROL_REFUSED',
  'HUB_UNREACHABLE',
  'INTERNAL',
  /** The renderer gave up waiting for an answer; whether the backend did the work is unknown. */
  'TIMEOUT',
  'PERSONAL_DATA_KEY_MISSING',
  'PERSONAL_DATA_KEY_MISMATCH',
  'RECOVERY_FILE_MISSING',
  'RECOVERY_FILE_DAMAGED',
  'RECOVERY_CODE_WRONG',
  'RECOVERY_KEY_MISMATCH',
  'STATION_IN_USE',
  'DATABASE_DAMAGED',
  'DATABASE_DAMAGED_IN_USE',
  'RESET_ADMIN_NO_DATABASE',
  /** This 恢复码 has reset an admin already; a new code (a new sealing) is needed for another reset. */
  'RESET_ADMIN_CODE_USED',
  /**
   * A submission id already used for a petition with other content: that petition stays as it was filed,
   * and the refusal carries its receipt (`filed`) to whoever holds the id.
   */
  'SUBMISSION_ID_REUSED',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export class DomainError extends Error {
  override readonly name = 'DomainError'
  constructor(
    readonly code: ErrorCode,
    /** Machine-readable context for logs and tests; never personal data. */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(code)
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError
}

/** Exhaustiveness guard: a new union member fails to compile until every switch handles it. */
export function assertNever(value: never): never {
  throw new Error(`unhandled variant: ${JSON.stringify(value)}`)
}
