/**
 * Requests started before the screen that shows them has rendered: the boot starts the home screen's
 * duty list together with its own requests instead of one render later. A prefetched answer is used
 * once, by the first useApiQuery of the same key.
 */
const pending = new Map<string, Promise<unknown>>()

export function prefetch(key: string, load: () => Promise<unknown>): void {
  const p = load()
  p.catch(() => {}) // its user sees the error; unused, it must not be an unhandled rejection
  pending.set(key, p)
}

export function takePrefetched<T>(key: string): Promise<T> | undefined {
  const p = pending.get(key) as Promise<T> | undefined
  pending.delete(key)
  return p
}

/** Forgets a prefetched answer nobody will use (its error, if any, already handled). */
export function dropPrefetched(key: string): void {
  pending.delete(key)
}
