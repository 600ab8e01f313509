import { Alert, Button, Result, Spin } from 'antd'
import { useEffect, useState } from 'react'
import type { CountyUser } from '../../../contract/county-console'
import { api, onSessionEnded, toConsoleApiError } from '../api'
import { useT } from '../i18n'
import { LoginPage } from '../pages/LoginPage'
import { Shell } from './Shell'
import { SessionContext } from './session'

type Phase =
  | { readonly kind: 'checking' }
  | { readonly kind: 'unreachable'; readonly message: string }
  | { readonly kind: 'signedOut'; readonly notice: 'expired' | 'signedOut' | null }
  | { readonly kind: 'signedIn'; readonly user: CountyUser }

/**
 * Who is signed in decides everything: the console asks the hub at start, shows the sign-in page when
 * nobody is, and returns to it whenever any call answers 401 (the session expired or was ended).
 */
export function App() {
  const t = useT()
  const [phase, setPhase] = useState<Phase>({ kind: 'checking' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    onSessionEnded(() =>
      setPhase((p) => (p.kind === 'signedIn' ? { kind: 'signedOut', notice: 'expired' } : p)),
    )
    return () => onSessionEnded(null)
  }, [])

  useEffect(() => {
    let current = true
    api.me().then(
      (user) => {
        if (current) setPhase({ kind: 'signedIn', user })
      },
      (e: unknown) => {
        if (!current) return
        const error = toConsoleApiError(e)
        setPhase(
          error.code === 'UNAUTHENTICATED'
            ? { kind: 'signedOut', notice: null }
            : { kind: 'unreachable', message: error.message },
        )
      },
    )
    return () => {
      current = false
    }
  }, [attempt])

  const signOut = async () => {
    try {
      await api.logout()
    } catch {
      // The session is gone on this side either way; the hub forgets it when it idles out.
    }
    setPhase({ kind: 'signedOut', notice: 'signedOut' })
  }

  switch (phase.kind) {
    case 'checking':
      return (
        <div className="console-center">
          <Spin size="large" description={t('app.loading')} />
        </div>
      )
    case 'unreachable':
      return (
        <Result
          status="warning"
          title={phase.message}
          extra={
            <Button
              type="primary"
              onClick={() => {
                setPhase({ kind: 'checking' })
                setAttempt((a) => a + 1)
              }}
            >
              {t('app.retry')}
            </Button>
          }
        />
      )
    case 'signedOut':
      return (
        <LoginPage
          notice={
            phase.notice === null ? null : (
              <Alert
                type={phase.notice === 'expired' ? 'warning' : 'info'}
                showIcon
                title={phase.notice === 'expired' ? t('app.user.expired') : t('app.user.signedOut')}
              />
            )
          }
          onSignedIn={(user) => setPhase({ kind: 'signedIn', user })}
        />
      )
    case 'signedIn':
      return (
        <SessionContext value={{ user: phase.user, isAdmin: phase.user.role === 'admin' }}>
          <Shell onSignOut={() => void signOut()} />
        </SessionContext>
      )
  }
}
