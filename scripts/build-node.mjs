// Bundles the Node side (Electron main, preload, serve mode) into dist/electron as CommonJS.
// sqlite3 stays external (a native addon) and so does electron (provided by the runtime).
import { build } from 'esbuild'

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
  build({ ...common, entryPoints: ['electron/core/serve-cli.ts'], outfile: 'dist/electron/serve.cjs' }),
  build({ ...common, entryPoints: ['electron/core/restore-cli.ts'], outfile: 'dist/electron/restore.cjs' }),
  build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.cjs' }),
  // Sandboxed preloads cannot require project files: bundle everything it needs into one file.
  build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/electron/preload.cjs' }),
])
