import {
  App,
  Button,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import {
  COUNTY_ROLES,
  type CountyRole,
  type CountyUserRow,
  NewUserBody,
  PASSWORD_MIN_LENGTH,
} from '../../../../contract/county-console'
import { api, toConsoleApiError } from '../../api'
import { useSession } from '../../app/session'
import { useT } from '../../i18n'
import { ConsolePage, LoadError } from '../../lib/ConsolePage'
import { useSubmission } from '../../lib/forms'
import { dateTime } from '../../lib/format'
import { useQuery } from '../../lib/useQuery'
import { FormModal } from '../../lib/FormModal'
import { ResetPasswordModal } from './PasswordModals'

/** 账号 (admins): who may sign in to the console, and in what role. */
export function AccountsPage() {
  const t = useT()
  const { message } = App.useApp()
  const { user } = useSession()
  const { state, reload } = useQuery('users', () => api.users())
  const [adding, setAdding] = useState(false)
  const [resetting, setResetting] = useState<string | null>(null)

  const disable = async (u: CountyUserRow) => {
    try {
      await api.disableUser(u.username)
      void message.success(t('accounts.disabled', { username: u.username }))
      reload()
    } catch (e) {
      void message.error(toConsoleApiError(e).message)
    }
  }

  const enable = async (u: CountyUserRow) => {
    try {
      await api.enableUser(u.username)
      void message.success(t('accounts.enabled', { username: u.username }))
      reload()
    } catch (e) {
      void message.error(toConsoleApiError(e).message)
    }
  }

  const columns: TableColumnsType<CountyUserRow> = [
    { key: 'username', title: t('accounts.column.username'), dataIndex: 'username' },
    { key: 'displayName', title: t('accounts.column.displayName'), dataIndex: 'displayName' },
    { key: 'role', title: t('accounts.column.role'), render: (_, u) => t(`app.role.${u.role}`) },
    {
      key: 'state',
      title: t('accounts.column.state'),
      render: (_, u) =>
        u.disabled ? (
          <Tag>{t('accounts.state.disabled')}</Tag>
        ) : (
          <Tag color="green">{t('accounts.state.active')}</Tag>
        ),
    },
    {
      key: 'lastSignInAt',
      title: t('accounts.column.lastSignInAt'),
      render: (_, u) => (u.lastSignInAt === null ? t('accounts.never') : dateTime(u.lastSignInAt)),
    },
    {
      key: 'actions',
      title: t('accounts.column.actions'),
      render: (_, u) =>
        u.username === user.username ? (
          <Typography.Text type="secondary">{t('accounts.self')}</Typography.Text>
        ) : (
          <Space>
            {u.disabled ? (
              <Popconfirm
                title={t('accounts.enableConfirm', { username: u.username })}
                okText={t('accounts.enable')}
                cancelText={t('app.cancel')}
                onConfirm={() => void enable(u)}
              >
                <Button size="small" aria-label={`${t('accounts.enable')} ${u.username}`}>
                  {t('accounts.enable')}
                </Button>
              </Popconfirm>
            ) : (
              <Popconfirm
                title={t('accounts.disableConfirm', { username: u.username })}
                okText={t('accounts.disable')}
                cancelText={t('app.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => void disable(u)}
              >
                <Button size="small" danger aria-label={`${t('accounts.disable')} ${u.username}`}>
                  {t('accounts.disable')}
                </Button>
              </Popconfirm>
            )}
            <Button
              size="small"
              aria-label={`${t('accounts.resetPassword')} ${u.username}`}
              onClick={() => setResetting(u.username)}
            >
              {t('accounts.resetPassword')}
            </Button>
          </Space>
        ),
    },
  ]

  return (
    <ConsolePage
      id="accounts"
      title={t('accounts.title')}
      actions={
        <Button type="primary" onClick={() => setAdding(true)}>
          {t('accounts.add')}
        </Button>
      }
    >
      {state.status === 'error' && <LoadError message={state.error.message} onRetry={reload} />}
      <div className="console-panel console-gap">
        <Table<CountyUserRow>
          data-testid="accounts-table"
          rowKey="username"
          columns={columns}
          dataSource={state.status === 'ok' ? state.value : []}
          loading={state.status === 'loading'}
          pagination={false}
        />
      </div>
      {resetting !== null && (
        <ResetPasswordModal
          username={resetting}
          onClose={() => setResetting(null)}
          onDone={() => {
            void message.success(t('accounts.resetDone', { username: resetting }))
            setResetting(null)
          }}
        />
      )}
      {adding && (
        <NewUserModal
          onClose={() => setAdding(false)}
          onAdded={(u) => {
            setAdding(false)
            void message.success(t('accounts.added', { username: u.username }))
            reload()
          }}
        />
      )}
    </ConsolePage>
  )
}

interface Fields {
  username?: string
  displayName?: string
  role?: CountyRole
  password?: string
}

const FIELDS = ['username', 'displayName', 'role', 'password'] as const

function NewUserModal({ onClose, onAdded }: { onClose: () => void; onAdded: (u: CountyUserRow) => void }) {
  const t = useT()
  const [form] = Form.useForm<Fields>()
  const { busy, error, submit } = useSubmission(form, FIELDS)

  const onOk = async () => {
    const f = form.getFieldsValue(true) as Fields
    const body = {
      username: f.username ?? '',
      displayName: f.displayName ?? '',
      role: f.role,
      password: f.password ?? '',
    }
    const added = await submit(NewUserBody, body, (b) => api.addUser(b))
    if (added) onAdded(added)
  }

  return (
    <FormModal
      title={t('accounts.addTitle')}
      form={form}
      initialValues={{ role: 'clerk' }}
      submission={{ busy, error }}
      onOk={onOk}
      onClose={onClose}
    >
      <Form.Item name="username" label={t('accounts.form.username')} extra={t('accounts.form.usernameHint')}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="displayName" label={t('accounts.form.displayName')}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="role" label={t('accounts.form.role')}>
        <Select options={COUNTY_ROLES.map((r) => ({ value: r, label: t(`app.role.${r}`) }))} />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('accounts.form.password')}
        extra={t('accounts.form.passwordHint', { n: PASSWORD_MIN_LENGTH })}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  )
}
