import { useCallback, useEffect, useRef, useState } from 'react'
import { type ConsoleApiError, toConsoleApiError } from '../api'

export type QueryState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly value: T }
  | { readonly status: 'error'; readonly error: ConsoleApiError }

/**
 * Loads a page's data. A change of `key` or `reload()` loads again; while it does, the last good value
 * stays on screen. Answers that arrive after a newer request started are dropped.
 */
export function useQuery<T>(
  key: string,
  load: () => Promise<T>,
): { readonly state: QueryState<T>; readonly reload: () => void } {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' })
  const [generation, setGeneration] = useState(0)
  const loadRef = useRef(load)
  useEffect(() => {
    loadRef.current = load
  })

  useEffect(() => {
    let current = true
    loadRef.current().then(
      (value) => {
        if (current) setState({ status: 'ok', value })
      },
      (e: unknown) => {
        if (current) setState({ status: 'error', error: toConsoleApiError(e) })
      },
    )
    return () => {
      current = false
    }
  }, [key, generation])

  const reload = useCallback(() => {
    setState((prev) => (prev.status === 'error' ? { status: 'loading' } : prev))
    setGeneration((g) => g + 1)
  }, [])
  return { state, reload }
}
