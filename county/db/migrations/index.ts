import type { Migration } from 'kysely'
import * as m0001 from './0001_init'

/** The hub's migrations, in order: an explicit, reviewed list, as on the station. */
export const migrations: Record<string, Migration> = {
  '0001_init': m0001,
}
