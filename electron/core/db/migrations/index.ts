import type { Migration } from 'kysely'
import * as m0001 from './0001_init'
import * as m0002 from './0002_reference_version'
import * as m0003 from './0003_submission_id'
import * as m0004 from './0004_visit_station_date'
import * as m0005 from './0005_duty_rule_links'
import * as m0006 from './0006_reception_ticket'
import * as m0007 from './0007_queue_order_indexes'
import * as m0008 from './0008_event_actor'
import * as m0009 from './0009_board_credit'
import * as m0010 from './0010_rule_laid_out'
import * as m0011 from './0011_outbox_station_records'
import * as m0012 from './0012_county_villages'
import * as m0013 from './0013_outbox_rejected_code'
import * as m0014 from './0014_contact_search'
import * as m0015 from './0015_submission_digest'
import * as m0016 from './0016_name_readings'
import * as m0017 from './0017_petition_intake'

/**
 * The migrations this app ships, in order. An explicit list rather than a folder scan: the packaged app
 * lives in an asar archive, and a list makes the order a reviewed decision.
 */
export const migrations: Record<string, Migration> = {
  '0001_init': m0001,
  '0002_reference_version': m0002,
  '0003_submission_id': m0003,
  '0004_visit_station_date': m0004,
  '0005_duty_rule_links': m0005,
  '0006_reception_ticket': m0006,
  '0007_queue_order_indexes': m0007,
  '0008_event_actor': m0008,
  '0009_board_credit': m0009,
  '0010_rule_laid_out': m0010,
  '0011_outbox_station_records': m0011,
  '0012_county_villages': m0012,
  '0013_outbox_rejected_code': m0013,
  '0014_contact_search': m0014,
  '0015_submission_digest': m0015,
  '0016_name_readings': m0016,
  '0017_petition_intake': m0017,
}
