import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type TransactionSettings,
} from 'kysely'
import type sqlite3 from 'sqlite3'

/**
 * A Kysely dialect for node-sqlite3, which Kysely does not ship (it ships one for better-sqlite3).
 * node-sqlite3 is an N-API addon, so one build serves plain Node and Electron alike.
 *
 * One connection, guarded by a mutex: SQLite has one writer anyway, and a single connection means a
 * transaction can never interleave with another caller's statements.
 *
 * The connection may owe work (`SharedConnection.owed`): the petition intake journal's apply
 * (features/petitions/intake.ts). A dialect that settles pays it before it takes the connection, so every
 * reader sees what was journaled before it asked. A dialect made with `settles: false` shares the same
 * connection and mutex without paying: the journal's writer and the apply itself use it.
 */
export class NodeSqliteDialect implements Dialect {
  readonly shared: SharedConnection

  constructor(
    db: sqlite3.Database | SharedConnection,
    private readonly settles = true,
  ) {
    this.shared = db instanceof SharedConnection ? db : new SharedConnection(db)
  }

  createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter()
  }
  createDriver(): Driver {
    return new NodeSqliteDriver(this.shared, this.settles)
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db)
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler()
  }
}

/** SQLite does roll back DDL inside a transaction; saying so makes a failed migration roll back whole. */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true
  }
}

/** The one connection and its mutex, shared by the dialects made over it. */
export class SharedConnection {
  readonly mutex = new Mutex()
  readonly connection: NodeSqliteConnection
  /** Work to finish before a settling caller takes the connection; resolves at once when none is owed. */
  owed: (() => Promise<void>) | null = null

  constructor(readonly db: sqlite3.Database) {
    this.connection = new NodeSqliteConnection(db)
  }
}

class NodeSqliteDriver implements Driver {
  private readonly mutex: Mutex
  private readonly connection: NodeSqliteConnection
  private readonly db: sqlite3.Database

  constructor(
    private readonly shared: SharedConnection,
    private readonly settles: boolean,
  ) {
    this.mutex = shared.mutex
    this.connection = shared.connection
    this.db = shared.db
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    // Before the mutex: the owed work takes the connection itself, through a dialect that does not settle.
    if (this.settles && this.shared.owed) await this.shared.owed()
    await this.mutex.lock()
    return this.connection
  }

  async beginTransaction(conn: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    // IMMEDIATE takes the write lock at BEGIN, so a transaction never fails half-way on a busy upgrade.
    await conn.executeQuery(CompiledQuery.raw('begin immediate'))
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'))
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    try {
      await conn.executeQuery(CompiledQuery.raw('rollback'))
    } catch (e) {
      // After SQLITE_FULL (and some I/O errors) SQLite has already rolled back on its own; a failing
      // ROLLBACK would then replace the error that says what really went wrong.
      if (!/no transaction is active/.test(String(e))) throw e
    }
  }

  releaseConnection(): Promise<void> {
    this.mutex.unlock()
    return Promise.resolve()
  }

  /**
   * Waits its turn for the connection, after the query or transaction under way (a backup's VACUUM INTO,
   * a sync page) and those already waiting: closing under them fails with SQLITE_BUSY or cuts a
   * transaction short. Queries that come later are refused. Only the settling dialect closes the
   * connection: the other is a second handle on it.
   */
  async destroy(): Promise<void> {
    if (!this.settles) return
    await this.mutex.lock()
    try {
      await this.connection.finalizeAll()
      await new Promise<void>((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())))
    } finally {
      this.mutex.unlock()
    }
  }
}

const ROW_RETURNING_SQL = /^\s*(select|with|pragma|values|explain)\b|\breturning\b/i

/** Prepared statements kept per SQL text; Kysely's queries repeat, and re-parsing each was a third of a submit. */
const STATEMENT_CACHE_SIZE = 256

class NodeSqliteConnection implements DatabaseConnection {
  private readonly statements = new Map<string, sqlite3.Statement>()
  /** Finalizations of statements evicted from the cache, still running. */
  private readonly finalizing = new Set<Promise<void>>()

  constructor(private readonly db: sqlite3.Database) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const params = compiled.parameters.map(checkParameter)
    const returnsRows = SelectQueryNode.is(compiled.query) || ROW_RETURNING_SQL.test(compiled.sql)
    const stmt = await this.statement(compiled.sql)
    return new Promise((resolve, reject) => {
      if (returnsRows) {
        stmt.all(params, (err, rows: R[]) => (err ? reject(err) : resolve({ rows })))
      } else {
        stmt.run(params, function (err) {
          if (err) return reject(err)
          resolve({ rows: [], numAffectedRows: BigInt(this.changes), insertId: BigInt(this.lastID) })
        })
      }
    })
  }

  private async statement(sql: string): Promise<sqlite3.Statement> {
    const cached = this.statements.get(sql)
    if (cached) {
      // Map order is recency order: move the hit to the end.
      this.statements.delete(sql)
      this.statements.set(sql, cached)
      return cached
    }
    const stmt = await new Promise<sqlite3.Statement>((resolve, reject) => {
      const s = this.db.prepare(sql, (err) => (err ? reject(err) : resolve(s)))
    })
    this.statements.set(sql, stmt)
    if (this.statements.size > STATEMENT_CACHE_SIZE) {
      const [oldest, evicted] = this.statements.entries().next().value as [string, sqlite3.Statement]
      this.statements.delete(oldest)
      const done: Promise<void> = finalize(evicted).then(() => void this.finalizing.delete(done))
      this.finalizing.add(done)
    }
    return stmt
  }

  /** Statements must be finalized before the database can close. */
  async finalizeAll(): Promise<void> {
    const all = [...this.statements.values()]
    this.statements.clear()
    // Evicted statements finalize in the background; close fails with SQLITE_BUSY until they have.
    await Promise.all([...all.map(finalize), ...this.finalizing])
  }

  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    // node-sqlite3's callback API offers no cursor to stream from.
    throw new Error('streaming queries are not supported by the node-sqlite3 dialect')
  }
}

/** node-sqlite3 silently stores a BigInt as NULL; refuse it here rather than lose a value. */
function checkParameter(value: unknown): unknown {
  if (typeof value === 'bigint') {
    throw new TypeError('BigInt parameter: node-sqlite3 would store NULL; convert to number or string first')
  }
  return value
}

class Mutex {
  private tail: Promise<void> = Promise.resolve()
  private release: (() => void) | null = null

  async lock(): Promise<void> {
    const previous = this.tail
    let release!: () => void
    this.tail = new Promise<void>((resolve) => (release = resolve))
    await previous
    this.release = release
  }

  unlock(): void {
    const release = this.release
    this.release = null
    release?.()
  }
}

function finalize(statement: sqlite3.Statement): Promise<void> {
  return new Promise((resolve) => statement.finalize(() => resolve()))
}
