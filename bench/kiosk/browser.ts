import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { type Browser, type Page, chromium } from 'playwright-core'
import playwrightConfig from '../../playwright.config'

/** Serve mode and Debian's Chromium for the kiosk benchmarks, set up as the e2e tests set them up. */

/** Wall-clock milliseconds with sub-millisecond precision, comparable with a page's `epochNow()`. */
export const epochNow = (): number => performance.timeOrigin + performance.now()

/** The flags the e2e tests give Chromium (playwright.config.ts), so both measure the same browser. */
const CHROMIUM_ARGS = playwrightConfig.use?.launchOptions?.args ?? []

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
}

export interface Server {
  readonly url: string
  readonly dataDir: string
  /** epochNow() when the server printed that it listens. */
  readonly listeningAt: number
  stop(): Promise<void>
}

export function freshDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-bench-kiosk-'))
}

/** Starts serve mode on a free port; `demo` loads the demo data into an empty data directory first. */
export async function startServer(serveScript: string, dataDir: string, demo: boolean): Promise<Server> {
  const args = [serveScript, '--data', dataDir, '--port', '0', '--no-backups', ...(demo ? ['--demo'] : [])]
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const { url, listeningAt } = await new Promise<{ url: string; listeningAt: number }>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8')
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (m?.[1]) resolve({ url: m[1], listeningAt: epochNow() })
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)))
  })
  return { url, dataDir, listeningAt, stop: () => stopChild(child) }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}

interface InteractiveWindow {
  __interactiveAt?: number
}

/**
 * Notes in the page when the home screen is interactive: the five entry tiles drawn and the duty list
 * loaded (its cards, or the notice that nobody is on duty). A MutationObserver catches the first frame
 * of it, rather than a poll from outside that would add its own delay. Plain source text: tsx would wrap
 * the named functions of a TypeScript callback in a helper that does not exist in the page.
 */
const WATCH_INTERACTIVE = `(() => {
  const ready = () =>
    Array.from(document.querySelectorAll('[data-testid^="entry-"]')).filter((el) => el.getClientRects().length > 0)
      .length === 5 && document.querySelector('[data-testid="duty-card"], [data-testid="duty-empty"]') !== null
  const observer = new MutationObserver(() => {
    if (window.__interactiveAt === undefined && ready()) {
      window.__interactiveAt = performance.timeOrigin + performance.now()
      observer.disconnect()
    }
  })
  observer.observe(document, { childList: true, subtree: true })
})()`

export async function watchInteractive(page: Page): Promise<void> {
  await page.addInitScript({ content: WATCH_INTERACTIVE })
}

/** epochNow() in the page when the home screen became interactive. */
export async function interactiveAt(page: Page, timeoutMs = 60_000): Promise<number> {
  const handle = await page.waitForFunction(
    () => (globalThis as unknown as InteractiveWindow).__interactiveAt,
    undefined,
    { timeout: timeoutMs },
  )
  return (await handle.jsonValue()) as number
}
