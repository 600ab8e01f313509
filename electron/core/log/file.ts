import path from 'node:path'
import pino from 'pino'
import roll from 'pino-roll'
import type { Logger } from '../api'

/** Where the station's log files go, inside its data directory. */
export const LOG_DIR = 'logs'

/** About a month of days at a station that opens every day, and never more than 30 × 10 MB. */
const KEEP_FILES = 30

export interface StationLog extends Logger {
  close(): Promise<void>
}

/**
 * The station's log: JSON lines in `<data>/logs/station.<date>.<n>.log`, a new file each day or each
 * 10 MB, the oldest removed past KEEP_FILES; each entry also goes to the console for serve mode. A kiosk
 * has no terminal, so without the file a failing sync or backup leaves no trace staff could send the
 * county. Written synchronously: the entries are errors, rare, and wanted even when the process dies next.
 */
export async function openStationLog(dataDir: string): Promise<StationLog> {
  const stream = await roll({
    file: path.join(dataDir, LOG_DIR, 'station'),
    frequency: 'daily',
    size: '10m',
    dateFormat: 'yyyy-MM-dd',
    mkdir: true,
    sync: true,
    limit: { count: KEEP_FILES, removeOtherLogFiles: true },
  })
  const logger = pino({ base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, stream)
  return {
    error(message, context) {
      logger.error(context, message)
      console.error(message, context)
    },
    close: () =>
      new Promise<void>((resolve) => {
        stream.once('close', () => resolve())
        stream.end()
      }),
  }
}
