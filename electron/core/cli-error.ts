import { isDomainError } from '../../domain/errors'
import { errorMessagesZh } from '../../contract/errors'

/**
 * The one line a command-line start (serve, restore) prints when it refuses: the error table's sentence,
 * the file it is about when there is one (the missing key file, the damaged database), and the code.
 */
export function cliErrorLine(e: unknown): string {
  if (!isDomainError(e)) return e instanceof Error ? (e.stack ?? e.message) : String(e)
  const file = e.details?.['file']
  return `${errorMessagesZh[e.code]}${typeof file === 'string' ? `（${file}）` : ''} (${e.code})`
}
