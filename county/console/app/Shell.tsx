import { App, Button, Layout, Menu, Result, Spin, Typography } from 'antd'
import { lazy, Suspense, useState } from 'react'
import { useT } from '../i18n'
import { AccountsPage } from '../pages/accounts/AccountsPage'
import { AuditPage } from '../pages/audit/AuditPage'
import { ChangePasswordModal } from '../pages/accounts/PasswordModals'
import { QueuePage } from '../pages/petitions/QueuePage'
import { PlacesPage } from '../pages/places/PlacesPage'
import { RosterPage } from '../pages/roster/RosterPage'
import { StationsPage } from '../pages/stations/StationsPage'
import { navigate, type Page, PAGES, useRoute } from './router'
import { useSession } from './session'

// Loaded on first use: ECharts is the largest part of the console and only the figures need it.
const FiguresPage = lazy(() => import('../pages/figures/FiguresPage'))

/** Pages only an admin sees; the hub refuses their calls to a clerk in any case. */
const ADMIN_PAGES: readonly Page[] = ['accounts', 'audit']

/** The frame around every page: the console's name, its pages, who is signed in and the way out. */
export function Shell({ onSignOut }: { onSignOut: () => void }) {
  const t = useT()
  const { user, isAdmin } = useSession()
  const route = useRoute()
  const { message } = App.useApp()
  const [changingPassword, setChangingPassword] = useState(false)
  const pages = PAGES.filter((p) => isAdmin || !ADMIN_PAGES.includes(p))

  const content = (() => {
    if (!pages.includes(route.page)) return <Result status="403" title={t('app.forbidden')} />
    switch (route.page) {
      case 'petitions':
        return <QueuePage petitionId={route.petitionId} />
      case 'roster':
        return <RosterPage />
      case 'places':
        return <PlacesPage />
      case 'stations':
        return <StationsPage />
      case 'figures':
        return (
          <Suspense
            fallback={
              <div className="console-center">
                <Spin />
              </div>
            }
          >
            <FiguresPage />
          </Suspense>
        )
      case 'accounts':
        return <AccountsPage />
      case 'audit':
        return <AuditPage />
    }
  })()

  return (
    <Layout className="console-layout">
      <Layout.Header className="console-header">
        <div className="console-brand">
          <span className="console-brand__name">{t('app.title')}</span>
          <span className="console-brand__owner">{t('app.owner')}</span>
        </div>
        <nav className="console-nav" aria-label={t('app.nav.label')}>
          <Menu
            mode="horizontal"
            selectedKeys={[route.page]}
            items={pages.map((p) => ({ key: p, label: t(`app.nav.${p}`) }))}
            onClick={({ key }) => navigate({ page: key as Page, petitionId: null })}
          />
        </nav>
        <div className="console-user">
          <Typography.Text data-testid="signed-in-user">
            {t('app.user.signedInAs', { name: user.displayName, role: t(`app.role.${user.role}`) })}
          </Typography.Text>
          <Button onClick={() => setChangingPassword(true)}>{t('accounts.change.open')}</Button>
          <Button onClick={onSignOut}>{t('app.user.signOut')}</Button>
        </div>
      </Layout.Header>
      <Layout.Content className="console-content">{content}</Layout.Content>
      {changingPassword && (
        <ChangePasswordModal
          onClose={() => setChangingPassword(false)}
          onDone={() => {
            setChangingPassword(false)
            void message.success(t('accounts.change.done'))
          }}
        />
      )}
    </Layout>
  )
}
