import { REPRESENTATIVE_LEVEL_NAME_ZH } from './names-zh'
import { REPRESENTATIVE_LEVELS, type RepresentativeLevel } from './petition/types'

/**
 * How people write a representative's level, status and specialties in a roster spreadsheet. The
 * county's import (county/roster/service.ts) and the station's (electron/core/features/roster/sheet.ts)
 * read them alike, so a sheet filled in for one reads the same at the other, and a word neither knows is
 * a row error rather than a silent guess.
 */

const LEVEL_WORDS: Readonly<Record<RepresentativeLevel, readonly string[]>> = {
  province: ['省', '省级', REPRESENTATIVE_LEVEL_NAME_ZH.province],
  city: ['市', '市级', REPRESENTATIVE_LEVEL_NAME_ZH.city],
  county: ['县', '县级', REPRESENTATIVE_LEVEL_NAME_ZH.county],
  township: ['乡', '乡级', '镇', '乡镇', '乡人大代表', '镇人大代表', REPRESENTATIVE_LEVEL_NAME_ZH.township],
}

/** An empty cell means serving: most sheets list only the representatives in office. */
const ACTIVE_WORDS = ['', '在任', '在职', '是', '1', 'Y', 'y'] as const
const INACTIVE_WORDS = ['离任', '不在职', '否', '停用', '0', 'N', 'n'] as const

const SPECIALTY_SEPARATORS = /[、，,；;\s]+/

/** The level a cell names, or null when it names none. */
export function levelOfWord(word: string): RepresentativeLevel | null {
  const w = word.trim()
  return REPRESENTATIVE_LEVELS.find((l) => LEVEL_WORDS[l].includes(w)) ?? null
}

/** Whether a cell says the representative is in office; null when it says neither. */
export function activeOfWord(word: string): boolean | null {
  const w = word.trim()
  if ((ACTIVE_WORDS as readonly string[]).includes(w)) return true
  if ((INACTIVE_WORDS as readonly string[]).includes(w)) return false
  return null
}

/** A cell of specialties, separated by 、，, ；; or spaces. */
export function splitSpecialties(text: string): string[] {
  return text.split(SPECIALTY_SEPARATORS).filter((s) => s !== '')
}

/**
 * The county's roster columns and the header words that name each, the county's own word first. The
 * others are the words of the station's export (electron/core/features/roster/sheet.ts). Both imports read
 * them all, so a sheet exported on either side imports on the other as it is.
 */
export const ROSTER_HEADERS = {
  id: ['编号'],
  name: ['姓名'],
  level: ['层级', '级别'],
  sector: ['界别'],
  specialties: ['专长', '擅长领域'],
  township: ['乡镇', '所属乡镇'],
  station: ['联络站'],
  active: ['在职', '状态'],
} as const satisfies Readonly<Record<string, readonly [string, ...string[]]>>

export type RosterColumn = keyof typeof ROSTER_HEADERS

/**
 * Where each column is in a header row: the first cell (trimmed) that any of the column's words names.
 * A column no cell names is absent.
 */
export function rosterColumnsOf(header: readonly string[]): Partial<Record<RosterColumn, number>> {
  const found: Partial<Record<RosterColumn, number>> = {}
  for (const column of Object.keys(ROSTER_HEADERS) as RosterColumn[]) {
    const words: readonly string[] = ROSTER_HEADERS[column]
    const at = header.findIndex((h) => words.includes(h.trim()))
    if (at >= 0) found[column] = at
  }
  return found
}
