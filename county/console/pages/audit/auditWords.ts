import type { AuditRow } from '../../../../contract/county-console'
import type { ConsoleKey, Translate } from '../../i18n/keys'
import words from '../../i18n/zh-CN/audit.json'

/**
 * 操作记录's words for what the hub wrote to its audit log: the action and the outcome in Chinese, who
 * acted and a short line of detail. Action names are dotted (`user.signIn`, `sync.GET /sync/pull`) and
 * looked up as they are; one without words (a path nobody routes) shows as 其他操作 with its name.
 */

const has = (table: Readonly<Record<string, string>>, key: string) => Object.hasOwn(table, key)

const text = (x: unknown): string | null =>
  typeof x === 'string' && x !== '' ? x : typeof x === 'number' ? String(x) : null

export function actionWords(action: string, t: Translate): string {
  return has(words.actions, action)
    ? t(`audit.actions.${action}` as ConsoleKey)
    : t('audit.otherAction', { action })
}

/** The sync refusals whose code covers several checks: worded by the one that failed (detail.reason). */
const BY_REASON = new Set(['UNAUTHENTICATED', 'BAD_REQUEST', 'TOO_LARGE'])

/** 成功, or the refusal worded: a sync refusal by the check that failed (detail.reason) when it says. */
export function outcomeWords(row: Pick<AuditRow, 'outcome' | 'detail'>, t: Translate): string {
  const reason = text(row.detail.reason)
  if (BY_REASON.has(row.outcome) && reason !== null && has(words.outcome, reason))
    return t(`audit.outcome.${reason}` as ConsoleKey)
  if (row.outcome === 'refused' && row.detail.disabled === true) return t('audit.outcome.disabled')
  if (row.outcome === 'refused' && row.detail.unknownUser === true) return t('audit.outcome.unknownUser')
  return has(words.outcome, row.outcome)
    ? t(`audit.outcome.${row.outcome}` as ConsoleKey)
    : t('audit.outcome.other', { outcome: row.outcome })
}

/** The county user who acted: `by` where an admin acted on something, else the account signing in. */
export function whoOf(row: Pick<AuditRow, 'detail'>): string | null {
  return text(row.detail.by) ?? text(row.detail.username)
}

/** A short line of what the row's detail says that its other columns do not; empty when nothing. */
export function detailWords(row: Pick<AuditRow, 'action' | 'stationId' | 'detail'>, t: Translate): string {
  const d = row.detail
  const username = text(d.username)
  const claimed = text(d.claimedStation)
  const parts: string[] = []
  if (username !== null && text(d.by) !== null) {
    const role = text(d.role)
    parts.push(
      role === 'admin' || role === 'clerk'
        ? t('audit.detail.accountRole', { username, role: t(`app.role.${role}`) })
        : t('audit.detail.account', { username }),
    )
  }
  // The station column names a station the hub knows; a claim is worth a word only when it says otherwise.
  if (claimed !== null && claimed !== row.stationId)
    parts.push(t('audit.detail.claimed', { station: claimed }))
  if (typeof d.skewMs === 'number')
    parts.push(t('audit.detail.skew', { minutes: Math.round(d.skewMs / 60_000) }))
  switch (row.action) {
    case 'station.register':
      if (text(d.name) !== null) parts.push(t('audit.detail.stationName', { name: text(d.name) ?? '' }))
      break
    case 'places.villages.add':
      parts.push(
        t('audit.detail.villagesAdded', { township: text(d.township) ?? '', count: text(d.count) ?? '' }),
      )
      break
    case 'places.villages.rename':
      parts.push(t('audit.detail.villageRenamed', { from: text(d.from) ?? '', to: text(d.to) ?? '' }))
      break
    case 'places.villages.delete':
      parts.push(
        t('audit.detail.villageDeleted', { township: text(d.township) ?? '', name: text(d.name) ?? '' }),
      )
      break
    case 'roster.put':
      parts.push(t('audit.detail.rosterPut', { count: text(d.count) ?? '' }))
      break
    case 'sync.recover':
      if (Array.isArray(d.petitionIds))
        parts.push(t('audit.detail.dossiers', { count: d.petitionIds.length }))
      break
    default: {
      const id =
        text(d.petitionId) ??
        (row.action === 'roster.delete' || row.action.endsWith('.lost') ? text(d.id) : null)
      if (id !== null) parts.push(t('audit.detail.record', { id }))
    }
  }
  return parts.join('；')
}
