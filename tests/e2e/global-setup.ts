import { execFileSync } from 'node:child_process'
import path from 'node:path'

/** Builds the renderer and the serve-mode backend once per run; YIZHAN_SKIP_BUILD=1 reuses dist/. */
export default function globalSetup(): void {
  if (process.env.YIZHAN_SKIP_BUILD === '1') return
  const cwd = path.resolve(import.meta.dirname, '..', '..')
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd, stdio: 'inherit' })
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { cwd, stdio: 'inherit' })
}
