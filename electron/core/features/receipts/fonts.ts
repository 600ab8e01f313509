import fs from 'node:fs'
import path from 'node:path'
import * as fontkit from 'fontkit'

/**
 * The CJK font of the PDF copy: Google's Noto Sans SC, the family the screens use, as one TrueType file
 * with all its 30,000 characters (all of GBK's hanzi, so rare characters in residents' names print too).
 * It ships with the app, so the copy needs no network and no system font (Windows kiosks have no Noto).
 * Bold is drawn by stroking the regular outlines, which saves a second 10 MB file.
 *
 * Where the file is:
 * - a build (serve.cjs and Electron's main.cjs in dist/electron/): dist/fonts/, copied there by
 *   scripts/build-node.mjs from the dev dependency @expo-google-fonts/noto-sans-sc; in the Electron
 *   package that is inside app.asar, which the main process reads like any folder;
 * - tests and scripts run from the sources: that package in node_modules.
 *
 * The parsed font is kept for the life of the process, and its text layout maps characters straight to
 * glyphs: OpenType shaping would parse the font's large GSUB/GPOS tables for nothing, since Chinese and
 * the digits of a receipt need no ligatures or contextual forms.
 */

export const FONT_FILE = 'NotoSansSC-Regular.ttf'
export const FONT_LICENSE_FILE = 'NotoSansSC-OFL.txt'
/** Where scripts/build-node.mjs copies the font from, relative to the project root. */
export const FONT_SOURCE = path.join(
  'node_modules',
  '@expo-google-fonts',
  'noto-sans-sc',
  '400Regular',
  'NotoSansSC_400Regular.ttf',
)

let cached: fontkit.Font | null = null

/** The font, found and parsed once per process. Throws when the file is missing: a broken install. */
export function receiptFont(): fontkit.Font {
  cached ??= loadFont(findFontFile())
  return cached
}

export function findFontFile(candidates: readonly string[] = fontFileCandidates()): string {
  const file = candidates.find((f) => fs.existsSync(f))
  if (!file) throw new Error(`receipt font not found; looked for: ${candidates.join(', ')}`)
  return file
}

function fontFileCandidates(): string[] {
  const out: string[] = []
  // In the CommonJS bundle __dirname is dist/electron; in ES modules run from source it does not exist.
  if (typeof __dirname === 'string') {
    out.push(path.resolve(__dirname, '..', 'fonts', FONT_FILE))
    // This file run from source (electron/core/features/receipts), e.g. under Vitest.
    out.push(path.resolve(__dirname, '..', '..', '..', '..', FONT_SOURCE))
  }
  out.push(path.resolve(FONT_SOURCE))
  return out
}

export function loadFont(file: string): fontkit.Font {
  const font = fontkit.create(fs.readFileSync(file))
  if (!('glyphForCodePoint' in font)) throw new Error(`${file} is a font collection, not a font`)
  return withPlainLayout(font)
}

/**
 * The font with `layout` replaced by a one-to-one character-to-glyph mapping with the glyphs' own
 * advances. pdfkit scales the positions it gets in place, so each call returns fresh objects, and the
 * run's advanceWidth is summed when read, as fontkit's GlyphRun does.
 */
function withPlainLayout(font: fontkit.Font): fontkit.Font {
  const layout = (text: string) => {
    const glyphs = [...text].map((ch) => font.glyphForCodePoint(ch.codePointAt(0) ?? 0))
    const positions = glyphs.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 }))
    return {
      glyphs,
      positions,
      get advanceWidth() {
        return positions.reduce((sum, p) => sum + p.xAdvance, 0)
      },
    }
  }
  return new Proxy(font, {
    get(target, prop) {
      if (prop === 'layout') return layout
      const value: unknown = Reflect.get(target, prop, target)
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
}
