import { Button, Segmented, Spin } from 'antd'
import { Suspense, lazy, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StationProfile } from '../../contract/views'
import { StaffAccounts } from './accounts/StaffAccounts'
import { ConsultationDesk } from './consultations/ConsultationDesk'
import { PetitionDesk } from './petitions/PetitionDesk'
import { PrinterSettings } from './PrinterSettings'
import { RosterDesk } from './roster/RosterDesk'
import { useSession } from './session'
import { SyncPanel } from './SyncPanel'
import { VisitDesk } from './visits/VisitDesk'

// FullCalendar is the console's largest part; it loads when the calendar is first opened.
const DutyDesk = lazy(() => import('./duty/DutyDesk'))
const AssessmentDesk = lazy(() => import('./board/AssessmentDesk'))

type Section =
  | 'petitions'
  | 'duty'
  | 'visits'
  | 'roster'
  | 'assessment'
  | 'consultations'
  | 'accounts'
  | 'printer'
  | 'sync'

/** The signed-in console: a bar with the sections and 退出登录, and the open section below. */
export function Desk({ profile, onLogout }: { profile: StationProfile; onLogout: () => void }) {
  const { t } = useTranslation()
  const { user } = useSession()
  const [section, setSection] = useState<Section>('petitions')
  return (
    <div className="staff-desk">
      <header className="staff-desk__bar">
        <p className="staff-desk__station">{profile.name}</p>
        <Segmented<Section>
          size="large"
          value={section}
          onChange={setSection}
          options={[
            { value: 'petitions', label: t('staff.nav.petitions') },
            { value: 'duty', label: t('staff.nav.duty') },
            { value: 'visits', label: t('staff.nav.visits') },
            { value: 'roster', label: t('staff.nav.roster') },
            { value: 'assessment', label: t('staff.nav.assessment') },
            { value: 'consultations', label: t('staff.nav.consultations') },
            // Accounts are an admin's business; clerks do not see the section.
            ...(user.role === 'admin'
              ? [{ value: 'accounts' as const, label: t('staff.nav.accounts') }]
              : []),
            { value: 'printer', label: t('staff.nav.printer') },
            { value: 'sync', label: t('staff.nav.sync') },
          ]}
        />
        <p className="staff-desk__user" data-testid="staff-user">
          {t('staff.nav.signedInAs', { name: user.name, role: t(`staff.pin.role.${user.role}`) })}
        </p>
        <Button size="large" onClick={onLogout}>
          {t('staff.nav.logout')}
        </Button>
      </header>
      <main className="staff-desk__main">
        {section === 'petitions' && <PetitionDesk />}
        {section === 'duty' && (
          <Suspense fallback={<Spin size="large" />}>
            <DutyDesk />
          </Suspense>
        )}
        {section === 'visits' && <VisitDesk />}
        {section === 'roster' && <RosterDesk />}
        {section === 'assessment' && (
          <Suspense fallback={<Spin size="large" />}>
            <AssessmentDesk />
          </Suspense>
        )}
        {section === 'consultations' && <ConsultationDesk />}
        {section === 'accounts' && <StaffAccounts />}
        {section === 'printer' && <PrinterSettings />}
        {section === 'sync' && <SyncPanel />}
      </main>
    </div>
  )
}
