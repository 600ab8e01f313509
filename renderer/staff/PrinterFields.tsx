import { Alert, Form, Radio, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import type { PrinterChoice } from '../../contract/bridge'
import { useApiQuery } from '../lib/useApiQuery'

/**
 * The receipt printer's two fields (`printerName`, `paperWidthMm`) inside an antd Form: the first-run
 * wizard and the admin's 打印设置 share them. In the shell the system's printers are offered; in serve
 * mode (a browser) the browser's print dialog picks the printer, so only the paper width matters.
 */
export function PrinterFields() {
  const { t } = useTranslation()
  const bridge = window.station
  const printers = useApiQuery('printers', async (): Promise<readonly PrinterChoice[]> => {
    if (!bridge) return []
    const res = await bridge.listPrinters()
    return res.ok ? res.value : []
  })
  const list = printers.state.status === 'ok' ? printers.state.value : []
  return (
    <>
      {bridge ? (
        <Form.Item name="printerName" label={t('staff.printer.name')} extra={t('staff.printer.nameHint')}>
          <Select
            loading={printers.state.status === 'loading'}
            options={[
              { value: '', label: t('staff.printer.systemDefault') },
              ...list.map((p) => ({ value: p.name, label: p.displayName })),
            ]}
          />
        </Form.Item>
      ) : (
        <Alert className="staff-printer__note" type="info" showIcon title={t('staff.printer.browser')} />
      )}
      <Form.Item name="paperWidthMm" label={t('staff.printer.paper')}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 80, label: t('staff.printer.paper80') },
            { value: 58, label: t('staff.printer.paper58') },
          ]}
        />
      </Form.Item>
    </>
  )
}
