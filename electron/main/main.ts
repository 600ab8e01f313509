import path from 'node:path'
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, safeStorage, screen, session } from 'electron'
import { isDomainError } from '../../domain/errors'
import { errorMessagesZh } from '../../contract/errors'
import { type Station, openStation } from '../core/station'
import { loadDemoIfNew } from '../core/demo/on-start'
import { recoverKey } from '../core/features/recovery/service'
import { type AdminReset, resetAdmin } from '../core/features/recovery/reset-admin'
import { registerStationIpc } from './ipc'
import { safeStorageWrapper } from './key-wrapper'
import { denyAllPermissions, lockdownContents } from './lockdown'
import { printReceipt } from './printing'
import { APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './protocol'
import { createKioskWindow, createWallWindows } from './window'

/**
 * The Electron shell's lifecycle: one instance, locked down before any page exists, the station opened
 * (or a clear Chinese sentence and a clean exit when it cannot be), then the kiosk window.
 */

const APP_TITLE = '民意驿站'

export const SAFE_STORAGE_UNAVAILABLE =
  '系统的密钥保护服务不可用，无法安全保存群众的个人信息，程序不能启动。请联系技术人员检查系统密钥服务。'

export interface LaunchOptions {
  /** `--data <dir>`: where the station database lives; null for the default under userData. */
  readonly dataDir: string | null
  /** `--dev`: devtools allowed. */
  readonly dev: boolean
  /** `--recover-key <恢复码>`: put the personal-data key back from the recovery file before starting. */
  readonly recoveryCode: string | null
  /** `--demo`: a station not yet set up starts with the demo data, as in serve mode. */
  readonly demo: boolean
  /**
   * `--reset-admin <恢复码> [--admin-name <name>]`: no admin can sign in; reset that admin's PIN, or make a
   * new admin account, before starting.
   */
  readonly resetAdmin: { readonly code: string; readonly name: string | null } | null
}

export function parseLaunchArgs(argv: readonly string[]): LaunchOptions {
  let dataDir: string | null = null
  let dev = false
  let recoveryCode: string | null = null
  let demo = false
  let resetCode: string | null = null
  let adminName: string | null = null
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--dev') dev = true
    else if (arg === '--demo') demo = true
    else if (arg.startsWith('--data=')) dataDir = arg.slice('--data='.length)
    else if (arg === '--data') dataDir = argv[++i] ?? null
    else if (arg.startsWith('--recover-key=')) recoveryCode = arg.slice('--recover-key='.length)
    else if (arg === '--recover-key') recoveryCode = argv[++i] ?? null
    else if (arg.startsWith('--reset-admin=')) resetCode = arg.slice('--reset-admin='.length)
    else if (arg === '--reset-admin') resetCode = argv[++i] ?? null
    else if (arg.startsWith('--admin-name=')) adminName = arg.slice('--admin-name='.length)
    else if (arg === '--admin-name') adminName = argv[++i] ?? null
  }
  return {
    dataDir: dataDir ? path.resolve(dataDir) : null,
    dev,
    recoveryCode,
    resetAdmin: resetCode === null ? null : { code: resetCode, name: adminName },
    demo,
  }
}

/**
 * What the person at the desk reads after `--reset-admin`: the account and its one-time PIN. The staff
 * module has no "change at first sign-in" flag, so the dialog asks for the change itself.
 */
export function adminResetMessage(reset: AdminReset): { message: string; detail: string } {
  const message = reset.created
    ? `已用恢复码新建管理员账号“${reset.name}”，一次性密码：${reset.pin}`
    : `已用恢复码为管理员“${reset.name}”重设密码，一次性密码：${reset.pin}`
  return {
    message,
    detail:
      '请记下这个密码，马上用它登录，在“工作人员”里重设密码，不要继续使用这个一次性密码。用这个密码登录之后，这个恢复码就不能再重设了：请在“数据备份”里生成新的恢复码，并去掉启动参数 --reset-admin。',
  }
}

/**
 * What the desk reads when `--reset-admin` was left in the shortcut and the admin it reset has signed in since:
 * the station starts anyway, with the PIN staff set after the reset.
 */
export function adminResetRefusedMessage(): { message: string; detail: string } {
  return {
    message: errorMessagesZh.RESET_ADMIN_CODE_USED,
    detail: '程序照常启动。请去掉快捷方式或启动命令里的 --reset-admin。',
  }
}

class StartupError extends Error {}

/** The sentence shown when the app cannot start: the error table's words, never a stack trace alone. */
export function startupMessage(e: unknown): string {
  if (isDomainError(e)) {
    // The file a refusal is about (the missing key file), so staff know what to put back where.
    const file = e.details?.['file']
    return typeof file === 'string' ? `${errorMessagesZh[e.code]}（${file}）` : errorMessagesZh[e.code]
  }
  if (e instanceof StartupError) return e.message
  const detail = e instanceof Error ? e.message : String(e)
  return `${errorMessagesZh.INTERNAL}\n\n${detail}`
}

export async function start(argv: readonly string[] = process.argv): Promise<void> {
  const launch = parseLaunchArgs(argv)
  // A second kiosk process would fight over the database and the printer: hand over to the first one.
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])
  Menu.setApplicationMenu(null)
  app.on('web-contents-created', (_event, contents) => {
    lockdownContents(contents, APP_ORIGIN)
    denyAllPermissions(contents.session)
  })
  app.on('window-all-closed', () => app.quit())

  await app.whenReady()
  let station: Station
  try {
    // Without the OS secret store the personal-data key would lie in the clear next to the database.
    if (!safeStorage.isEncryptionAvailable()) throw new StartupError(SAFE_STORAGE_UNAVAILABLE)
    denyAllPermissions(session.defaultSession)
    protocol.handle(APP_SCHEME, createAppProtocolHandler(path.join(__dirname, '..', 'renderer')))
    const dataDir = launch.dataDir ?? path.join(app.getPath('userData'), 'data')
    const keyWrapper = safeStorageWrapper(safeStorage)
    // A new PC, or a lost key file: the key sealed under the admin's 恢复码 becomes this PC's key file.
    if (launch.recoveryCode !== null) await recoverKey(dataDir, launch.recoveryCode, keyWrapper, Date.now())
    // No admin can sign in: the 恢复码's holder gets an admin account back, its PIN shown once here.
    if (launch.resetAdmin !== null) {
      const { code, name } = launch.resetAdmin
      const reset = await resetAdmin(dataDir, code, { name, now: Date.now() }).catch((e: unknown) => {
        // A used code (the flag left in the shortcut) must not lock the station out: say so and start.
        if (isDomainError(e) && e.code === 'RESET_ADMIN_CODE_USED') return null
        throw e
      })
      if (reset === null) {
        console.warn('--reset-admin refused: the admin this recovery code reset has signed in since')
        await dialog.showMessageBox({ type: 'warning', title: APP_TITLE, ...adminResetRefusedMessage() })
      } else {
        await dialog.showMessageBox({ type: 'info', title: APP_TITLE, ...adminResetMessage(reset) })
      }
    }
    station = await openStation({ dataDir, keyWrapper, backups: true })
    if (launch.demo) await loadDemoIfNew(station)
  } catch (e) {
    failStartup(e)
    return
  }

  const preload = path.join(__dirname, 'preload.cjs')
  // The hall's TV, opened from the 民意集市 desk; locked down like every WebContents (above).
  const wall = createWallWindows(
    { preload, url: `${APP_ORIGIN}/index.html?view=wall`, dev: launch.dev },
    screen,
  )
  registerStationIpc(ipcMain, station, APP_ORIGIN, (job) => printReceipt({ BrowserWindow }, job), wall)
  const win = createKioskWindow({ preload, url: `${APP_ORIGIN}/index.html`, dev: launch.dev })
  // The wall goes with the kiosk window, so closing the desk still ends the app (window-all-closed).
  win.once('closed', () => wall.close())
  app.on('second-instance', () => {
    // While the app is quitting (the database still closing) the window is gone already.
    if (win.isDestroyed()) return
    if (win.isMinimized()) win.restore()
    win.focus()
  })
  closeStationOnQuit(station)
}

/**
 * One dialog, then exit. Nothing retries or relaunches: a full disk or a database from a newer version
 * fails the same way every time, and the dialog waits for a person to read it.
 */
function failStartup(e: unknown): void {
  console.error('startup failed', e)
  dialog.showErrorBox(`${APP_TITLE}无法启动`, startupMessage(e))
  app.exit(1)
}

/** Closing the database checkpoints the WAL, so the data folder is whole when the machine shuts down. */
function closeStationOnQuit(station: Station): void {
  let closed = false
  app.on('will-quit', (event) => {
    if (closed) return
    event.preventDefault()
    closed = true
    station
      .close()
      .catch((e: unknown) => console.error('closing the station failed', e))
      .finally(() => app.quit())
  })
}

start().catch((e: unknown) => failStartup(e))
