import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from '../api'
import { errorMessagesZh } from '../../contract/errors'
import { takePrefetched } from './prefetch'

export type QueryState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly value: T }
  | { readonly status: 'error'; readonly error: ApiError }

export function toApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL', message: errorMessagesZh.INTERNAL })
}

/**
 * Loads data for a screen. A change of `key` or `reload()` loads again; while it does, the last good value
 * stays on screen (a kiosk should not flash a spinner over data it already shows). Answers that arrive
 * after a newer request started are dropped.
 */
export function useApiQuery<T>(
  key: string,
  load: () => Promise<T>,
): { state: QueryState<T>; reload: () => void } {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' })
  const [generation, setGeneration] = useState(0)
  const loadRef = useRef(load)
  useEffect(() => {
    loadRef.current = load
  })

  useEffect(() => {
    let current = true
    const request = (generation === 0 ? takePrefetched<T>(key) : undefined) ?? loadRef.current()
    request.then(
      (value) => {
        if (current) setState({ status: 'ok', value })
      },
      (e: unknown) => {
        if (current)
          setState((prev) => (prev.status === 'ok' ? prev : { status: 'error', error: toApiError(e) }))
      },
    )
    return () => {
      current = false
    }
  }, [key, generation])

  const reload = useCallback(() => {
    // After an error, show the loading state again so a tap on 再试一次 visibly does something.
    setState((prev) => (prev.status === 'error' ? { status: 'loading' } : prev))
    setGeneration((g) => g + 1)
  }, [])
  return { state, reload }
}
