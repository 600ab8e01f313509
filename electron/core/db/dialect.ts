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
 */
export class NodeSqliteDialect implements Dialect {
  constructor(private readonly db: sqlite3.Database) {}

  createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter()
  }
  createDriver(): Driver {
    return new NodeSqliteDriver(this.db)
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

class NodeSqliteDriver implements Driver {
  private readonly mutex = new Mutex()
  private readonly connection: NodeSqliteConnection

  constructor(private readonly db: sqlite3.Database) {
    this.connection = new NodeSqliteConnection(db)
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
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

  async destroy(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())))
  }
}

const ROW_RETURNING_SQL = /^\s*(select|with|pragma|values|explain)\b|\breturning\b/i

class NodeSqliteConnection implements DatabaseConnection {
  constructor(private readonly db: sqlite3.Database) {}

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const params = compiled.parameters.map(checkParameter)
    const returnsRows = SelectQueryNode.is(compiled.query) || ROW_RETURNING_SQL.test(compiled.sql)
    return new Promise((resolve, reject) => {
      if (returnsRows) {
        this.db.all(compiled.sql, params, (err, rows: R[]) => (err ? reject(err) : resolve({ rows })))
      } else {
        this.db.run(compiled.sql, params, function (err) {
          if (err) return reject(err)
          resolve({ rows: [], numAffectedRows: BigInt(this.changes), insertId: BigInt(this.lastID) })
        })
      }
    })
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
