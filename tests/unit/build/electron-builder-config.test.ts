import fs from 'node:fs'
import path from 'node:path'
import Ajv from 'ajv'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../../..')
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'))

interface TargetEntry {
  readonly target: string
  readonly arch: readonly string[]
}
interface BuilderConfig {
  readonly [key: string]: unknown
  readonly files: readonly string[]
  readonly asarUnpack: readonly string[]
  readonly extraMetadata: { readonly main: string }
  readonly win: { readonly target: readonly TargetEntry[] }
  readonly nsis: Readonly<Record<string, unknown>>
  readonly linux: { readonly target: readonly TargetEntry[] } & Readonly<Record<string, unknown>>
}

const config = readJson('build/electron-builder.json') as BuilderConfig
// electron-builder's own schema for its configuration (draft-07), shipped with the installed version.
const schema = readJson('node_modules/app-builder-lib/scheme.json') as object
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema)

/** electron-builder's file patterns: `**` crosses folders, `*` stays within one. */
function matches(pattern: string, file: string): boolean {
  const re = pattern
    .split('**/')
    .map((part) =>
      part
        .split('**')
        .map((p) =>
          p
            .split('*')
            .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
            .join('[^/]*'),
        )
        .join('.*'),
    )
    .join('(?:.*/)?')
  return new RegExp(`^${re}$`).test(file)
}
const included = (file: string) => config.files.some((p) => !p.startsWith('!') && matches(p, file))

describe('the electron-builder configuration', () => {
  it("is valid against electron-builder's schema", () => {
    const ok = validate(config)
    expect(validate.errors ?? []).toEqual([])
    expect(ok).toBe(true)
  })

  it.each([
    ['a misspelt top-level key', { ...config, appID: 'x' }],
    ['a wrong type', { ...config, nsis: { ...config.nsis, oneClick: 'no' } }],
    ['an unknown architecture', { ...config, win: { target: [{ target: 'nsis', arch: ['x86'] }] } }],
    ['an unknown NSIS option', { ...config, nsis: { ...config.nsis, oneclick: false } }],
  ])('rejects a copy with %s, so the schema check can fail', (_name, wrong) => {
    expect(validate(wrong)).toBe(false)
  })

  it('names the app and leaves native modules and publishing alone', () => {
    expect(config).toMatchObject({
      appId: 'cn.gov.fanxian.yizhan',
      productName: '民意驿站',
      npmRebuild: false,
      publish: null,
      directories: { output: 'release' },
    })
  })

  it('packages for the Electron version installed in the project', () => {
    const electron = readJson('node_modules/electron/package.json') as { version: string }
    expect(config.electronVersion).toBe(electron.version)
    expect(config.electronVersion).toBe('45.5.0')
  })

  it('builds an assisted per-machine NSIS installer in Chinese for x64 and arm64', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }])
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: true,
      allowElevation: true,
      allowToChangeInstallationDirectory: true,
      language: '2052',
      installerLanguages: ['zh_CN'],
      createDesktopShortcut: true,
      shortcutName: '民意驿站',
    })
  })

  it('builds deb and AppImage packages for x64 and arm64', () => {
    const targets = Object.fromEntries(config.linux.target.map((t) => [t.target, [...t.arch].sort()]))
    expect(targets).toEqual({ deb: ['arm64', 'x64'], AppImage: ['arm64', 'x64'] })
    expect(config.linux.category).toBe('Office')
    expect(config.linux.maintainer).toMatch(/.+ <.+@.+>/)
    expect(config.linux.synopsis).toEqual(expect.any(String))
  })

  it('ships the built main process, preload and renderer, and starts from the bundled main', () => {
    for (const file of [
      'dist/electron/main.cjs',
      'dist/electron/preload.cjs',
      'dist/renderer/index.html',
      'dist/renderer/assets/index-abc123.js',
      'package.json',
    ]) {
      expect(included(file), file).toBe(true)
    }
    expect(included('electron/main/main.ts')).toBe(false)
    expect(config.extraMetadata.main).toBe('dist/electron/main.cjs')
  })

  it("unpacks sqlite3's native addon from the asar", () => {
    expect(
      config.asarUnpack.some((p) => matches(p, 'node_modules/sqlite3/build/Release/node_sqlite3.node')),
    ).toBe(true)
  })
})

describe('the packages the Node bundles leave to node_modules', () => {
  it('are production dependencies, so the packaged app carries them', () => {
    const { runtime, loadedOnDemand } = readJson('scripts/bundle-externals.json') as {
      runtime: readonly string[]
      loadedOnDemand: readonly string[]
    }
    const { dependencies } = readJson('package.json') as { dependencies: Record<string, string> }
    const needed = [...runtime, ...loadedOnDemand].filter((name) => name !== 'electron')
    expect(needed.filter((name) => !(name in dependencies))).toEqual([])
    expect(needed).toContain('exceljs')
  })
})
