/**
 * The resident home's initial JavaScript, gzipped: the entry script of the built index.html, the chunks it
 * modulepreloads, and whatever else those import statically (a chunk imported but not preloaded still
 * loads before the first paint). Chunks loaded with import() — the five task screens, the lunar calendar,
 * charts — are not initial and are listed apart. Target ≤ 350 KB.
 *
 * For information, the bytes the home screen actually fetched in Chromium by kind (JS, CSS, fonts): the
 * CJK font comes in unicode-range subsets, and only those for the glyphs on screen load.
 *
 * Prints figures; asserts nothing.
 */
import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { report } from './lib'
import { kioskBuild } from './kiosk/build'
import { freshDataDir, interactiveAt, launchChromium, startServer, watchInteractive } from './kiosk/browser'

const TARGET_KB = 350
const kb = (bytes: number) => bytes / 1024
const fmtKb = (bytes: number) => `${kb(bytes).toFixed(1)} KB`.padStart(10)

const build = kioskBuild()
const html = fs.readFileSync(path.join(build.rendererDir, 'index.html'), 'utf8')
const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]+)"`).exec(tag)?.[1]
const tags = html.match(/<(script|link)\b[^>]*>/g) ?? []
const entryScripts = tags.filter((t) => t.startsWith('<script') && /type="module"/.test(t))
const preloads = tags.filter((t) => /rel="modulepreload"/.test(t))
const stylesheets = tags.filter((t) => /rel="stylesheet"/.test(t))

const resolveAsset = (from: string, ref: string) => path.resolve(path.dirname(from), ref)

/** Static imports of a built chunk (`import{a}from"./x.js"`, `import"./y.js"`), not `import("./z.js")`. */
function staticImports(file: string): string[] {
  const code = fs.readFileSync(file, 'utf8')
  const refs = [...code.matchAll(/(?:\bfrom\s*|\bimport\s*)["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g)]
  return refs.flatMap((m) => (m[1] ? [resolveAsset(file, m[1])] : []))
}
function dynamicImports(file: string): string[] {
  const code = fs.readFileSync(file, 'utf8')
  const refs = [...code.matchAll(/["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g)]
  return refs.flatMap((m) => (m[1] ? [resolveAsset(file, m[1])] : []))
}

const indexFile = path.join(build.rendererDir, 'index.html')
const roots = [...entryScripts.map((t) => attr(t, 'src')), ...preloads.map((t) => attr(t, 'href'))]
  .filter((ref): ref is string => ref !== undefined)
  .map((ref) => resolveAsset(indexFile, ref))
const initial = new Set<string>()
const queue = [...roots]
for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
  if (initial.has(file)) continue
  initial.add(file)
  queue.push(...staticImports(file))
}
const lazy = new Set<string>()
for (const file of initial) for (const ref of dynamicImports(file)) if (!initial.has(ref)) lazy.add(ref)

interface Sized {
  readonly name: string
  readonly raw: number
  readonly gzip: number
}
const sized = (file: string): Sized => {
  const bytes = fs.readFileSync(file)
  return { name: path.basename(file), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
}
const sum = (xs: readonly Sized[], k: 'raw' | 'gzip') => xs.reduce((a, x) => a + x[k], 0)

const initialJs = [...initial].map(sized)
const lazyJs = [...lazy].filter((f) => fs.existsSync(f)).map(sized)
const css = stylesheets
  .map((t) => attr(t, 'href'))
  .filter((ref): ref is string => ref !== undefined)
  .map((ref) => sized(resolveAsset(indexFile, ref)))

console.log(`build: ${build.rendererDir}`)
console.log('initial JavaScript (entry + modulepreload + their static imports), gzip -9:')
for (const f of initialJs) console.log(`  ${fmtKb(f.gzip)}  (${fmtKb(f.raw)} raw)  ${f.name}`)
const initialGzip = sum(initialJs, 'gzip')
console.log(`  ${fmtKb(initialGzip)}  (${fmtKb(sum(initialJs, 'raw'))} raw)  total; target ≤ ${TARGET_KB} KB`)
console.log('loaded later with import() (not initial):')
for (const f of lazyJs) console.log(`  ${fmtKb(f.gzip)}  (${fmtKb(f.raw)} raw)  ${f.name}`)
console.log('stylesheets in index.html:')
for (const f of css) console.log(`  ${fmtKb(f.gzip)}  (${fmtKb(f.raw)} raw)  ${f.name}`)

report('kiosk-bundle', 'home initial JS, gzip', kb(initialGzip), 'KB', `target ≤ ${TARGET_KB} KB`)
report('kiosk-bundle', 'home initial JS, raw', kb(sum(initialJs, 'raw')), 'KB')
report('kiosk-bundle', 'home CSS, gzip', kb(sum(css, 'gzip')), 'KB', 'index.html stylesheets')

// What the home screen fetches in Chromium until it is interactive and its fonts are in.
const dataDir = freshDataDir()
const server = await startServer(build.serveScript, dataDir, true)
const browser = await launchChromium()
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
  const fetched = new Map<string, { kind: string; bytes: number }>()
  page.on('response', (res) => {
    const url = res.url()
    if (!url.startsWith(server.url)) return
    void res.body().then(
      (body) => fetched.set(url, { kind: res.request().resourceType(), bytes: body.length }),
      () => {},
    )
  })
  await watchInteractive(page)
  await page.goto(server.url)
  await interactiveAt(page)
  await page.evaluate(
    () =>
      (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready,
  )
  await page.waitForLoadState('networkidle')
  const byKind = new Map<string, { n: number; bytes: number }>()
  for (const { kind, bytes } of fetched.values()) {
    const k = byKind.get(kind) ?? { n: 0, bytes: 0 }
    byKind.set(kind, { n: k.n + 1, bytes: k.bytes + bytes })
  }
  console.log('fetched by the home screen in Chromium (uncompressed; serve mode does not compress):')
  for (const [kind, { n, bytes }] of [...byKind].sort((a, b) => b[1].bytes - a[1].bytes))
    console.log(`  ${fmtKb(bytes)}  ${String(n).padStart(3)} × ${kind}`)
  const fonts = byKind.get('font') ?? { n: 0, bytes: 0 }
  report('kiosk-bundle', 'home fonts fetched', kb(fonts.bytes), 'KB', `${fonts.n} WOFF2 subsets`)
  report(
    'kiosk-bundle',
    'home JS fetched',
    kb(byKind.get('script')?.bytes ?? 0),
    'KB',
    'raw, incl. lazy chunks it loads',
  )
} finally {
  await browser.close()
  await server.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
}
