/**
 * When the sync loop runs: every `baseMs` while things work; after failures, exponential backoff with full
 * jitter (a random wait up to the cap), so two hundred stations coming back online do not all knock at once.
 * Runs never overlap; `now()` asks for a pass at once and waits for it.
 */
export interface SyncScheduler {
  start(): void
  /** Runs a pass now (or joins the one running) and resolves when it is done. */
  now(): Promise<void>
  stop(): Promise<void>
}

export interface SchedulerOptions {
  readonly run: () => Promise<void>
  readonly baseMs?: number
  readonly maxMs?: number
  readonly random?: () => number
  readonly onError?: (e: unknown) => void
}

export function backoffDelay(failures: number, baseMs: number, maxMs: number, random: () => number): number {
  if (failures === 0) return baseMs
  const cap = Math.min(maxMs, baseMs * 2 ** Math.min(failures, 20))
  return Math.max(1_000, Math.floor(random() * cap))
}

export function createSyncScheduler(opts: SchedulerOptions): SyncScheduler {
  const baseMs = opts.baseMs ?? 60_000
  const maxMs = opts.maxMs ?? 30 * 60_000
  const random = opts.random ?? Math.random
  let failures = 0
  let timer: NodeJS.Timeout | null = null
  let running: Promise<void> | null = null
  let stopped = true

  const schedule = () => {
    if (stopped) return
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => void pass().catch(() => {}), backoffDelay(failures, baseMs, maxMs, random))
    timer.unref()
  }
  const pass = (): Promise<void> => {
    running ??= opts
      .run()
      .then(
        () => {
          failures = 0
        },
        (e: unknown) => {
          failures++
          opts.onError?.(e)
          throw e
        },
      )
      .finally(() => {
        running = null
        schedule()
      })
    return running
  }
  return {
    start() {
      stopped = false
      // The first pass soon after start: a station back from days offline catches up at once.
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => void pass().catch(() => {}), 1_000)
      timer.unref()
    },
    now: pass,
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running?.catch(() => {})
    },
  }
}
