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
 * after a newer request started are dropped. A failed load keeps the value on screen only if it is this
 * key's (a refresh that failed); a value for another key gives way to the error, so a changed filter or
 * month never shows the old one's data as its own.
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

  // The key the value on screen was loaded for.
  const valueKey = useRef<string | null>(null)

  useEffect(() => {
    let current = true
    const request = (generation === 0 ? takePrefetched<T>(key) : undefined) ?? loadRef.current()
    request.then(
      (value) => {
        if (!current) return
        valueKey.current = key
        setState({ status: 'ok', value })
      },
      (e: unknown) => {
        if (!current) return
        const keep = valueKey.current === key
        setState((prev) => (prev.status === 'ok' && keep ? prev : { status: 'error', error: toApiError(e) }))
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
