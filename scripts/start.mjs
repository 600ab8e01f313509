// `npm start` (after `npm run build`): the Electron shell when its binary is installed, otherwise serve mode
// plus a Chromium kiosk window when one can be shown, otherwise the URL to open.
//
//   node scripts/start.mjs [--data <dir>] [--port <port>] [--demo] [--dev]
//
// The Electron binary is looked up by reading node_modules/electron/path.txt directly: require('electron')
// would try to download the binary when it is missing, and this machine must never do that.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
/** The kiosk's Chromium flags and its keyboard-locking policy, shared with the README's deploy steps. */
const KIOSK_BROWSER = JSON.parse(fs.readFileSync(path.join(root, 'build', 'kiosk-browser.json'), 'utf8'))
const BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
]

function electronBinary() {
  let dir
  try {
    dir = path.dirname(require.resolve('electron/package.json'))
  } catch {
    return null
  }
  const pathFile = path.join(dir, 'path.txt')
  if (!fs.existsSync(pathFile)) return null
  const relative = fs.readFileSync(pathFile, 'utf8').trim()
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(dir, 'dist')
  const binary = path.join(distDir, relative)
  return fs.existsSync(binary) && fs.statSync(binary).isFile() ? binary : null
}

function defaultDataDir() {
  const base = process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share')
  return path.join(base, 'yizhan', 'data')
}

/** Children we started; each gets the signal we receive, and we leave when the app process leaves. */
const children = new Set()
function track(child) {
  children.add(child)
  child.on('exit', () => children.delete(child))
  return child
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal)
  })
}

function runElectron(binary, args) {
  const child = track(spawn(binary, [root, ...args], { stdio: 'inherit' }))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

function runServe(args) {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string', default: defaultDataDir() },
      port: { type: 'string', default: '8787' },
      demo: { type: 'boolean', default: false },
      dev: { type: 'boolean', default: false },
    },
    strict: false,
  })
  const serveArgs = [
    path.join(root, 'dist', 'electron', 'serve.cjs'),
    '--data',
    String(values.data),
    '--port',
    String(values.port),
  ]
  if (values.demo) serveArgs.push('--demo')
  const shown = ['node', path.relative(root, serveArgs[0]), ...serveArgs.slice(1)].join(' ')
  console.log(`未找到 Electron 运行文件（此机器无法下载），改用浏览器模式 serve mode: ${shown}`)

  const server = track(spawn(process.execPath, serveArgs, { stdio: ['ignore', 'pipe', 'inherit'] }))
  let browserDir = null
  const cleanUp = () => {
    if (browserDir) fs.rmSync(browserDir, { recursive: true, force: true })
  }
  server.on('exit', (code, signal) => {
    for (const child of children) child.kill('SIGTERM')
    cleanUp()
    process.exit(code ?? (signal ? 1 : 0))
  })

  let buffered = ''
  let opened = false
  server.stdout.on('data', (chunk) => {
    process.stdout.write(chunk)
    if (opened) return
    buffered += chunk.toString('utf8')
    const match = /listening on (http:\/\/\S+)/.exec(buffered)
    if (!match) return
    opened = true
    buffered = ''
    browserDir = openBrowser(match[1], () => server.kill('SIGTERM'))
  })
}

/** A Chromium app window in kiosk mode on a throwaway profile; returns the profile folder, or null. */
function openBrowser(url, onClose) {
  const browser = BROWSERS.find((b) => fs.existsSync(b))
  const display = process.env.DISPLAY || process.env.WAYLAND_DISPLAY
  if (!browser || !display) {
    console.log(`请用浏览器打开 open in a browser: ${url}`)
    return null
  }
  if (!fs.existsSync(KIOSK_BROWSER.policyPath)) {
    // Without the policy F12, Ctrl+N or Ctrl+O still work: fine on a developer's desk, not in a lobby.
    console.log(
      `浏览器模式未锁定键盘：正式站点请用 Electron 安装包，或按 README 安装浏览器策略 ${KIOSK_BROWSER.policyPath}`,
    )
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-browser-'))
  const child = track(
    spawn(browser, [`--app=${url}`, `--user-data-dir=${profile}`, ...KIOSK_BROWSER.flags], {
      stdio: 'ignore',
    }),
  )
  child.on('exit', (code) => {
    // Closing the kiosk window ends the session, the way quitting the Electron shell would. A browser that
    // fails to start (no sandbox as root, a broken profile) leaves the server running and says where it is.
    if (code === 0) onClose()
    else console.log(`浏览器已退出 (${code})，请用浏览器打开 open in a browser: ${url}`)
  })
  child.on('error', (e) => {
    console.log(`无法启动浏览器 (${e.message})，请用浏览器打开 open in a browser: ${url}`)
  })
  return profile
}

const args = process.argv.slice(2)
const binary = electronBinary()
if (binary) runElectron(binary, args)
else runServe(args)
