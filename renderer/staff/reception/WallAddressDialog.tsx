import { Button, Input, type InputRef, Modal, Space } from 'antd'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

/** The wall page's address as this browser reaches the station (serve mode listens on 127.0.0.1 only). */
export function wallAddress(origin: string = window.location.origin): string {
  return `${origin}/?view=wall`
}

/**
 * Serve mode's 打开大屏: a browser page cannot put a window on another screen (and the kiosk lockdown
 * refuses new windows), so this says how to show the wall on the hall's TV and hands over the address.
 */
export function WallAddressDialog({ onClose }: { readonly onClose: () => void }) {
  const { t } = useTranslation()
  const address = wallAddress()
  const field = useRef<InputRef>(null)
  const [copied, setCopied] = useState<'no' | 'yes' | 'selected'>('no')

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(address)
      setCopied('yes')
    } catch {
      // The browser refused the clipboard: select the address, so Ctrl+C copies it.
      field.current?.focus()
      field.current?.select()
      setCopied('selected')
    }
  }

  return (
    <Modal
      open
      width={720}
      title={t('reception.wallHelp.title')}
      onCancel={onClose}
      footer={
        <Button size="large" onClick={onClose}>
          {t('reception.wallHelp.close')}
        </Button>
      }
    >
      <p>{t('reception.wallHelp.how')}</p>
      <p>{t('reception.wallHelp.sameComputer')}</p>
      <label className="reception-wall-help__label" htmlFor="reception-wall-address">
        {t('reception.wallHelp.address')}
      </label>
      <Space.Compact block>
        <Input
          id="reception-wall-address"
          ref={field}
          size="large"
          readOnly
          value={address}
          className="reception-wall-help__address"
          onFocus={(e) => e.target.select()}
        />
        <Button size="large" type="primary" onClick={() => void copy()}>
          {t('reception.wallHelp.copy')}
        </Button>
      </Space.Compact>
      <p className="reception-wall-help__status" role="status">
        {copied === 'yes' && t('reception.wallHelp.copied')}
        {copied === 'selected' && t('reception.wallHelp.selected')}
      </p>
    </Modal>
  )
}
