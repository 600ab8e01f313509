// The little of pouchdb-node and express-pouchdb the sync benchmark uses (neither ships its own types).

declare module 'pouchdb-node' {
  export interface ReplicationResult {
    readonly ok: boolean
    readonly docs_read: number
    readonly docs_written: number
    readonly doc_write_failures: number
    readonly errors: readonly unknown[]
  }
  export interface ReplicationOptions {
    readonly batch_size?: number
    readonly batches_limit?: number
  }
  export interface Database {
    bulkDocs(docs: readonly object[]): Promise<readonly { ok?: boolean; error?: string }[]>
    info(): Promise<{ readonly doc_count: number; readonly update_seq: number | string }>
    close(): Promise<void>
    readonly replicate: {
      to(target: Database | string, opts?: ReplicationOptions): Promise<ReplicationResult>
      from(source: Database | string, opts?: ReplicationOptions): Promise<ReplicationResult>
    }
  }
  export interface PouchDBConstructor {
    new (name: string, opts?: Record<string, unknown>): Database
    defaults(opts: Record<string, unknown>): PouchDBConstructor
  }
  const PouchDB: PouchDBConstructor
  export default PouchDB
}

declare module 'express-pouchdb' {
  import type { Server } from 'node:http'
  import type { PouchDBConstructor } from 'pouchdb-node'

  export interface ExpressPouchDBOptions {
    readonly mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom'
    readonly inMemoryConfig?: boolean
    readonly configPath?: string
    readonly logPath?: string
  }
  export interface ExpressPouchDBApp {
    listen(port: number, host: string, callback: () => void): Server
  }
  function expressPouchDB(pouch: PouchDBConstructor, opts?: ExpressPouchDBOptions): ExpressPouchDBApp
  export default expressPouchDB
}
