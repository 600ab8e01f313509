import { Form, Input } from 'antd'
import {
  PASSWORD_MIN_LENGTH,
  PasswordChangeBody,
  PasswordResetBody,
} from '../../../../contract/county-console'
import { api } from '../../api'
import { useT } from '../../i18n'
import { FormModal } from '../../lib/FormModal'
import { useSubmission } from '../../lib/forms'

/** An admin sets a new password for another user, who is signed out everywhere. */
export function ResetPasswordModal({
  username,
  onClose,
  onDone,
}: {
  username: string
  onClose: () => void
  onDone: () => void
}) {
  const t = useT()
  const [form] = Form.useForm<{ password?: string }>()
  const { busy, error, submit } = useSubmission(form, ['password'])

  const onOk = async () => {
    const f = form.getFieldsValue(true) as { password?: string }
    const sent = await submit(PasswordResetBody, { password: f.password ?? '' }, async (b) => {
      await api.resetPassword(username, b)
      return true
    })
    if (sent) onDone()
  }

  return (
    <FormModal
      title={t('accounts.resetTitle', { username })}
      form={form}
      submission={{ busy, error }}
      onOk={onOk}
      onClose={onClose}
    >
      <Form.Item
        name="password"
        label={t('accounts.form.newPassword')}
        extra={t('accounts.form.resetHint', { n: PASSWORD_MIN_LENGTH })}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  )
}

interface ChangeFields {
  currentPassword?: string
  newPassword?: string
}

/** The signed-in user changes their own password; their sessions elsewhere end. */
export function ChangePasswordModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [form] = Form.useForm<ChangeFields>()
  const { busy, error, submit } = useSubmission(form, ['currentPassword', 'newPassword'])

  const onOk = async () => {
    const f = form.getFieldsValue(true) as ChangeFields
    const body = { currentPassword: f.currentPassword ?? '', newPassword: f.newPassword ?? '' }
    const sent = await submit(PasswordChangeBody, body, async (b) => {
      await api.changePassword(b)
      return true
    })
    if (sent) onDone()
  }

  return (
    <FormModal
      title={t('accounts.change.title')}
      form={form}
      submission={{ busy, error }}
      onOk={onOk}
      onClose={onClose}
    >
      <Form.Item name="currentPassword" label={t('accounts.change.current')}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('accounts.change.new')}
        extra={t('accounts.change.newHint', { n: PASSWORD_MIN_LENGTH })}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  )
}
