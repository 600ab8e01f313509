// Runs the benchmarks in bench/ one after another (`npm run bench`, or `npm run bench -- submit fold` for
// some of them) and prints a summary table of the figures they report. Benchmarks print figures; nothing
// here compares them against thresholds.
import { spawn } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { fileURLToPath } from 'node:url'
import sqlite3 from 'sqlite3'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const ALL = [
  'preload',
  'submit',
  'fold',
  'desk',
  'roster-search',
  'pinyin',
  'kiosk-bundle',
  'kiosk-startup',
  'kiosk-idle-heap',
  'sync',
  'hub-load',
]
/** Benchmarks whose file is not bench/<name>.ts. */
const FILES = { sync: 'sync-throughput' }
const wanted = process.argv.slice(2)
const unknown = wanted.filter((name) => !ALL.includes(name))
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${ALL.join(', ')}`)
  process.exit(2)
}
const benches = wanted.length > 0 ? ALL.filter((name) => wanted.includes(name)) : ALL

function sqliteVersion() {
  return new Promise((resolve) => {
    const db = new sqlite3.Database(':memory:')
    db.get('select sqlite_version() as v', (err, row) => {
      db.close()
      resolve(err ? `unknown (${err.message})` : row.v)
    })
  })
}

const cpus = os.cpus()
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')
console.log('machine')
console.log(
  `  cpu      ${cpus[0]?.model ?? 'unknown'} × ${cpus.length} (available parallelism ${os.availableParallelism()})`,
)
console.log(`  memory   ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`)
console.log(`  os       ${os.type()} ${os.release()} ${os.arch()}`)
console.log(`  node     ${process.version}`)
console.log(`  sqlite   ${await sqliteVersion()} (node-sqlite3 bundled)`)
console.log(`  load     ${load()} (1/5/15 min; other work on the machine skews the figures)`)

/** Runs one benchmark, echoing its output and collecting its `@@result` lines. */
function runBench(name) {
  return new Promise((resolve) => {
    const started = Date.now()
    const file = path.join('bench', `${FILES[name] ?? name}.ts`)
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const results = []
    const lines = readline.createInterface({ input: child.stdout })
    lines.on('line', (line) => {
      if (line.startsWith('@@result ')) results.push(JSON.parse(line.slice('@@result '.length)))
      else console.log(line)
    })
    child.on('close', (code, signal) => {
      lines.close()
      resolve({ name, code: code ?? signal, seconds: (Date.now() - started) / 1000, results })
    })
  })
}

const runs = []
for (const name of benches) {
  console.log(`\n=== ${name} ${'='.repeat(Math.max(0, 96 - name.length))}`)
  runs.push(await runBench(name))
}

const fmt = (value) => {
  if (!Number.isFinite(value)) return String(value)
  const abs = Math.abs(value)
  return abs >= 100
    ? value.toFixed(0)
    : abs >= 10
      ? value.toFixed(1)
      : abs >= 1
        ? value.toFixed(2)
        : value.toFixed(3)
}
const rows = [['bench', 'metric', 'value', 'unit', 'note']]
for (const run of runs) {
  for (const r of run.results) rows.push([r.bench, r.metric, fmt(r.value), r.unit, r.note])
  rows.push([
    run.name,
    'wall time of the benchmark',
    fmt(run.seconds),
    's',
    run.code === 0 ? '' : `FAILED (${run.code})`,
  ])
}
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)))
const line = (r) =>
  r
    .map((cell, c) => (c === 2 ? String(cell).padStart(widths[c]) : String(cell).padEnd(widths[c])))
    .join('  ')
    .trimEnd()
console.log(`\n=== summary ${'='.repeat(88)}`)
console.log(line(rows[0]))
console.log(widths.map((w) => '-'.repeat(w)).join('  '))
for (const r of rows.slice(1)) console.log(line(r))
console.log(`load at the end: ${load()}`)

const failed = runs.filter((r) => r.code !== 0)
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.map((r) => r.name).join(', ')}`)
  process.exit(1)
}
