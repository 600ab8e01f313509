import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeBoard } from '../../../domain/board'
import type { PublicBoard, StationProfile } from '../../../contract/views'
import { gatherBoardInput } from '../../../electron/core/features/board/service'
import { type Station, openStation } from '../../../electron/core/station'

/** 2026-03-10 15:30 in Asia/Shanghai: the demo publishes February's board. */
const NOW = Date.UTC(2026, 2, 10, 7, 30)

let station: Station
let dir: string

async function call<T>(method: string, input: unknown): Promise<T> {
  const { response } = await station.dispatch(method, input, { sessionToken: null, clientKey: 'test' })
  if (!response.ok) throw new Error(`${method} failed: ${JSON.stringify(response.error)}`)
  return response.value as T
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-demo-board-'))
  station = await openStation({ dataDir: dir, now: () => NOW, backups: false })
  await call('setup.loadDemo', {})
})

afterAll(async () => {
  await station.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('the demo data and the board', () => {
  it("publishes last month's board for the kiosk's station", async () => {
    const board = await call<PublicBoard | null>('board.latest', {})
    expect(board?.month).toBe('2026-02')
    expect(board?.rows.length).toBeGreaterThan(5)
  })

  it('has check-ins behind the shifts, with a few shifts missed', async () => {
    const board = await call<PublicBoard>('board.latest', {})
    const scheduled = board.rows.reduce((n, r) => n + r.shiftsScheduled, 0)
    const attended = board.rows.reduce((n, r) => n + r.shiftsAttended, 0)
    expect(attended).toBeGreaterThan(scheduled / 2)
    expect(attended).toBeLessThan(scheduled)
  })

  it('holds a board that the stored method recomputes exactly from the records', async () => {
    const board = await call<PublicBoard>('board.latest', {})
    const profile = await call<StationProfile>('station.profile', {})
    const input = await gatherBoardInput(station.db, profile.id, board.month, NOW)
    expect(computeBoard(input, board.method).rows).toEqual(board.rows)
  })
})
