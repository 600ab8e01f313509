/**
 * Time from starting serve mode to the resident home screen being interactive in Chromium (the five
 * entry tiles drawn and today's duty list loaded). Target ≤ 1.5 s.
 *
 *  - warm browser: Chromium already runs with a blank page; the clock starts when serve mode is spawned;
 *    the page opens the address as soon as the server says it listens. Both the first start on an empty
 *    data directory with --demo (the demo data is generated then) and the everyday restart on the same,
 *    set-up directory.
 *  - cold: serve mode and Chromium start together, as at boot; Chromium's own launch is part of the time.
 *
 * Prints figures; asserts nothing.
 */
import fs from 'node:fs'
import type { Browser } from 'playwright-core'
import { formatSummary, report, summarize } from './lib'
import { kioskBuild } from './kiosk/build'
import {
  epochNow,
  freshDataDir,
  interactiveAt,
  launchChromium,
  startServer,
  watchInteractive,
} from './kiosk/browser'

const WARM_RUNS = 7
const COLD_RUNS = 5
const TARGET_MS = 1_500

const build = kioskBuild()

interface Run {
  /** spawn → the server says it listens */
  readonly listen: number
  /** spawn → interactive */
  readonly total: number
}

/** One start with Chromium already running: spawn serve mode, open the page, wait for the home screen. */
async function warmRun(browser: Browser, dataDir: string, demo: boolean): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
  const page = await context.newPage()
  await watchInteractive(page)
  const t0 = epochNow()
  const server = await startServer(build.serveScript, dataDir, demo)
  try {
    await page.goto(server.url)
    const at = await interactiveAt(page)
    return { listen: server.listeningAt - t0, total: at - t0 }
  } finally {
    await context.close()
    await server.stop()
  }
}

/** One start from nothing: serve mode and Chromium launched together. */
async function coldRun(dataDir: string): Promise<Run & { browser: number }> {
  const t0 = epochNow()
  const [server, browser] = await Promise.all([
    startServer(build.serveScript, dataDir, true),
    launchChromium().then((b) => ({ b, at: epochNow() })),
  ])
  try {
    const page = await browser.b.newPage({ viewport: { width: 1920, height: 1080 } })
    await watchInteractive(page)
    await page.goto(server.url)
    const at = await interactiveAt(page)
    return { listen: server.listeningAt - t0, browser: browser.at - t0, total: at - t0 }
  } finally {
    await browser.b.close()
    await server.stop()
  }
}

function print(label: string, runs: readonly Run[]): void {
  const total = summarize(runs.map((r) => r.total))
  const listen = summarize(runs.map((r) => r.listen))
  console.log(`${label}`)
  console.log(`  spawn → interactive  ${formatSummary(total)}`)
  console.log(`  spawn → listening    ${formatSummary(listen)}`)
  report('kiosk-startup', `${label}: median`, total.p50, 'ms', `target ≤ ${TARGET_MS} ms`)
  report('kiosk-startup', `${label}: max`, total.max, 'ms')
  report('kiosk-startup', `${label}: server listening, median`, listen.p50, 'ms')
}

const dirs: string[] = []
const newDir = () => {
  const dir = freshDataDir()
  dirs.push(dir)
  return dir
}

try {
  const browser = await launchChromium()
  const first: Run[] = []
  const restart: Run[] = []
  try {
    // One start to warm the page cache (the build's files, node, Chromium), not counted.
    await warmRun(browser, newDir(), true)
    for (let i = 0; i < WARM_RUNS; i++) {
      const dir = newDir()
      first.push(await warmRun(browser, dir, true))
      restart.push(await warmRun(browser, dir, false))
    }
  } finally {
    await browser.close()
  }
  print('warm browser, first start (--demo)', first)
  print('warm browser, restart (set-up data)', restart)

  const cold: (Run & { browser: number })[] = []
  for (let i = 0; i < COLD_RUNS; i++) cold.push(await coldRun(newDir()))
  print('cold (Chromium launched too, --demo)', cold)
  const launch = summarize(cold.map((r) => r.browser))
  console.log(`  spawn → Chromium up  ${formatSummary(launch)}`)
  report('kiosk-startup', 'Chromium launch, median', launch.p50, 'ms')
} finally {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
}
