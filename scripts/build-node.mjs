// Bundles the Node side (Electron main, preload, serve mode) into dist/electron as CommonJS.
// sqlite3 stays external (a native addon) and so does electron (provided by the runtime).
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

await Promise.all([
  build({ ...common, entryPoints: ['electron/core/serve-cli.ts'], outfile: `${out}/electron/serve.cjs` }),
  build({ ...common, entryPoints: ['electron/core/restore-cli.ts'], outfile: `${out}/electron/restore.cjs` }),
  build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: `${out}/electron/main.cjs` }),
  // Sandboxed preloads cannot require project files: bundle everything it needs into one file.
  build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: `${out}/electron/preload.cjs` }),
])
