import { Component, useEffect, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { reloadForNextResident } from '../lib/idle-reset'
import { ErrorNotice } from './ErrorNotice'

/** How long the notice stays before the page reloads. */
const RELOAD_AFTER_MS = 5_000

/**
 * Catches what no screen handled: a render error, or a screen's code that failed to load (the app was
 * updated under an open page, say). Without it React unmounts the whole page, the idle timers with it,
 * and the kiosk stays blank until someone restarts it. It says so plainly, then reloads the page, the
 * way the kiosk starts afresh for every resident anyway.
 */
export class CrashBoundary extends Component<{ children: ReactNode }, { crashed: boolean }> {
  override state = { crashed: false }

  static getDerivedStateFromError(): { crashed: boolean } {
    return { crashed: true }
  }

  override componentDidCatch(error: unknown): void {
    console.error('the page crashed:', error)
  }

  override render(): ReactNode {
    return this.state.crashed ? <CrashNotice /> : this.props.children
  }
}

function CrashNotice() {
  const { t } = useTranslation()
  useEffect(() => {
    const timer = window.setTimeout(
      () => void reloadForNextResident({ intoAttract: () => false }),
      RELOAD_AFTER_MS,
    )
    return () => window.clearTimeout(timer)
  }, [])
  return (
    <main className="boot">
      <ErrorNotice error={t('app.crashed')} testId="crashed" />
    </main>
  )
}
