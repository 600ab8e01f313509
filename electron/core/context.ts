import type { Kysely } from 'kysely'
import type { Method, OutputOf, ParsedInputOf } from '../../contract/api'
import type { StaffUser } from '../../contract/views'
import type { PersonalDataCipher } from './crypto/personal-data'
import type { Intake } from './features/petitions/intake'
import type { RecoveryInfo } from './crypto/recovery'
import type { DB } from './db/schema'
import type { ReferenceCache } from './reference-cache'
import type { SyncRunner } from './sync/runner'

/** Everything a handler may use. Built once per call by the dispatcher; no globals. */
export interface Ctx {
  /** The database; it applies the petition intake journal before each use (features/petitions/intake.ts). */
  readonly db: Kysely<DB>
  /** The petition intake journal, which a submit writes to. */
  readonly intake: Intake
  readonly dataDir: string
  readonly now: () => number
  readonly cipher: PersonalDataCipher
  /** The personal-data key sealed under a recovery code (crypto/recovery.ts); the key itself stays out of reach. */
  readonly sealRecovery: (code: string, info: RecoveryInfo) => Buffer
  /** Next hybrid-logical-clock stamp for this station. */
  readonly hlc: () => string
  /** The staff member signed in on this transport's session, or null for a resident. */
  readonly staff: StaffUser | null
  readonly sessions: SessionStore
  /** Tells the transport to set (token) or clear (null) its staff session. */
  readonly setSession: (token: string | null) => void
  /** Identifies the caller's device for per-kiosk limits (the lookup pause). */
  readonly clientKey: string
  readonly limits: LookupLimiter
  /** Wrong staff PINs per account and device (pin-limiter.ts). */
  readonly pinLimits: PinLimiter
  /** Station, categories, places, roster ids, calendar and duty, held in memory until they change. */
  readonly reference: ReferenceCache
  /** The county sync of this station. */
  readonly sync: SyncRunner
  /** Whether the background sync loop runs (so enrolment starts it). */
  readonly syncLoop: boolean
}

export interface SessionStore {
  create(user: StaffUser): string
  get(token: string | null): StaffUser | null
  drop(token: string | null): void
  /** Ends every session of a user (a retired account, a new PIN). */
  dropUser(userId: string): void
}

export interface LookupLimiter {
  /** Throws LOOKUP_PAUSED while the client is paused. */
  check(clientKey: string): void
  /**
   * Reserves an attempt before the slow check, or throws LOOKUP_PAUSED; every begin must end in exactly
   * one fail (it was wrong) or succeed (anything else: right, or refused for another reason). `max` is the
   * number of failures that pauses the key (MAX_LOOKUP_FAILURES unless given); pass the same to fail.
   */
  begin(clientKey: string, max?: number): void
  fail(clientKey: string, max?: number): void
  succeed(clientKey: string): void
}

export interface PinLimiter {
  /** When the account's lock at this device ends, or null when it has none. */
  lockedUntil(userId: string, clientKey: string): number | null
  /** Counts a wrong PIN at this device; `lockMs` says how long a lock so many failures earn. */
  fail(
    userId: string,
    clientKey: string,
    lockMs: (failures: number) => number,
  ): { failures: number; lockMs: number }
  /** The right PIN at this device: its count starts again. */
  succeed(userId: string, clientKey: string): void
  /** A new PIN: the account's locks at every device are lifted. */
  clear(userId: string): void
}

export type Handler<M extends Method> = (input: ParsedInputOf<M>, ctx: Ctx) => Promise<OutputOf<M>>

/** A feature's handler map: exactly the methods whose names start with `P.`. */
export type Handlers<P extends string> = {
  [M in Method as M extends `${P}.${string}` ? M : never]: Handler<M>
}
