/**
 * 找代表 search (domain/roster-search.ts) over 10,000 generated representatives, as a resident types:
 * every query is typed letter by letter (or character by character) and each keystroke's search is timed.
 *  1. by name: 王, 王海, 王海涛;
 *  2. by full pinyin: w, wa, wan, … wanghaitao;
 *  3. by initials: w, wh, wht;
 *  4. initials again with a level and a specialty filter set, as when a resident has tapped filters first.
 * The names come from the demo's name generator (surnames by frequency, so 王, 李 and 张 buckets are as
 * crowded as in a real county); duplicates are kept, as real rosters have them.
 *
 * Prints figures; asserts nothing about time.
 */
import { performance } from 'node:perf_hooks'
import { REPRESENTATIVE_LEVELS } from '../domain/petition/types'
import { type RosterSearchEntry, buildRosterIndex } from '../domain/roster-search'
import { personName } from '../electron/core/demo/names'
import { rngFor } from '../electron/core/demo/random'
import { loadNameSpeller } from '../domain/name-spelling'
import { formatSummary, ms, report, summarize } from './lib'

const REPRESENTATIVES = 10_000
const TARGETS = 300 // representatives looked up, each by name, pinyin and initials
const WARMUP_ROUNDS = 2
const TOWNSHIPS = Array.from({ length: 12 }, (_, i) => `township-${i}`)
const SPECIALTIES = ['城乡建设', '农业农村', '社会保障', '生态环境', '先进制造业', '基层治理', '教育卫生']

interface Entry extends RosterSearchEntry {
  readonly id: string
}

const rng = rngFor('bench:roster')
const namePinyin = await loadNameSpeller()
let t = performance.now()
const entries: Entry[] = Array.from({ length: REPRESENTATIVES }, (_, i) => {
  const name = personName(rng, rng.chance(0.72) ? 'male' : 'female')
  const { pinyin, initials } = namePinyin(name)
  const specialties = rng.sample(SPECIALTIES, rng.int(1, 2))
  return {
    id: `rep-${i}`,
    name,
    namePinyin: pinyin,
    nameInitials: initials,
    level: rng.weighted(REPRESENTATIVE_LEVELS.map((l, k) => [l, [1, 6, 25, 68][k] ?? 1] as const)),
    townshipId: rng.pick(TOWNSHIPS),
    specialties,
  }
})
console.log(
  `generated ${REPRESENTATIVES.toLocaleString()} representatives (${new Set(entries.map((e) => e.name)).size.toLocaleString()} distinct names) with pinyin in ${(performance.now() - t).toFixed(0)} ms`,
)

t = performance.now()
const index = buildRosterIndex(entries)
const buildMs = performance.now() - t
console.log(`index built in ${ms(buildMs, 1)}`)
report('roster-search', 'index build, 10,000 representatives', buildMs, 'ms')

type Mode = 'name' | 'pinyin' | 'initials' | 'initials + filters'
const targets = rng.sample(entries, TARGETS)
const typed = (e: Entry, mode: Mode): string =>
  mode === 'name' ? e.name : mode === 'pinyin' ? e.namePinyin : e.nameInitials

/** Every prefix of the query, as the screen searches after each key. */
function keystrokes(query: string): string[] {
  const units = Array.from(query)
  return units.map((_, i) => units.slice(0, i + 1).join(''))
}

const modes: Mode[] = ['name', 'pinyin', 'initials', 'initials + filters']
const samples = new Map<Mode, number[]>(modes.map((m) => [m, []]))
let found = 0
let missed = 0
let results = 0
for (let round = 0; round < WARMUP_ROUNDS + 1; round++) {
  const measured = round === WARMUP_ROUNDS
  for (const target of targets) {
    for (const mode of modes) {
      const filters =
        mode === 'initials + filters' ? { level: target.level, specialty: target.specialties[0] ?? null } : {}
      let hits: readonly Entry[] = []
      for (const text of keystrokes(typed(target, mode))) {
        const start = performance.now()
        hits = index.search({ text, ...filters })
        const took = performance.now() - start
        if (measured) {
          samples.get(mode)?.push(took)
          results += hits.length
        }
      }
      if (measured) {
        if (hits.includes(target)) found++
        else missed++
      }
    }
  }
}

console.log(
  `${TARGETS} representatives looked up 4 ways: found ${found}, missed ${missed}; ` +
    `${(results / [...samples.values()].reduce((n, s) => n + s.length, 0)).toFixed(0)} results per keystroke on average`,
)
const all: number[] = []
for (const mode of modes) {
  const s = summarize(samples.get(mode) ?? [])
  all.push(...(samples.get(mode) ?? []))
  console.log(`  ${mode.padEnd(20)} ${formatSummary(s)}`)
  report('roster-search', `per keystroke by ${mode}, p50`, s.p50, 'ms')
  report('roster-search', `per keystroke by ${mode}, p99`, s.p99, 'ms', 'target ≤ 2 ms')
}
const overall = summarize(all)
console.log(`  ${'all keystrokes'.padEnd(20)} ${formatSummary(overall)}`)
report('roster-search', 'per keystroke, all modes, p99', overall.p99, 'ms', 'target ≤ 2 ms')
if (missed > 0) {
  console.error(`${missed} lookups did not find their representative: the search is broken`)
  process.exitCode = 1
}
