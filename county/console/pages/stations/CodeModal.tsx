import { Alert, Button, Modal, Typography } from 'antd'
import { useState } from 'react'
import type { EnrolmentCodeIssued } from '../../../../contract/county-console'
import { useT } from '../../i18n'
import { dateTime } from '../../lib/format'

/** The one time an enrolment code is ever shown: large, with its expiry, and closed only on purpose. */
export function CodeModal({
  issued,
  stationName,
  onClose,
}: {
  issued: EnrolmentCodeIssued
  stationName: string
  onClose: () => void
}) {
  const t = useT()
  const [copied, setCopied] = useState(false)

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued.code)
      setCopied(true)
    } catch {
      // No clipboard (an insecure origin): the code is selectable on screen all the same.
    }
  }

  return (
    <Modal
      open
      title={t('stations.code.title', { name: stationName })}
      mask={{ closable: false }}
      keyboard={false}
      closable={false}
      onCancel={onClose}
      footer={[
        <Button key="copy" onClick={() => void copy()}>
          {copied ? t('stations.code.copied') : t('stations.code.copy')}
        </Button>,
        <Button key="done" type="primary" onClick={onClose}>
          {t('stations.code.done')}
        </Button>,
      ]}
    >
      <Alert type="warning" showIcon title={t('stations.code.once')} />
      <Typography.Text type="secondary" className="console-code-label">
        {t('stations.code.label')}
      </Typography.Text>
      <div className="console-code" data-testid="enrolment-code" aria-label={t('stations.code.label')}>
        {issued.code}
      </div>
      <Typography.Paragraph strong data-testid="enrolment-expiry">
        {t('stations.code.expires', { time: dateTime(issued.expiresAt) })}
      </Typography.Paragraph>
    </Modal>
  )
}
