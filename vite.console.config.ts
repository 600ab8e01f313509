import path from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const ROOT = import.meta.dirname

/**
 * The county console: a browser app for county staff, served by the hub at /console/ (county/app.ts) from
 * `<dist>/county-console`. Its own build, apart from the kiosk's renderer, so neither bundle carries the
 * other's screens.
 */
export default defineConfig({
  root: path.join(ROOT, 'county', 'console'),
  base: '/console/',
  plugins: [react()],
  build: {
    // YIZHAN_DIST lets several checkouts' builds and e2e runs share a machine without overwriting each other.
    outDir: path.resolve(ROOT, process.env.YIZHAN_DIST ?? 'dist', 'county-console'),
    emptyOutDir: true,
    target: 'chrome140',
    // Chromium has native modulepreload; the polyfill would be dead code.
    modulePreload: { polyfill: false },
    // antd and ECharts are large by nature; the pages that need ECharts load it on their own.
    chunkSizeWarningLimit: 1600,
  },
  // `npx vite --config vite.console.config.ts` for UI work: the API comes from a hub on 127.0.0.1.
  server: {
    host: '127.0.0.1',
    proxy: {
      '/console/api': { target: process.env.YIZHAN_HUB ?? 'http://127.0.0.1:8790', changeOrigin: true },
    },
  },
})
