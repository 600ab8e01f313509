import { Form, Input } from 'antd'

/** What the two inputs say, already in the page's words (setup and staff accounts word them apart). */
export interface PinTwiceText {
  readonly pin: string
  readonly hint?: string
  readonly pinBad: string
  readonly again: string
  readonly againMissing: string
  readonly mismatch: string
}

/** A new six-digit PIN typed twice in a form: the second must match the first. */
export function PinTwiceFields(props: {
  readonly name: string
  readonly againName: string
  readonly text: PinTwiceText
}) {
  const { name, againName, text } = props
  return (
    <>
      <Form.Item
        name={name}
        label={text.pin}
        {...(text.hint === undefined ? {} : { extra: text.hint })}
        rules={[{ pattern: /^\d{6}$/, required: true, message: text.pinBad }]}
      >
        <Input.Password inputMode="numeric" maxLength={6} autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name={againName}
        label={text.again}
        dependencies={[name]}
        rules={[
          { required: true, message: text.againMissing },
          ({ getFieldValue }) => ({
            validator: (_, v: string | undefined) =>
              v === undefined || v === '' || v === getFieldValue(name)
                ? Promise.resolve()
                : Promise.reject(new Error(text.mismatch)),
          }),
        ]}
      >
        <Input.Password inputMode="numeric" maxLength={6} autoComplete="new-password" />
      </Form.Item>
    </>
  )
}
