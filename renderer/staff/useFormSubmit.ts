import type { FormInstance } from 'antd'
import { useState } from 'react'
import type { ApiError } from '../api'
import { toApiError } from '../lib/useApiQuery'

/**
 * One antd form's round trip to the station: busy while it runs, and a refusal's field messages (a code no
 * petition has, a hotline that is no phone number) put beside their fields, the whole error kept for an
 * alert. Staff forms and the first-run wizard share it. `fieldOf` names the form field of an API field
 * where the two differ (the API's `action.duplicateOf` is the form's `duplicateCode`).
 */
export function useFormSubmit<F>(
  form: FormInstance<F>,
  fieldOf: (apiField: string) => string = (apiField) => apiField,
): {
  readonly busy: boolean
  readonly error: ApiError | null
  /** Runs `work`; resolves to the error it was refused with, or null when it went through. */
  readonly run: (work: () => Promise<void>) => Promise<ApiError | null>
} {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const run = async (work: () => Promise<void>): Promise<ApiError | null> => {
    setBusy(true)
    setError(null)
    try {
      await work()
      return null
    } catch (e) {
      const err = toApiError(e)
      const fields = Object.entries(err.fields ?? {})
      if (fields.length > 0)
        form.setFields(fields.map(([name, errors]) => ({ name: fieldOf(name) as never, errors: [errors] })))
      setError(err)
      return err
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, run }
}
