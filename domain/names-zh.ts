import type { PetitionStatus, RepresentativeLevel } from './petition/types'

/**
 * The Chinese words the backends write into files and public answers (published schedules, reports,
 * Open311), the same words the screens take from their i18n resources (renderer/i18n/zh-CN/staff.json):
 * a file must read like the screen it came from.
 */

export const STATUS_NAME_ZH: Readonly<Record<PetitionStatus, string>> = {
  received: '已受理',
  triaged: '已分办',
  assigned: '已交办',
  transferred: '已转办',
  replied: '已答复',
  closed: '已办结',
  duplicate: '已合并',
}

export const REPRESENTATIVE_LEVEL_NAME_ZH: Readonly<Record<RepresentativeLevel, string>> = {
  province: '省人大代表',
  city: '市人大代表',
  county: '县人大代表',
  township: '乡镇人大代表',
}
