import { DomainError } from '../../domain/errors'

/** A validation error for one form field, with the sentence the form shows beside it. */
export function invalidField(field: string, message: string): DomainError {
  return new DomainError('VALIDATION', { fields: { [field]: message } })
}
