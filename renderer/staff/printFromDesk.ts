import { App } from 'antd'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api'
import { printInFrame, reportPrinted } from '../lib/printReceipt'
import { toApiError } from '../lib/useApiQuery'
import { useSession, type Session } from './session'

/**
 * A receipt printed from the desk: the first one of a petition staff just filed (代录), or one more of any,
 * which the backend marks 补打 and audits when a paper of it is known to have printed before. The backend keeps the PDF copy before anything is
 * printed. In Electron the shell prints silently; in serve mode the document goes through the same
 * hidden frame as a resident's receipt (renderer/lib/printReceipt.ts).
 *
 * Resolves whether the paper went out; a refusal of the backend (DISK_FULL, DATA_DIR_UNWRITABLE,
 * STAFF_ONLY, NOT_FOUND) rejects with its ApiError in both shells, through the session's guard, so staff
 * read the cause and an expired session brings back the PIN screen.
 */
export async function printFromDesk(
  petitionId: string,
  session: Pick<Session, 'call' | 'guard'>,
  reprint: boolean,
): Promise<boolean> {
  const bridge = window.station
  if (bridge) {
    return session.guard(async () => {
      const result = await bridge.printReceipt(petitionId, reprint)
      if (!result.ok) throw new ApiError(result.error)
      return result.value.printed
    })
  }
  const receipt = await session.call('receipts.print', { petitionId, reprint })
  const printed = await printInFrame(receipt.html, receipt)
  await reportPrinted(session.call, petitionId, receipt.pdfPath, printed)
  return printed
}

/**
 * The first receipt of a petition just filed at the desk, in the background: the petition is saved
 * whatever the printer does, and a failed print says so (it can be reprinted from the detail), or says
 * the backend's cause when it refused.
 */
export function usePrintFiled(): (petitionId: string) => void {
  const { t } = useTranslation()
  const session = useSession()
  const { message } = App.useApp()
  return (petitionId) => {
    printFromDesk(petitionId, session, false).then(
      (printed) => {
        if (!printed) void message.warning(t('staff.walkIn.notPrinted'))
      },
      (e: unknown) => void message.warning(toApiError(e).message),
    )
  }
}
