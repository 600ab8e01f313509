// Preloaded into the hub's process (node --require) by bench/sync/hub-process.ts: answers the benchmark's
// questions over the IPC channel with the hub's own memory and CPU figures. Touches nothing of the hub.
process.on('message', (message) => {
  if (typeof message !== 'object' || message === null || message.type !== 'probe') return
  const memory = process.memoryUsage()
  const usage = process.resourceUsage()
  process.send?.({
    type: 'probe',
    id: message.id,
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    heapTotal: memory.heapTotal,
    external: memory.external,
    arrayBuffers: memory.arrayBuffers,
    maxRss: usage.maxRSS * 1024,
    cpuUserMs: usage.userCPUTime / 1000,
    cpuSystemMs: usage.systemCPUTime / 1000,
  })
})
// The channel must not keep the hub alive once it shuts down.
process.channel?.unref()
