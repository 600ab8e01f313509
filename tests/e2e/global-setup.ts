import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServer, stopServer } from './fixtures'

/**
 * Builds the renderer, the county console and the serve-mode backend once per run (YIZHAN_SKIP_BUILD=1
 * reuses the build), and makes one demo station that the tests with demo data copy: generating it takes
 * seconds, copying it a few milliseconds. Playwright passes the environment set here on to its workers.
 */
export default async function globalSetup(): Promise<() => void> {
  const cwd = path.resolve(import.meta.dirname, '..', '..')
  if (process.env.YIZHAN_SKIP_BUILD !== '1') {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd, stdio: 'inherit' })
    execFileSync('npx', ['vite', 'build', '--config', 'vite.console.config.ts', '--logLevel', 'warn'], {
      cwd,
      stdio: 'inherit',
    })
    execFileSync(process.execPath, ['scripts/build-node.mjs'], { cwd, stdio: 'inherit' })
  }
  const template = mkdtempSync(path.join(os.tmpdir(), 'yizhan-e2e-demo-'))
  const { child } = await startServer(template, true)
  // A clean stop checkpoints the WAL into station.sqlite, so the copy is one consistent file.
  await stopServer(child)
  process.env.YIZHAN_E2E_DEMO_TEMPLATE = template
  return () => rmSync(template, { recursive: true, force: true })
}
