import type { CDPSession } from 'playwright-core'

/** A page's heap after a forced garbage collection, measured through the Chrome DevTools Protocol. */

export interface HeapFigures {
  /** Runtime.getHeapUsage: the V8 heap in use. */
  readonly used: number
  /** From a heap snapshot: what a leaking visit would leave behind (objects, arrays, strings, closures). */
  readonly objects: number
  /** From the same snapshot: compiled code and its metadata, which grows as V8 optimises hot functions. */
  readonly code: number
  /** The rest: engine internals and browser objects (performance-timeline entries, DevTools buffers…). */
  readonly engine: number
  readonly domNodes: number
  readonly listeners: number
}

async function collectGarbage(cdp: CDPSession): Promise<void> {
  // Twice: the first pass may only free what finalizers of the second release.
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
}

interface Snapshot {
  readonly snapshot: { readonly meta: { readonly node_fields: string[]; readonly node_types: [string[]] } }
  readonly nodes: number[]
}

/** Node types of a V8 heap snapshot that are the page's own JavaScript values. */
const JS_VALUES = new Set([
  'object',
  'closure',
  'array',
  'string',
  'concatenated string',
  'sliced string',
  'regexp',
  'number',
  'heap number',
  'symbol',
  'bigint',
])

/** Sums a heap snapshot's self sizes by the kind of node. */
async function snapshotByKind(cdp: CDPSession): Promise<{ objects: number; code: number; engine: number }> {
  const chunks: string[] = []
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk)
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk)
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk)
  }
  const snap = JSON.parse(chunks.join('')) as Snapshot
  const fields = snap.snapshot.meta.node_fields
  const types = snap.snapshot.meta.node_types[0]
  const typeAt = fields.indexOf('type')
  const sizeAt = fields.indexOf('self_size')
  const sums = { objects: 0, code: 0, engine: 0 }
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const type = types[snap.nodes[i + typeAt] ?? -1] ?? ''
    const size = snap.nodes[i + sizeAt] ?? 0
    if (type === 'code') sums.code += size
    else if (JS_VALUES.has(type)) sums.objects += size
    else sums.engine += size
  }
  return sums
}

/**
 * Blink lets a reloaded page's predecessor go a moment after the load (its context is detached in a later
 * task): measured at once, the same page's heap swung between 4.3 and 5.9 MB; after a second, it was the
 * same 4.28 MB every time.
 */
const SETTLE_MS = 1000

export async function measureHeap(cdp: CDPSession): Promise<HeapFigures> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
  await collectGarbage(cdp)
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  const dom = await cdp.send('Memory.getDOMCounters')
  const kinds = await snapshotByKind(cdp)
  return { used: usedSize, ...kinds, domNodes: dom.nodes, listeners: dom.jsEventListeners }
}
