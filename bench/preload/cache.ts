/**
 * The preloaded station is built once per content key and kept in bench/.work; each benchmark run works
 * on a fresh copy, so runs never mutate the cache. A build goes to a scratch directory renamed into place
 * only when complete, so a crash leaves no half cache.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { BENCH_DIR, WORK_DIR, copyDir, removeDir } from '../lib'
import { type PreloadMeta, build } from './build'
import { EVENTS, PETITIONS } from './world'

/**
 * The cache is keyed by everything that shapes its content: the sizes, the generator (every file of this
 * folder), the schema (every migration), the reducer with its events and the board's credits.
 */
function cacheKey(): string {
  const root = path.dirname(BENCH_DIR)
  const filesOf = (dir: string) =>
    fs
      .readdirSync(path.join(root, dir))
      .filter((name) => name.endsWith('.ts'))
      .sort()
      .map((name) => `${dir}/${name}`)
  const files = [
    ...filesOf('bench/preload'),
    ...filesOf('electron/core/db/migrations'),
    'domain/petition/reducer.ts',
    'domain/petition/events.ts',
    'domain/board.ts',
  ]
  const h = crypto.createHash('sha256').update(`${PETITIONS}/${EVENTS}\n`)
  for (const f of files) h.update(`${f}\n`).update(fs.readFileSync(path.join(root, f)))
  return h.digest('hex').slice(0, 12)
}

export async function ensurePreloaded(opts: { rebuild?: boolean } = {}): Promise<{
  dir: string
  meta: PreloadMeta
  built: boolean
}> {
  const prefix = `preloaded-${PETITIONS}-`
  const dir = path.join(WORK_DIR, prefix + cacheKey())
  const metaFile = path.join(dir, 'meta.json')
  if (opts.rebuild) removeDir(dir)
  if (fs.existsSync(metaFile)) {
    return { dir, meta: JSON.parse(fs.readFileSync(metaFile, 'utf8')) as PreloadMeta, built: false }
  }
  fs.mkdirSync(WORK_DIR, { recursive: true })
  // Older caches of this size (another key) and scratch directories of interrupted builds only take disk space.
  for (const name of fs.readdirSync(WORK_DIR)) {
    if (name.startsWith(prefix) || name.startsWith('building-')) removeDir(path.join(WORK_DIR, name))
  }
  const scratch = path.join(WORK_DIR, `building-${process.pid}`)
  const meta = await build(scratch)
  fs.writeFileSync(path.join(scratch, 'meta.json'), JSON.stringify(meta, null, 2))
  fs.renameSync(scratch, dir)
  return { dir, meta, built: true }
}

/** A fresh copy of the preloaded station for one benchmark run; `cleanup` deletes it. */
export async function prepareRun(name: string): Promise<{
  dir: string
  meta: PreloadMeta
  copyMs: number
  cleanup: () => void
}> {
  const { dir: cached, meta } = await ensurePreloaded()
  const dir = path.join(WORK_DIR, `run-${name}-${process.pid}`)
  removeDir(dir)
  const t0 = performance.now()
  copyDir(cached, dir)
  fs.rmSync(path.join(dir, 'meta.json'), { force: true })
  return { dir, meta, copyMs: performance.now() - t0, cleanup: () => removeDir(dir) }
}
