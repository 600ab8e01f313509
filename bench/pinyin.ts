/**
 * Pinyin candidate lookup over the full word index, one keystroke at a time (target: p99 ≤ 1 ms), and the
 * size of the index asset the renderer fetches. Sequences are what residents type: petition phrases, words
 * and representatives' and villages' names, each in full pinyin, in initials and mixed (first syllable full,
 * the rest initials), letter by letter, with 300 local names and places given as a screen gives them.
 */
import { gzipSync } from 'node:zlib'
import { pinyin } from 'pinyin-pro'
import { personName } from '../electron/core/demo/names'
import { TOWNSHIP_NAMES } from '../electron/core/demo/places'
import { rngFor } from '../electron/core/demo/random'
import { createPinyinEngine } from '../renderer/components/keyboard/engine/engine'
import { localWordsOf } from '../renderer/components/keyboard/engine/local-words'
import { KIOSK_PHRASES } from '../renderer/components/keyboard/engine/phrases'
import { WordIndex } from '../renderer/components/keyboard/engine/word-index'
import { wordIndexText } from '../vite.pinyin-index.config'
import { fmtBytes, formatSummary, ms, report, summarize } from './lib'

const BENCH = 'pinyin'
const ROUNDS = 5

/** Words and sentences a resident might write, beside the kiosk's own phrases. */
const COMMON = [
  '我要反映',
  '村里的路灯坏了很久',
  '希望政府帮忙解决',
  '孩子上学太远',
  '老人看病难',
  '中华人民共和国',
  '自来水经常停',
  '垃圾没人清理',
  '补贴没有发放',
  '谢谢人大代表',
]

function sequences(words: readonly string[]): string[] {
  const out: string[] = []
  for (const word of words) {
    const syllables = pinyin(word, { toneType: 'none', type: 'array', v: true })
    out.push(syllables.join(''))
    out.push(syllables.map((s) => s.charAt(0)).join(''))
    if (syllables.length > 1)
      out.push(
        (syllables[0] ?? '') +
          syllables
            .slice(1)
            .map((s) => s.charAt(0))
            .join(''),
      )
  }
  return out.filter((s) => /^[a-z]+$/.test(s))
}

let t = performance.now()
const text = wordIndexText()
const buildMs = performance.now() - t
const raw = Buffer.byteLength(text)
const gzipped = gzipSync(text, { level: 9 }).length

t = performance.now()
const index = new WordIndex(text)
const openMs = performance.now() - t

const rng = rngFor('bench-pinyin')
const names = Array.from({ length: 250 }, (_, i) => personName(rng, i % 2 === 0 ? 'male' : 'female'))
const localWords = [...names, ...TOWNSHIP_NAMES]
t = performance.now()
const engine = createPinyinEngine(index, localWordsOf(localWords))
const engineMs = performance.now() - t

const typed = sequences([...KIOSK_PHRASES, ...COMMON, ...names.slice(0, 40), ...TOWNSHIP_NAMES])
const keystrokes = typed.reduce((n, s) => n + s.length, 0)

console.log(
  `index: ${index.wordCount} words under ${index.keyCount} initials keys, ${index.syllables.length} syllables`,
)
console.log(`  asset ${fmtBytes(raw)} raw, ${fmtBytes(gzipped)} gzipped (level 9)`)
console.log(`  read from cache or built: ${ms(buildMs, 0)}; opened (parsed) in ${ms(openMs, 1)}`)
console.log(`  engine with ${localWords.length} local words made in ${ms(engineMs, 1)}`)
console.log(
  `typing ${typed.length} sequences (${keystrokes} keystrokes) letter by letter, ${ROUNDS} rounds + 1 warm-up`,
)

// Wall time is what a resident waits; on a shared machine it includes waiting for a CPU, so the CPU time
// of the same calls (process.cpuUsage, microseconds) is printed beside it.
const wall: number[] = []
const cpu: number[] = []
let candidates = 0
for (let round = 0; round <= ROUNDS; round++) {
  for (const letters of typed) {
    for (let i = 1; i <= letters.length; i++) {
      const prefix = letters.slice(0, i)
      const cpuStart = process.cpuUsage()
      const start = performance.now()
      const found = engine.candidates(prefix)
      const elapsed = performance.now() - start
      const used = process.cpuUsage(cpuStart)
      if (round > 0) {
        wall.push(elapsed)
        cpu.push((used.user + used.system) / 1000)
        candidates += found.length
      }
    }
  }
}
const s = summarize(wall)
const c = summarize(cpu)
console.log(`candidate lookup per keystroke, wall: ${formatSummary(s)}`)
console.log(`candidate lookup per keystroke, CPU:  ${formatSummary(c)}`)
console.log(`  mean candidates per keystroke ${(candidates / wall.length).toFixed(1)}`)

report(BENCH, 'lookup per keystroke p50', s.p50, 'ms')
report(BENCH, 'lookup per keystroke p99', s.p99, 'ms', 'target ≤ 1 ms')
report(BENCH, 'lookup per keystroke max', s.max, 'ms')
report(BENCH, 'lookup per keystroke CPU p99', c.p99, 'ms', 'CPU time of the same calls')
report(BENCH, 'index asset raw', raw / 1024, 'KiB', `${index.wordCount} words`)
report(BENCH, 'index asset gzipped', gzipped / 1024, 'KiB')
report(BENCH, 'index open (parse)', openMs, 'ms')
