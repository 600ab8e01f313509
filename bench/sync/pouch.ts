/**
 * The baseline: the same documents replicated between two PouchDB databases over HTTP on loopback, the way
 * an offline-first app built on PouchDB/CouchDB would sync. pouchdb-node 9 (LevelDB adapter, on disk) in
 * the benchmark's process as the "station", express-pouchdb 4.2 over pouchdb-node (LevelDB, on disk) in a
 * child process as the "hub". Push: a local database holding the documents replicates to the server; pull:
 * a fresh local database replicates everything back from it. Batches of 500 documents, the hub's own push
 * batch size (PouchDB's default is 100).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import PouchDB from 'pouchdb-node'
import { BENCH_DIR } from '../lib'
import { freePort } from '../../tests/fixtures/postgres'

export const POUCH_BATCH = 500

export interface PouchFigures {
  readonly pushMs: number
  readonly pullMs: number
  readonly fillMs: number
}

async function startServer(dir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort()
  fs.mkdirSync(dir, { recursive: true })
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(BENCH_DIR, 'sync', 'pouch-server.ts'), dir, String(port)],
    { cwd: path.dirname(BENCH_DIR), stdio: ['ignore', 'ignore', 'inherit'] },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    try {
      const res = await fetch(`${url}/`, { signal: AbortSignal.timeout(2_000) })
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('pouchdb-server did not start')
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}

export async function replicateWithPouch(docs: readonly object[], dir: string): Promise<PouchFigures> {
  const server = await startServer(path.join(dir, 'server'))
  try {
    const source = new PouchDB(path.join(dir, 'source'))
    let t0 = performance.now()
    for (let i = 0; i < docs.length; i += 1_000) {
      const results = await source.bulkDocs(docs.slice(i, i + 1_000))
      if (results.some((r) => r.error)) throw new Error('PouchDB refused some of the documents')
    }
    const fillMs = performance.now() - t0
    const remote = `${server.url}/hub`

    t0 = performance.now()
    const pushed = await source.replicate.to(remote, { batch_size: POUCH_BATCH })
    const pushMs = performance.now() - t0
    if (pushed.docs_written !== docs.length) {
      throw new Error(`PouchDB pushed ${pushed.docs_written} of ${docs.length} documents`)
    }
    await source.close()

    const target = new PouchDB(path.join(dir, 'target'))
    t0 = performance.now()
    const pulled = await target.replicate.from(remote, { batch_size: POUCH_BATCH })
    const pullMs = performance.now() - t0
    if (pulled.docs_written !== docs.length) {
      throw new Error(`PouchDB pulled ${pulled.docs_written} of ${docs.length} documents`)
    }
    const info = await target.info()
    if (info.doc_count !== docs.length) throw new Error(`the pulled copy holds ${info.doc_count} documents`)
    await target.close()
    return { pushMs, pullMs, fillMs }
  } finally {
    await server.stop()
  }
}
