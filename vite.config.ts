import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'
import { pinyinIndex } from './vite.pinyin-index.config'

/**
 * @fontsource CSS lists a WOFF2 source and a WOFF fallback for every subset. Chromium (Electron and the
 * browser kiosk) always takes WOFF2, so the fallbacks would only double the size of the build with files
 * that are never read. This drops them before Vite resolves the CSS urls.
 */
function woff2Only(): Plugin {
  return {
    name: 'yizhan:woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/@fontsource[\\/].+\.css$/.test(id)) return null
      return { code: code.replace(/,\s*url\([^)]*\.woff\)\s*format\('woff'\)/g, ''), map: null }
    },
  }
}

export default defineConfig({
  root: 'renderer',
  // Relative asset urls: the same build loads from app://yizhan/ (Electron) and from serve mode.
  base: './',
  plugins: [woff2Only(), react(), pinyinIndex()],
  build: {
    // YIZHAN_DIST lets several checkouts' builds and e2e runs share a machine without overwriting each other.
    outDir: `${process.env.YIZHAN_DIST ?? '../dist'}/renderer`,
    emptyOutDir: true,
    target: 'chrome140',
    // Chromium has native modulepreload; the polyfill would be dead code.
    modulePreload: { polyfill: false },
  },
  // `npx vite` for UI work: the API comes from a serve-mode backend on 127.0.0.1 (port 8787 by default).
  server: {
    host: '127.0.0.1',
    proxy: { '/api': { target: process.env.YIZHAN_API ?? 'http://127.0.0.1:8787', changeOrigin: true } },
  },
})
