/**
 * The PouchDB side's HTTP endpoint, in a process of its own as the hub is: express-pouchdb over
 * pouchdb-node (the LevelDB adapter, on disk), in its minimal mode for PouchDB replication.
 * Usage: node --import tsx bench/sync/pouch-server.ts <data dir> <port>
 */
import path from 'node:path'
import expressPouchDB from 'express-pouchdb'
import PouchDB from 'pouchdb-node'

const [dir, port] = process.argv.slice(2)
if (!dir || !port) {
  console.error('usage: pouch-server.ts <data dir> <port>')
  process.exit(2)
}
const Stored = PouchDB.defaults({ prefix: `${dir}${path.sep}` })
const app = expressPouchDB(Stored, {
  mode: 'minimumForPouchDB',
  inMemoryConfig: true,
  logPath: path.join(dir, 'express-pouchdb.log'),
})
const server = app.listen(Number(port), '127.0.0.1', () => console.log(`pouchdb-server listening on ${port}`))
process.once('SIGTERM', () => server.close(() => process.exit(0)))
