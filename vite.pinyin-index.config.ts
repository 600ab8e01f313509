import crypto from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'
import {
  type CharDict,
  type PinyinDict,
  makeWordIndex,
} from './renderer/components/keyboard/engine/make-index'

/**
 * The pinyin keyboard's word index, built from @pinyin-pro/data when Vite builds the renderer (format in
 * renderer/components/keyboard/engine/format.ts). The renderer imports `virtual:pinyin-index`, whose
 * default export is the index's URL: an emitted asset in a build (relative to the chunk, so it loads from
 * app:// and serve mode alike) and a dev-server route under `vite`. The keyboard fetches it on first use.
 * The unit tests and bench/pinyin.ts read the same index through wordIndexText().
 */

const MODULE_ID = 'virtual:pinyin-index'
const RESOLVED_ID = `\0${MODULE_ID}`
const DEV_PATH = '/@pinyin-index.txt'

const require = createRequire(import.meta.url)
const ROOT = path.dirname(fileURLToPath(import.meta.url))
const ENGINE_DIR = path.join(ROOT, 'renderer/components/keyboard/engine')
/** The sources that decide the index's bytes; a change to any of them rebuilds it. */
const INPUTS = ['make-index.ts', 'format.ts', 'syllables.ts', 'phrases.ts'].map((f) =>
  path.join(ENGINE_DIR, f),
)
const CACHE_DIR = path.join(ROOT, 'node_modules/.cache/yizhan-pinyin-index')

/** One of @pinyin-pro/data's JSON word lists; JSON.parse is far quicker than importing its 18 MB module. */
export function readPinyinData(name: 'complete'): PinyinDict
export function readPinyinData(name: 'traditional'): CharDict
export function readPinyinData(name: string): unknown {
  return JSON.parse(fs.readFileSync(require.resolve(`@pinyin-pro/data/${name}.json`), 'utf8')) as unknown
}

/** A package's version, read beside its entry point (@pinyin-pro/data's exports hide its package.json). */
function packageVersion(entry: string): string {
  for (let dir = path.dirname(require.resolve(entry)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json')
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version
  }
  throw new Error(`no package.json above ${entry}`)
}

/**
 * The index asset's text. Building it takes seconds and builds and e2e runs happen often, so it is kept
 * in node_modules/.cache under a hash of its inputs (written under a temporary name first: parallel
 * builds race), replacing the index of earlier inputs.
 */
export function wordIndexText(): string {
  const hash = crypto.createHash('sha256')
  for (const entry of ['@pinyin-pro/data/complete.json', 'pinyin-pro']) {
    hash.update(`${entry}@${packageVersion(entry)}\n`)
  }
  for (const file of INPUTS) hash.update(fs.readFileSync(file))
  const cached = path.join(CACHE_DIR, `${hash.digest('hex').slice(0, 16)}.txt`)
  if (fs.existsSync(cached)) return fs.readFileSync(cached, 'utf8')
  const { text } = makeWordIndex(readPinyinData('complete'), readPinyinData('traditional'))
  fs.mkdirSync(CACHE_DIR, { recursive: true })
  // Indexes of earlier inputs are never read again.
  for (const old of fs.readdirSync(CACHE_DIR)) if (old.endsWith('.txt')) fs.rmSync(path.join(CACHE_DIR, old))
  const temporary = `${cached}.${process.pid}.tmp`
  fs.writeFileSync(temporary, text)
  fs.renameSync(temporary, cached)
  return text
}

export function pinyinIndex(): Plugin {
  let text: string | undefined
  const make = () => (text ??= wordIndexText())
  let building = false
  return {
    name: 'yizhan:pinyin-index',
    configResolved(config) {
      building = config.command === 'build'
    },
    resolveId(id) {
      return id === MODULE_ID ? RESOLVED_ID : null
    },
    load(id) {
      if (id !== RESOLVED_ID) return null
      if (!building) return `export default ${JSON.stringify(DEV_PATH)}`
      const ref = this.emitFile({ type: 'asset', name: 'pinyin-index.txt', source: make() })
      return `export default import.meta.ROLLUP_FILE_URL_${ref}`
    },
    configureServer(server) {
      server.middlewares.use(DEV_PATH, (_req, res) => {
        res.setHeader('content-type', 'text/plain; charset=utf-8')
        res.end(make())
      })
    },
  }
}
