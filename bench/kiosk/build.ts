import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { WORK_DIR } from '../lib'

/**
 * The built kiosk (renderer + serve mode) the kiosk benchmarks measure. Built into bench/.work/kiosk-dist
 * and reused while no source file is newer than the build; YIZHAN_DIST + YIZHAN_SKIP_BUILD=1 measure an
 * existing build instead (as the e2e tests do).
 */

const ROOT = path.resolve(WORK_DIR, '..', '..')
const SOURCES = ['renderer', 'contract', 'domain', 'electron', 'vite.config.ts', 'package-lock.json']
const STAMP = '.built'

function newestMtime(p: string): number {
  const stat = fs.statSync(p)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)))
  return newest
}

export interface KioskBuild {
  /** dist/: renderer/ and electron/serve.cjs */
  readonly dist: string
  readonly rendererDir: string
  readonly serveScript: string
}

export function kioskBuild(): KioskBuild {
  const given = process.env.YIZHAN_DIST
  const dist = given ? path.resolve(given) : path.join(WORK_DIR, 'kiosk-dist')
  const built: KioskBuild = {
    dist,
    rendererDir: path.join(dist, 'renderer'),
    serveScript: path.join(dist, 'electron', 'serve.cjs'),
  }
  if (given && process.env.YIZHAN_SKIP_BUILD === '1') return built

  const stamp = path.join(dist, STAMP)
  const sourcesAt = Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))))
  if (fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs > sourcesAt) return built

  console.log(`building the kiosk into ${dist} …`)
  const env = { ...process.env, YIZHAN_DIST: dist }
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, env, stdio: 'inherit' })
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { cwd: ROOT, env, stdio: 'inherit' })
  fs.writeFileSync(stamp, new Date().toISOString())
  return built
}
