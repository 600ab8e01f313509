/**
 * Places of a county (乡镇, 村): the rules the station, the hub and both UIs share. A township's name says
 * what it is: 镇 a town, 乡 a township, 街道 a sub-district office; the name is the key all of the county
 * shares, since each station's township ids are its own.
 */

export type TownshipKind = 'town' | 'township' | 'subdistrict'

/** A township's name ends in 镇, 乡 or 街道. */
export const TOWNSHIP_NAME = /(镇|乡|街道)$/

export function townshipKind(name: string): TownshipKind {
  if (name.endsWith('镇')) return 'town'
  if (name.endsWith('乡')) return 'township'
  return 'subdistrict'
}

/**
 * Village names typed or pasted one per line (a county clerk's list from a spreadsheet or a document):
 * trimmed, blank lines and repeats dropped, in the order given.
 */
export function villageNamesOf(text: string): string[] {
  return [...new Set(text.split(/[\r\n,，、;；]+/).map((name) => name.trim()))].filter((name) => name !== '')
}
