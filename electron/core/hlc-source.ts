import { type Hlc, formatHlc, tickHlc } from '../../domain/hlc'

/** This station's hybrid logical clock: monotonic even if the wall clock steps back. */
export function createHlcSource(node: string, now: () => number, last: Hlc | null = null): () => string {
  let current = last
  return () => {
    current = tickHlc(current, now(), node)
    return formatHlc(current)
  }
}
