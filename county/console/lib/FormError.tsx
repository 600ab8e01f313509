import { Alert } from 'antd'
import type { Submission } from './forms'

/** A form's refusal, above its fields: the message, and the messages no input of the form shows. */
export function FormError({ error }: { readonly error: Submission['error'] }) {
  if (!error) return null
  return (
    <Alert
      type="error"
      showIcon
      title={error.message}
      description={error.details.length > 0 ? error.details.join('；') : undefined}
      className="console-form-error"
    />
  )
}
