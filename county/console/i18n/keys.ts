import type { zhCN } from './resources'

// Apart from index.ts, which starts i18next in the page: code the unit tests run in Node (a page's pure
// words, as pages/audit/auditWords.ts) types its `t` from here without the browser's globals.

/** Dotted paths to every string of a resource tree: `petitions.detail.title`. */
type Leaves<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${Leaves<T[K]>}`
}[keyof T & string]

export type ConsoleKey = Leaves<typeof zhCN>
export type Translate = (key: ConsoleKey, values?: Readonly<Record<string, string | number>>) => string
