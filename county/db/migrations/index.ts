import type { Migration } from 'kysely'
import * as m0001 from './0001_init'
import * as m0002 from './0002_open311_indexes'
import * as m0003 from './0003_console'
import * as m0004 from './0004_station_records'
import * as m0005 from './0005_data_key'
import * as m0006 from './0006_unversioned_station_events'
import * as m0007 from './0007_villages'
import * as m0008 from './0008_mutation_reason_code'
import * as m0009 from './0009_audit_filters'
import * as m0010 from './0010_version_token'

/** The hub's migrations, in order: an explicit, reviewed list, as on the station. */
export const migrations: Record<string, Migration> = {
  '0001_init': m0001,
  '0002_open311_indexes': m0002,
  '0003_console': m0003,
  '0004_station_records': m0004,
  '0005_data_key': m0005,
  '0006_unversioned_station_events': m0006,
  '0007_villages': m0007,
  '0008_mutation_reason_code': m0008,
  '0009_audit_filters': m0009,
  '0010_version_token': m0010,
}
