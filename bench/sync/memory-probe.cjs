// Preloaded into the hub's process (node --require) by bench/sync/hub-process.ts: answers the benchmark's
// questions over the IPC channel with the hub's own memory and CPU figures. Touches nothing of the hub.
// A hub of several workers (HUB_WORKERS, county/workers.ts) loads it into each of them too: the supervisor
// asks its workers and answers with the sum of theirs and its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a preload for node --require is CommonJS
const cluster = require('node:cluster')

function own() {
  const memory = process.memoryUsage()
  const usage = process.resourceUsage()
  return {
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    heapTotal: memory.heapTotal,
    external: memory.external,
    arrayBuffers: memory.arrayBuffers,
    maxRss: usage.maxRSS * 1024,
    cpuUserMs: usage.userCPUTime / 1000,
    cpuSystemMs: usage.systemCPUTime / 1000,
  }
}

function ask(worker, id) {
  return new Promise((resolve) => {
    const answer = (message) => {
      if (message?.type !== 'probe' || message.id !== id) return
      worker.off('message', answer)
      resolve(message)
    }
    worker.on('message', answer)
    worker.send({ type: 'probe', id })
  })
}

function sum(figures) {
  const total = {}
  for (const f of figures)
    for (const [k, v] of Object.entries(f))
      if (typeof v === 'number' && k !== 'id') total[k] = (total[k] ?? 0) + v
  return total
}

process.on('message', async (message) => {
  if (typeof message !== 'object' || message === null || message.type !== 'probe') return
  const workers = cluster.isPrimary ? Object.values(cluster.workers ?? {}) : []
  const theirs = await Promise.all(workers.map((w) => ask(w, message.id)))
  process.send?.({ type: 'probe', id: message.id, ...sum([own(), ...theirs]), processes: 1 + workers.length })
})
// The channel must not keep the hub alive once it shuts down.
process.channel?.unref()
