// Bundles the Node side (Electron main, preload, serve mode) into dist/electron as CommonJS.
// sqlite3 stays external (a native addon) and so does electron (provided by the runtime).
import fs from 'node:fs'
import { build } from 'esbuild'

// YIZHAN_DIST (absolute) puts the build elsewhere, so parallel e2e runs do not overwrite each other.
const out = process.env.YIZHAN_DIST ?? 'dist'

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  external: ['electron', 'sqlite3'],
}

// ES modules bundled into CommonJS lose import.meta.url, which pdfkit's ESM build reads as it loads: give
// them the bundle's own URL. Not in the preload: a sandboxed preload cannot require 'node:url'.
const node = {
  ...common,
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
}

await Promise.all([
  build({ ...node, entryPoints: ['electron/core/serve-cli.ts'], outfile: `${out}/electron/serve.cjs` }),
  build({ ...node, entryPoints: ['electron/core/restore-cli.ts'], outfile: `${out}/electron/restore.cjs` }),
  build({ ...node, entryPoints: ['electron/main/main.ts'], outfile: `${out}/electron/main.cjs` }),
  // The county hub, pg included; pg-native is an optional addon pg only tries to load when asked to.
  // PGlite (the demo store) stays in node_modules: it loads its WebAssembly and data files from beside
  // its own module.
  build({
    ...common,
    entryPoints: ['county/main.ts'],
    outfile: `${out}/county/main.cjs`,
    external: ['pg-native', '@electric-sql/pglite'],
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
