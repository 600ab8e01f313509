// Bundles the Node side (Electron main, preload, serve mode) into dist/electron as CommonJS.
import fs from 'node:fs'
import { build } from 'esbuild'

// What the bundles leave to node_modules (the packaged app carries production dependencies only, so each
// of these but electron must be one; tests/unit/build checks it):
//  - runtime: provided by Electron, or a native addon that cannot be bundled (sqlite3);
//  - loadedOnDemand: libraries only a few staff actions load (Excel, PDF, the pinyin dictionary for
//    roster writes). Out of the bundle, starting the station does not compile them: they were 4.8 MB of
//    the 7.9 MB serve bundle and ~130 ms of every start (bench kiosk-startup).
const { runtime: RUNTIME, loadedOnDemand: LOADED_ON_DEMAND } = JSON.parse(
  fs.readFileSync(new URL('./bundle-externals.json', import.meta.url), 'utf8'),
)

// YIZHAN_DIST (absolute) puts the build elsewhere, so parallel e2e runs do not overwrite each other.
const out = process.env.YIZHAN_DIST ?? 'dist'

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  external: RUNTIME,
}

// Not the preload: it loads none of them, and a sandboxed preload cannot require from node_modules.
const node = { ...common, external: [...RUNTIME, ...LOADED_ON_DEMAND] }

await Promise.all([
  build({ ...node, entryPoints: ['electron/core/serve-cli.ts'], outfile: `${out}/electron/serve.cjs` }),
  build({ ...node, entryPoints: ['electron/core/restore-cli.ts'], outfile: `${out}/electron/restore.cjs` }),
  build({
    ...node,
    entryPoints: ['electron/core/recover-key-cli.ts'],
    outfile: `${out}/electron/recover-key.cjs`,
  }),
  build({
    ...node,
    entryPoints: ['electron/core/reset-admin-cli.ts'],
    outfile: `${out}/electron/reset-admin.cjs`,
  }),
  build({ ...node, entryPoints: ['electron/main/main.ts'], outfile: `${out}/electron/main.cjs` }),
  // The county hub, pg included; pg-native is an optional addon pg only tries to load when asked to.
  // PGlite (the demo store) stays in node_modules: it loads its WebAssembly and data files from beside
  // its own module.
  build({
    ...common,
    entryPoints: ['county/main.ts'],
    outfile: `${out}/county/main.cjs`,
    external: ['pg-native', '@electric-sql/pglite', ...LOADED_ON_DEMAND],
  }),
  // Sandboxed preloads cannot require project files: bundle everything it needs into one file.
  build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: `${out}/electron/preload.cjs` }),
])

// The receipt PDF copy's font (electron/core/features/receipts/fonts.ts looks for it in dist/fonts): one
// file from a dev dependency, so the app ships 10 MB instead of the whole package; its licence goes along.
const fontPackage = 'node_modules/@expo-google-fonts/noto-sans-sc'
fs.mkdirSync(`${out}/fonts`, { recursive: true })
fs.copyFileSync(`${fontPackage}/400Regular/NotoSansSC_400Regular.ttf`, `${out}/fonts/NotoSansSC-Regular.ttf`)
fs.copyFileSync(`${fontPackage}/LICENSE_FONT`, `${out}/fonts/NotoSansSC-OFL.txt`)
