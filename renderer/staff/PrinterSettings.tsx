import { Alert, App, Button, Form, Spin } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PrinterSettings as Settings } from '../../contract/views'
import { toApiError, useApiQuery } from '../lib/useApiQuery'
import { PrinterFields } from './PrinterFields'
import { useSession } from './session'

/** 打印设置 (admins): the receipt printer and paper width, an audited change. */
export function PrinterSettings() {
  const { t } = useTranslation()
  const { call, user } = useSession()
  const { message } = App.useApp()
  const [form] = Form.useForm<Settings>()
  const [busy, setBusy] = useState(false)
  const current = useApiQuery('staff.printer', () => call('receipts.printer', {}))

  const save = async (s: Settings) => {
    setBusy(true)
    try {
      const saved = await call('receipts.setPrinter', s)
      form.setFieldsValue(saved)
      void message.success(t('staff.printer.saved'))
    } catch (e) {
      void message.error(toApiError(e).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="staff-queue" aria-labelledby="staff-printer-title">
      <h1 id="staff-printer-title" className="staff-heading">
        {t('staff.printer.title')}
      </h1>
      {current.state.status === 'loading' && <Spin size="large" />}
      {current.state.status === 'error' && (
        <Alert type="error" showIcon title={current.state.error.message} />
      )}
      {current.state.status === 'ok' && (
        <Form<Settings>
          form={form}
          layout="vertical"
          size="large"
          className="staff-consultation-form"
          initialValues={current.state.value}
          disabled={user.role !== 'admin'}
          // All values, not only the mounted fields: in a browser there is no printer field to submit.
          onFinish={() => void save(form.getFieldsValue(true) as Settings)}
        >
          {user.role !== 'admin' && (
            <Alert
              className="staff-printer__note"
              type="info"
              showIcon
              title={t('staff.printer.adminOnly')}
            />
          )}
          <PrinterFields />
          <Button type="primary" htmlType="submit" size="large" loading={busy}>
            {t('staff.printer.save')}
          </Button>
        </Form>
      )}
    </section>
  )
}
