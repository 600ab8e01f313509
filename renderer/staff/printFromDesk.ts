import { App } from 'antd'
import { useTranslation } from 'react-i18next'
import type { InputOf, Method, OutputOf } from '../../contract/api'
import { printInFrame } from '../lib/printReceipt'
import { useSession } from './session'

/**
 * A receipt printed from the desk: the first one of a petition staff just filed (代录), or a reprint (补打)
 * of any, which the backend marks 补打 and audits. The backend keeps the PDF copy before anything is
 * printed. In Electron the shell prints silently; in serve mode the document goes through the same
 * hidden frame as a resident's receipt (renderer/lib/printReceipt.ts).
 */
export async function printFromDesk(
  petitionId: string,
  call: <M extends Method>(method: M, input: InputOf<M>) => Promise<OutputOf<M>>,
  reprint: boolean,
): Promise<boolean> {
  const bridge = window.station
  if (bridge) {
    const result = await bridge.printReceipt(petitionId, reprint)
    return result.ok && result.value.printed
  }
  const receipt = await call('receipts.print', { petitionId, reprint })
  return printInFrame(receipt.html)
}

/**
 * The first receipt of a petition just filed at the desk, in the background: the petition is saved
 * whatever the printer does, and a failed print says so (it can be reprinted from the detail).
 */
export function usePrintFiled(): (petitionId: string) => void {
  const { t } = useTranslation()
  const { call } = useSession()
  const { message } = App.useApp()
  return (petitionId) => {
    const warn = () => void message.warning(t('staff.walkIn.notPrinted'))
    printFromDesk(petitionId, call, false).then((printed) => {
      if (!printed) warn()
    }, warn)
  }
}
