import type { TFunction } from 'i18next'
import { Alert, Button, Spin } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StaffUser } from '../../contract/views'
import { api } from '../api'
import { toApiError, useApiQuery, type QueryState } from '../lib/useApiQuery'
import type { ApiError } from '../api'

const MAX_PIN = 8
const MIN_PIN = 4
const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const

/** 工作人员登录: pick your name, then the PIN on a pad (a desk keyboard's digits work too). */
export function PinScreen({ onLogin, onCancel }: { onLogin: (u: StaffUser) => void; onCancel: () => void }) {
  const { t } = useTranslation()
  const users = useApiQuery('staff.users', () => api['staff.users']({}))
  const [user, setUser] = useState<StaffUser | null>(null)

  return (
    <main className="staff-pin">
      <h1 className="staff-pin__title">{t('staff.pin.title')}</h1>
      {user ? (
        <PinPad user={user} onLogin={onLogin} onSwitch={() => setUser(null)} />
      ) : (
        <UserList state={users.state} onPick={setUser} onRetry={users.reload} />
      )}
      <Button size="large" className="staff-pin__cancel" onClick={onCancel}>
        {t('staff.pin.cancel')}
      </Button>
    </main>
  )
}

function UserList({
  state,
  onPick,
  onRetry,
}: {
  state: QueryState<readonly StaffUser[]>
  onPick: (u: StaffUser) => void
  onRetry: () => void
}) {
  const { t } = useTranslation()
  if (state.status === 'loading') return <Spin size="large" />
  if (state.status === 'error') {
    return (
      <Alert
        type="error"
        showIcon
        title={state.error.message}
        action={
          <Button size="large" onClick={onRetry}>
            {t('app.retry')}
          </Button>
        }
      />
    )
  }
  if (state.value.length === 0) return <Alert type="info" showIcon title={t('staff.pin.noUsers')} />
  return (
    <section className="staff-pin__users" aria-label={t('staff.pin.chooseUser')}>
      <h2 className="staff-pin__prompt">{t('staff.pin.chooseUser')}</h2>
      {state.value.map((u) => (
        <Button key={u.id} size="large" className="staff-pin__user" onClick={() => onPick(u)}>
          {u.name}
          <span className="staff-pin__role">{t(`staff.pin.role.${u.role}`)}</span>
        </Button>
      ))}
    </section>
  )
}

function lockMessage(error: ApiError, t: TFunction): string {
  if (error.code !== 'PIN_LOCKED' || error.retryAfterMs === undefined) return error.message
  const minutes = Math.max(1, Math.ceil(error.retryAfterMs / 60_000))
  return `${error.message}（${t('staff.pin.lockedFor', { minutes })}）`
}

function PinPad({
  user,
  onLogin,
  onSwitch,
}: {
  user: StaffUser
  onLogin: (u: StaffUser) => void
  onSwitch: () => void
}) {
  const { t } = useTranslation()
  const [pin, setPin] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)

  const press = useCallback((d: string) => setPin((p) => (p.length < MAX_PIN ? p + d : p)), [])
  const back = useCallback(() => setPin((p) => p.slice(0, -1)), [])

  const submit = useCallback(async () => {
    if (pin.length < MIN_PIN || busy) return
    setBusy(true)
    try {
      const u = await api['staff.login']({ userId: user.id, pin })
      onLogin(u)
    } catch (e) {
      setError(toApiError(e))
      setPin('')
    } finally {
      setBusy(false)
    }
  }, [pin, busy, user.id, onLogin])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // While a PIN is being checked the pad waits: its answer clears the PIN, and would take new digits with it.
      if (busy) return
      if (/^\d$/.test(e.key)) press(e.key)
      else if (e.key === 'Backspace') back()
      else if (e.key === 'Enter') void submit()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [busy, press, back, submit])

  return (
    <section className="staff-pin__pad" aria-label={t('staff.pin.enterPin', { name: user.name })}>
      <h2 className="staff-pin__prompt">{t('staff.pin.enterPin', { name: user.name })}</h2>
      <output className="staff-pin__dots" data-testid="pin-dots" aria-live="polite">
        {'●'.repeat(pin.length) || ' '}
      </output>
      {error && (
        <div data-testid="pin-error" className="staff-pin__error">
          <Alert type="error" showIcon title={lockMessage(error, t)} />
        </div>
      )}
      <div className="staff-pin__keys">
        {DIGITS.map((d) => (
          <Button
            key={d}
            className="staff-pin__key"
            aria-label={t('staff.pin.digit', { digit: d })}
            disabled={busy}
            onClick={() => press(d)}
          >
            {d}
          </Button>
        ))}
        <Button className="staff-pin__key" disabled={busy} onClick={() => setPin('')}>
          {t('staff.pin.clear')}
        </Button>
        <Button
          className="staff-pin__key"
          aria-label={t('staff.pin.digit', { digit: '0' })}
          disabled={busy}
          onClick={() => press('0')}
        >
          0
        </Button>
        <Button className="staff-pin__key" disabled={busy} onClick={back}>
          {t('staff.pin.backspace')}
        </Button>
      </div>
      <div className="staff-pin__actions">
        <Button size="large" onClick={onSwitch}>
          {t('staff.pin.switchUser')}
        </Button>
        <Button
          type="primary"
          size="large"
          loading={busy}
          disabled={pin.length < MIN_PIN}
          onClick={() => void submit()}
        >
          {busy ? t('staff.pin.loggingIn') : t('staff.pin.login')}
        </Button>
      </div>
    </section>
  )
}
