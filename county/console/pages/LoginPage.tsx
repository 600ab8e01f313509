import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import type { ReactNode } from 'react'
import { type CountyUser, LoginBody } from '../../../contract/county-console'
import { api } from '../api'
import { useT } from '../i18n'
import { useSubmission } from '../lib/forms'

interface Fields {
  username?: string
  password?: string
}

const FIELDS = ['username', 'password'] as const

/** 登录: account and password; the hub answers with the user and a session cookie. */
export function LoginPage({
  notice,
  onSignedIn,
}: {
  notice: ReactNode
  onSignedIn: (user: CountyUser) => void
}) {
  const t = useT()
  const [form] = Form.useForm<Fields>()
  const { busy, error, submit } = useSubmission(form, FIELDS)

  const onFinish = async (values: Fields) => {
    const body = { username: values.username ?? '', password: values.password ?? '' }
    const user = await submit(LoginBody, body, (b) => api.login(b))
    if (user) onSignedIn(user)
  }

  return (
    <main className="console-login">
      <Card className="console-login__card">
        <Typography.Title level={1} className="console-login__title">
          {t('app.title')}
        </Typography.Title>
        <Typography.Title level={2} className="console-login__heading">
          {t('login.heading')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.intro')}</Typography.Paragraph>
        {notice}
        {error && <Alert type="error" showIcon title={error.message} className="console-gap" />}
        <Form<Fields>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => void onFinish(values)}
          className="console-gap"
        >
          <Form.Item name="username" label={t('login.username')}>
            <Input autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')}>
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={busy}>
            {busy ? t('login.busy') : t('login.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  )
}
