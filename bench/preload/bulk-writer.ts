/**
 * Multi-row INSERT statements through node-sqlite3, prepared once per table and reused for every full batch
 * (rows per statement = 32766 bound parameters / columns, capped at 2000). Why not one prepared single-row
 * statement: node-sqlite3 crosses N-API and the libuv thread pool once per `run`, which at 3.1 million rows
 * costs more than SQLite's own work; a multi-row statement pays that once per ~1,000-3,600 rows and SQLite
 * parses it once. The statements run on the thread pool while the main thread generates the next rows.
 */
import { performance } from 'node:perf_hooks'
import type sqlite3 from 'sqlite3'
import { rawRun } from '../lib'

const MAX_PARAMS = 32_766 // SQLITE_MAX_VARIABLE_NUMBER of the bundled SQLite (and the default since 3.32)
const MAX_ROWS_PER_STATEMENT = 2_000

/** Writes batches through prepared multi-row statements, with a bound on the batches in flight. */
export class Pipeline {
  inflight = 0
  /** Time the generating side spent waiting for SQLite: near zero means generation is the bottleneck. */
  waitedMs = 0
  private error: Error | null = null
  private waiters: (() => void)[] = []

  constructor(readonly db: sqlite3.Database) {}

  run(stmt: sqlite3.Statement, params: unknown[]): void {
    this.inflight++
    stmt.run(params, (err: Error | null) => {
      this.inflight--
      if (err && this.error === null) this.error = err
      const waiters = this.waiters
      this.waiters = []
      for (const w of waiters) w()
    })
  }

  async waitBelow(n: number): Promise<void> {
    const t0 = performance.now()
    while (this.inflight > n) await new Promise<void>((resolve) => this.waiters.push(resolve))
    this.waitedMs += performance.now() - t0
    if (this.error !== null) throw this.error
  }
}

export class BulkTable {
  readonly rowsPerStatement: number
  private params: unknown[] = []
  private rows = 0
  private full: sqlite3.Statement | null = null
  written = 0

  constructor(
    private readonly pipe: Pipeline,
    private readonly table: string,
    private readonly columns: readonly string[],
  ) {
    this.rowsPerStatement = Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMS / columns.length))
  }

  add(values: readonly unknown[]): void {
    if (values.length !== this.columns.length) throw new Error(`${this.table}: ${values.length} values`)
    for (const v of values) this.params.push(v)
    if (++this.rows === this.rowsPerStatement) this.flush()
  }

  private sql(rows: number): string {
    const tuple = `(${this.columns.map(() => '?').join(',')})`
    return `insert into ${this.table} (${this.columns.join(',')}) values ${Array(rows).fill(tuple).join(',')}`
  }

  private flush(): void {
    this.full ??= this.pipe.db.prepare(this.sql(this.rowsPerStatement))
    this.pipe.run(this.full, this.params)
    this.written += this.rows
    this.params = []
    this.rows = 0
  }

  /** The last, partial batch: its own statement, after everything queued before it. */
  async finish(): Promise<void> {
    await this.pipe.waitBelow(0)
    if (this.rows > 0) {
      await rawRun(this.pipe.db, this.sql(this.rows), this.params)
      this.written += this.rows
      this.params = []
      this.rows = 0
    }
    await new Promise<void>((resolve, reject) =>
      this.full ? this.full.finalize((err) => (err ? reject(err) : resolve())) : resolve(),
    )
  }
}
