import { type ChildProcess, spawn } from 'node:child_process'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import type { InputOf, Method, OutputOf } from '../../contract/api'
import type { Result } from '../../contract/result'

const ROOT = path.resolve(import.meta.dirname, '..', '..')
const SERVE = path.join(process.env.YIZHAN_DIST ?? path.join(ROOT, 'dist'), 'electron', 'serve.cjs')
const READY_TIMEOUT_MS = 30_000

/** A station backend in serve mode with its own fresh data directory. */
export interface Station {
  readonly url: string
  /** The server's data directory (station.sqlite, receipts/ …), for checks on what it wrote. */
  readonly dataDir: string
  /** Calls the API the way the renderer does, to compare what the screen shows with the data. */
  call<M extends Method>(method: M, input: InputOf<M>): Promise<OutputOf<M>>
}

/** The demo station that global-setup.ts made once; copied per test, which is faster than generating it. */
const DEMO_TEMPLATE = process.env.YIZHAN_E2E_DEMO_TEMPLATE

export async function startServer(
  dataDir: string,
  demo: boolean,
): Promise<{ url: string; child: ChildProcess }> {
  const args = [SERVE, '--data', dataDir, '--port', '0', '--no-backups', ...(demo ? ['--demo'] : [])]
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`serve did not start in time:\n${output}`)),
      READY_TIMEOUT_MS,
    )
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8')
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (m?.[1]) {
        clearTimeout(timer)
        resolve(m[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`serve exited with ${code} before listening:\n${output}`))
    })
  })
  return { url, child }
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}

export const test = base.extend<{ demo: boolean; station: Station }>({
  /** Start the server with `--demo` (a set-up demo station) instead of an empty data directory. */
  demo: [false, { option: true }],
  station: async ({ demo }, use) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'yizhan-e2e-'))
    if (demo && DEMO_TEMPLATE) await cp(DEMO_TEMPLATE, dataDir, { recursive: true })
    const { url, child } = await startServer(dataDir, demo && !DEMO_TEMPLATE)
    try {
      await use({
        url,
        dataDir,
        async call(method, input) {
          const res = await fetch(`${url}/api/${method}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(input),
          })
          const body = (await res.json()) as Result<never>
          if (!body.ok) throw new Error(`${method}: ${body.error.code} ${body.error.message}`)
          return body.value
        },
      })
    } finally {
      await stopServer(child)
      await rm(dataDir, { recursive: true, force: true })
    }
  },
})

export { expect }

/** Saves a screenshot where the run keeps it: test-results/screens/<viewport>-<name>.png */
export async function screenshot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize()
  const prefix = size ? `${size.width}x${size.height}` : 'page'
  await page.screenshot({ path: path.join(ROOT, 'test-results', 'screens', `${prefix}-${name}.png`) })
}

/** Records every request the page makes, to prove nothing leaves the machine. */
export function recordRequests(page: Page): string[] {
  const urls: string[] = []
  page.on('request', (req) => urls.push(req.url()))
  return urls
}
