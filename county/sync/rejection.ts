import type { RejectCode } from '../../contract/sync'

/** Why the hub rejected a mutation: a code the station's panel words in Chinese, the detail in English. */
export interface Rejection {
  readonly code: RejectCode
  readonly detail: string
}

export const no = (code: RejectCode, detail: string): Rejection => ({ code, detail })
