import type { FormInstance } from 'antd'
import { useState } from 'react'
import type { z } from 'zod'
import { type ConsoleApiError, toConsoleApiError } from '../api'

/** The first message per input of a failed parse, keyed by its top-level field (`specialties.0` → `specialties`). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const name = String(issue.path[0] ?? '')
    if (!(name in fields)) fields[name] = issue.message
  }
  return fields
}

/** Puts messages under their inputs; returns the ones no input of the form takes (shown in an alert). */
function showFieldErrors(
  form: FormInstance,
  fields: Readonly<Record<string, string>>,
  formFields: readonly string[],
): string[] {
  // The hub names a list item's field by its path (`specialties.0`): the message belongs to the list's input.
  const inputOf = (key: string) => key.split('.')[0] ?? key
  const own = Object.entries(fields).filter(([key]) => formFields.includes(inputOf(key)))
  form.setFields(own.map(([key, message]) => ({ name: inputOf(key), errors: [message] })))
  return Object.entries(fields)
    .filter(([key]) => !formFields.includes(inputOf(key)))
    .map(([, message]) => message)
}

export interface Submission {
  readonly busy: boolean
  /** The refusal to show above the form: its message and messages for fields the form does not show. */
  readonly error: { readonly message: string; readonly details: readonly string[] } | null
  /**
   * Checks `values` with the contract's schema (the same messages the hub answers with), then sends the
   * parsed body; a refusal's field messages go under their inputs. Resolves to the answer, or null.
   */
  readonly submit: <S extends z.ZodType, R>(
    schema: S,
    values: unknown,
    send: (body: z.output<S>) => Promise<R>,
  ) => Promise<R | null>
}

/** One antd form's round trip to the hub, validated on both sides by the same zod schema. */
export function useSubmission(form: FormInstance, formFields: readonly string[]): Submission {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Submission['error']>(null)

  async function submit<S extends z.ZodType, R>(
    schema: S,
    values: unknown,
    send: (body: z.output<S>) => Promise<R>,
  ): Promise<R | null> {
    setError(null)
    const parsed = schema.safeParse(values)
    if (!parsed.success) {
      const rest = showFieldErrors(form, fieldErrors(parsed.error), formFields)
      if (rest.length > 0) setError({ message: rest.join('；'), details: [] })
      return null
    }
    setBusy(true)
    try {
      return await send(parsed.data)
    } catch (e) {
      const err: ConsoleApiError = toConsoleApiError(e)
      const rest = err.fields ? showFieldErrors(form, err.fields, formFields) : []
      setError({ message: err.message, details: rest })
      return null
    } finally {
      setBusy(false)
    }
  }

  return { busy, error, submit }
}
