import { Alert, App, Button, Form, Input, Modal, Popconfirm, Radio, Table, type TableColumnsType } from 'antd'
import { type HTMLAttributes, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StaffUser } from '../../../contract/views'
import { PinTwiceFields } from '../../components/PinTwiceFields'
import { toApiError, useApiQuery } from '../../lib/useApiQuery'
import { useSession } from '../session'
import { useFormSubmit } from '../useFormSubmit'

interface AccountFields {
  name?: string
  role: StaffUser['role']
  pin?: string
  pinAgain?: string
}

/** Who may use the console (admins): add an account, set a new PIN, retire one. */
export function StaffAccounts() {
  const { t } = useTranslation()
  const { call, user: me } = useSession()
  const { message } = App.useApp()
  const users = useApiQuery('staff.accounts', () => call('staff.users', {}))
  // What the dialog is for: a new account, or a new PIN for one.
  const [editing, setEditing] = useState<{ kind: 'add' } | { kind: 'pin'; user: StaffUser } | null>(null)

  const retire = async (u: StaffUser) => {
    try {
      await call('staff.deactivate', { userId: u.id })
      void message.success(t('staff.accounts.retired', { name: u.name }))
      users.reload()
    } catch (e) {
      void message.error(toApiError(e).message)
    }
  }

  const columns: TableColumnsType<StaffUser> = [
    { title: t('staff.accounts.column.name'), dataIndex: 'name' },
    {
      title: t('staff.accounts.column.role'),
      dataIndex: 'role',
      render: (role: StaffUser['role']) => t(`staff.pin.role.${role}`),
    },
    {
      key: 'actions',
      render: (_: unknown, u: StaffUser) => (
        <div className="staff-accounts__row-actions">
          <Button onClick={() => setEditing({ kind: 'pin', user: u })}>{t('staff.accounts.resetPin')}</Button>
          {u.id !== me.id && (
            <Popconfirm
              title={t('staff.accounts.retireConfirm', { name: u.name })}
              okText={t('staff.accounts.retire')}
              cancelText={t('staff.accounts.cancel')}
              onConfirm={() => void retire(u)}
            >
              <Button danger>{t('staff.accounts.retire')}</Button>
            </Popconfirm>
          )}
        </div>
      ),
    },
  ]

  return (
    <section className="staff-queue" aria-labelledby="staff-accounts-title">
      <div className="staff-detail__head">
        <h1 id="staff-accounts-title" className="staff-heading">
          {t('staff.accounts.title')}
        </h1>
        <Button type="primary" size="large" onClick={() => setEditing({ kind: 'add' })}>
          {t('staff.accounts.add')}
        </Button>
      </div>
      {users.state.status === 'error' && <Alert type="error" showIcon title={users.state.error.message} />}
      <Table<StaffUser>
        rowKey="id"
        size="middle"
        loading={users.state.status === 'loading'}
        dataSource={users.state.status === 'ok' ? [...users.state.value] : []}
        columns={columns}
        pagination={false}
        onRow={(u) => ({ 'data-testid': 'account-row', 'data-name': u.name }) as HTMLAttributes<HTMLElement>}
      />
      {editing && (
        <AccountDialog
          user={editing.kind === 'pin' ? editing.user : null}
          onClose={() => setEditing(null)}
          onSaved={(text) => {
            setEditing(null)
            void message.success(text)
            users.reload()
          }}
        />
      )}
    </section>
  )
}

/** Adding an account (name, role, PIN twice), or a new PIN for `user` (PIN twice). */
function AccountDialog({
  user,
  onClose,
  onSaved,
}: {
  user: StaffUser | null
  onClose: () => void
  onSaved: (message: string) => void
}) {
  const { t } = useTranslation()
  const { call } = useSession()
  const [form] = Form.useForm<AccountFields>()
  const { busy, error, run } = useFormSubmit(form)
  const save = (f: AccountFields) =>
    run(async () => {
      const pin = f.pin ?? ''
      if (user) {
        await call('staff.resetPin', { userId: user.id, pin })
        onSaved(t('staff.accounts.pinSet', { name: user.name }))
      } else {
        const added = await call('staff.create', { name: (f.name ?? '').trim(), role: f.role, pin })
        onSaved(t('staff.accounts.added', { name: added.name }))
      }
    })
  return (
    <Modal
      open
      title={user ? t('staff.accounts.pinTitle', { name: user.name }) : t('staff.accounts.add')}
      okText={t('staff.accounts.save')}
      cancelText={t('staff.accounts.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<AccountFields>
        form={form}
        layout="vertical"
        size="large"
        initialValues={{ role: 'staff' }}
        onFinish={(f) => void save(f)}
      >
        {!user && (
          <>
            <Form.Item
              name="name"
              label={t('staff.accounts.column.name')}
              rules={[{ required: true, whitespace: true, message: t('staff.accounts.required') }]}
            >
              <Input maxLength={20} />
            </Form.Item>
            <Form.Item name="role" label={t('staff.accounts.column.role')}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={(['staff', 'admin'] as const).map((r) => ({
                  value: r,
                  label: t(`staff.pin.role.${r}`),
                }))}
              />
            </Form.Item>
          </>
        )}
        <PinTwiceFields name="pin" againName="pinAgain" label={t('staff.accounts.pin')} />
        {error && <Alert type="error" showIcon title={error.message} />}
      </Form>
    </Modal>
  )
}
