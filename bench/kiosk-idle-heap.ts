/**
 * The renderer's heap over 500 idle resets: each cycle opens a task screen from its tile (the five in
 * turn), switches 大字, taps the screen's first control and types a few keys, then lets the idle timeout
 * run out with Playwright's clock (90 s to the prompt, 30 s of countdown) until the home screen is back.
 * The heap is measured a second after the page settled, after a forced garbage collection (CDP
 * HeapProfiler.collectGarbage, then Runtime.getHeapUsage), with the DOM counters beside it, and split by
 * a heap snapshot into the page's JavaScript values (where a visit that leaks would leave its state),
 * compiled code (which grows for a while as V8 optimises what runs often) and the rest (engine internals,
 * the browser's bounded performance-timeline buffers, DevTools' network records for the harness).
 *
 * Each idle reset ends with the page reloaded (KioskApp: nobody answered the prompt), so every visit
 * starts from a fresh page; what this checks is that nothing piles up in the renderer across reloads
 * (the tab's V8 isolate outlives its pages, with its compilation cache). "Start" is the home screen after
 * one warm-up round through all five screens; the first home screen is printed too. Target: growth < 10 %.
 *
 * Prints figures; asserts nothing.
 */
import fs from 'node:fs'
import type { Page } from 'playwright-core'
import { report } from './lib'
import { kioskBuild } from './kiosk/build'
import { freshDataDir, interactiveAt, launchChromium, startServer, watchInteractive } from './kiosk/browser'
import { type HeapFigures, measureHeap } from './kiosk/heap'

const CYCLES = 500
const TASK_IDLE_MS = 90_000
const PROMPT_MS = 30_000
const TILES = ['petition', 'findRepresentative', 'dutyCalendar', 'progress', 'publicBoard'] as const
const TARGET_GROWTH = 0.1

const mb = (bytes: number) => bytes / 2 ** 20
const fmt = (h: HeapFigures) =>
  `${mb(h.used).toFixed(2)} MB heap (JS values ${mb(h.objects).toFixed(2)}, code ${mb(h.code).toFixed(2)}, ` +
  `engine ${mb(h.engine).toFixed(2)}), ${h.domNodes} DOM nodes, ${h.listeners} listeners`
const pct = (end: number, start: number) => `${((end / start - 1) * 100).toFixed(1)} %`

/** One resident's visit, ended by the idle timeout. */
async function visit(page: Page, i: number): Promise<void> {
  const tile = TILES[i % TILES.length] ?? 'petition'
  await page.getByTestId(`entry-${tile}`).click()
  await page.getByTestId('entry-petition').waitFor({ state: 'detached' })
  await page.locator('.resident__main').waitFor()
  await page.getByTestId('text-size').click()
  // Something of the visit to forget: a tap on the screen's first control (a category, a filter, a key)
  // and a few typed keys.
  const first = page.locator('.resident__main button:enabled').first()
  if ((await first.count()) > 0) await first.click({ timeout: 5_000 }).catch(() => {})
  await page.keyboard.type('ldbl')
  await page.clock.fastForward(TASK_IDLE_MS)
  await page.getByTestId('idle-prompt').waitFor()
  // Nobody answers: the kiosk forgets the resident and reloads the page (KioskApp, reloadForNextResident).
  const reloaded = page.waitForEvent('load')
  await page.clock.fastForward(PROMPT_MS)
  await reloaded
  await page.getByTestId('entry-petition').waitFor()
  await page.getByTestId('idle-prompt').waitFor({ state: 'detached' })
}

const build = kioskBuild()
const dataDir = freshDataDir()
const server = await startServer(build.serveScript, dataDir, true)
const browser = await launchChromium()
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, hasTouch: true })
  const cdp = await page.context().newCDPSession(page)
  await page.clock.install()
  await watchInteractive(page)
  await page.goto(server.url)
  await interactiveAt(page)
  const fresh = await measureHeap(cdp)
  for (let i = 0; i < TILES.length; i++) await visit(page, i)
  const start = await measureHeap(cdp)
  console.log(`fresh home:                         ${fmt(fresh)}`)
  console.log(`start (after one round of screens): ${fmt(start)}`)

  const t0 = Date.now()
  let half = start
  for (let i = 0; i < CYCLES; i++) {
    await visit(page, i)
    if ((i + 1) % 100 === 0 && i + 1 < CYCLES)
      console.log(`after ${i + 1} cycles: ${fmt(await measureHeap(cdp))}`)
    if (i + 1 === CYCLES / 2) half = await measureHeap(cdp)
  }
  const seconds = (Date.now() - t0) / 1000
  const end = await measureHeap(cdp)
  console.log(`end (after ${CYCLES} idle resets):      ${fmt(end)}`)
  console.log(
    `growth against the start: heap ${pct(end.used, start.used)}, JS values ${pct(end.objects, start.objects)}, ` +
      `code ${pct(end.code, start.code)}; over the second half: heap ${pct(end.used, half.used)}, ` +
      `JS values ${pct(end.objects, half.objects)} (${CYCLES} cycles in ${seconds.toFixed(0)} s)`,
  )
  report('kiosk-idle-heap', 'heap at start', mb(start.used), 'MB', 'home after one round of screens')
  report('kiosk-idle-heap', `heap after ${CYCLES} idle resets`, mb(end.used), 'MB')
  report(
    'kiosk-idle-heap',
    'heap growth',
    (end.used / start.used - 1) * 100,
    '%',
    `target < ${TARGET_GROWTH * 100} %`,
  )
  report('kiosk-idle-heap', 'JS values growth', (end.objects / start.objects - 1) * 100, '%', 'heap snapshot')
  report(
    'kiosk-idle-heap',
    'heap growth, second half',
    (end.used / half.used - 1) * 100,
    '%',
    `cycles ${CYCLES / 2}–${CYCLES}`,
  )
  report(
    'kiosk-idle-heap',
    'DOM nodes start → end',
    end.domNodes - start.domNodes,
    'nodes',
    `${start.domNodes} → ${end.domNodes}`,
  )
} finally {
  await browser.close()
  await server.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
}
