import type { TFunction } from 'i18next'
import type { DirectoryEntry } from '../../../contract/views'
import { matchRank } from '../../../domain/roster-search'

/**
 * The representatives as a picker's options. A county roster has namesakes (two 王建国): a name held by
 * more than one is labelled with what tells them apart, level, then township or sector, so staff do not
 * put the wrong one on duty. Other names stay bare, as staff type and read them.
 */
export function personOptions(
  people: readonly DirectoryEntry[],
  t: TFunction,
): { value: string; label: string }[] {
  const count = new Map<string, number>()
  for (const p of people) count.set(p.name, (count.get(p.name) ?? 0) + 1)
  return people.map((p) => {
    if ((count.get(p.name) ?? 0) < 2) return { value: p.id, label: p.name }
    const level = t(`kiosk.home.duty.level.${p.level}`)
    const place = p.townshipName ?? p.sector
    return {
      value: p.id,
      label: t('staff.duty.day.namesake', { name: p.name, detail: place ? `${level}·${place}` : level }),
    }
  })
}

/** Whether a picker's typed text finds the person: name, pinyin or initials, any reading, as at the kiosk. */
export function personFilter(people: readonly DirectoryEntry[]) {
  const byId = new Map(people.map((p) => [p.id, p]))
  return (input: string, option?: { value?: unknown }): boolean => {
    const p = typeof option?.value === 'string' ? byId.get(option.value) : undefined
    return p !== undefined && matchRank(input, p) !== null
  }
}
