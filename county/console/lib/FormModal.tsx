import { Form, type FormInstance, Modal } from 'antd'
import type { ReactNode } from 'react'
import { useT } from '../i18n'
import { FormError } from './FormError'
import type { Submission } from './forms'

/**
 * The console's form in a dialog: the refusal above the fields, 保存 (or `okText`) and Enter in a field
 * both send it, and the dialog is dropped when closed, so it opens fresh each time.
 */
export function FormModal<Fields extends object>({
  title,
  okText,
  width,
  form,
  initialValues,
  submission,
  onOk,
  onClose,
  submitOnEnter = true,
  children,
}: {
  readonly title: ReactNode
  readonly okText?: string
  readonly width?: number
  readonly form: FormInstance<Fields>
  readonly initialValues?: Partial<Fields>
  readonly submission: Pick<Submission, 'busy' | 'error'>
  readonly onOk: () => Promise<unknown>
  readonly onClose: () => void
  /** Off where Enter belongs to a field (picking a suggestion, a new line). */
  readonly submitOnEnter?: boolean
  readonly children: ReactNode
}) {
  const t = useT()
  return (
    <Modal
      open
      title={title}
      okText={okText ?? t('app.save')}
      cancelText={t('app.cancel')}
      confirmLoading={submission.busy}
      onOk={() => void onOk()}
      onCancel={onClose}
      destroyOnHidden
      {...(width === undefined ? {} : { width })}
    >
      <FormError error={submission.error} />
      <Form<Fields>
        form={form}
        layout="vertical"
        requiredMark={false}
        {...(initialValues === undefined ? {} : { initialValues })}
        {...(submitOnEnter ? { onFinish: () => void onOk() } : {})}
        className="console-gap"
      >
        {children}
      </Form>
    </Modal>
  )
}
