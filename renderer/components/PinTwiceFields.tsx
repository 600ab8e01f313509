import { Form, Input } from 'antd'
import { useTranslation } from 'react-i18next'

/**
 * A new six-digit PIN typed twice in a form: the second must match the first. The label (and hint) are the
 * page's own words; the checks' words are the same everywhere (`app.pinTwice`).
 */
export function PinTwiceFields(props: {
  readonly name: string
  readonly againName: string
  readonly label: string
  readonly hint?: string
}) {
  const { name, againName, label, hint } = props
  const { t } = useTranslation()
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        {...(hint === undefined ? {} : { extra: hint })}
        rules={[{ pattern: /^\d{6}$/, required: true, message: t('app.pinTwice.bad') }]}
      >
        <Input.Password inputMode="numeric" maxLength={6} autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name={againName}
        label={t('app.pinTwice.again')}
        dependencies={[name]}
        rules={[
          { required: true, message: t('app.pinTwice.againMissing') },
          ({ getFieldValue }) => ({
            validator: (_, v: string | undefined) =>
              v === undefined || v === '' || v === getFieldValue(name)
                ? Promise.resolve()
                : Promise.reject(new Error(t('app.pinTwice.mismatch'))),
          }),
        ]}
      >
        <Input.Password inputMode="numeric" maxLength={6} autoComplete="new-password" />
      </Form.Item>
    </>
  )
}
