import path from 'node:path'
import { parseArgs } from 'node:util'
import { cliErrorLine } from './cli-error'
import { loadDemoIfNew } from './demo/on-start'
import { serveStation } from './serve'
import { openStation } from './station'

/**
 * `serve` mode: the station backend and the built renderer on 127.0.0.1, for machines without the Electron
 * binary and for end-to-end tests. Prints `listening on http://127.0.0.1:<port>` when ready.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      port: { type: 'string', default: '8787' },
      demo: { type: 'boolean', default: false },
      'no-backups': { type: 'boolean', default: false },
    },
  })
  if (!values.data) {
    console.error('usage: serve --data <dir> [--port <port>] [--demo]')
    process.exit(2)
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`invalid --port: ${values.port}`)
    process.exit(2)
  }
  const station = await openStation({ dataDir: path.resolve(values.data), backups: !values['no-backups'] })
  if (values.demo) await loadDemoIfNew(station)
  const server = await serveStation(station, { port, staticDir: path.join(__dirname, '..', 'renderer') })
  console.log(`listening on ${server.url}`)
  const stop = () => {
    void server
      .close()
      .then(() => station.close())
      .then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e: unknown) => {
  // A clear sentence and a code, then exit: a supervisor restarting us would only fail the same way.
  console.error(cliErrorLine(e))
  process.exit(1)
})
