import { Alert, Button, Segmented, Spin } from 'antd'
import { Suspense, lazy, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StationProfile } from '../../contract/views'
import { api } from '../api'
import { DemoBadge } from '../components/DemoBadge'
import { useApiQuery } from '../lib/useApiQuery'
import { StaffAccounts } from './accounts/StaffAccounts'
import { AuditLog } from './audit/AuditLog'
import { BackupDesk } from './backup/BackupDesk'
import { ConsultationDesk } from './consultations/ConsultationDesk'
import { LeaveDemo } from './LeaveDemo'
import { PetitionDesk } from './petitions/PetitionDesk'
import { PrinterSettings } from './PrinterSettings'
import { RosterDesk } from './roster/RosterDesk'
import { useSession } from './session'
import { SyncPanel } from './SyncPanel'
import { VisitDesk } from './visits/VisitDesk'

// The larger sections (FullCalendar, the board's tables, the reports' ECharts) load when first opened.
const DutyDesk = lazy(() => import('./duty/DutyDesk'))
const ReceptionDesk = lazy(() => import('./reception/ReceptionDesk'))
const AssessmentDesk = lazy(() => import('./board/AssessmentDesk'))
const ReportsDesk = lazy(() => import('./reports/ReportsDesk'))

type Section =
  | 'petitions'
  | 'duty'
  | 'reception'
  | 'visits'
  | 'roster'
  | 'assessment'
  | 'reports'
  | 'consultations'
  | 'accounts'
  | 'audit'
  | 'backup'
  | 'printer'
  | 'sync'

/** The signed-in console: a bar with the sections and 退出登录, and the open section below. */
export function Desk({ profile, onLogout }: { profile: StationProfile; onLogout: () => void }) {
  const { t } = useTranslation()
  const { user } = useSession()
  const [section, setSection] = useState<Section>('petitions')
  // The kiosk loads the profile once and may run for weeks; a sign-in asks again, so the holiday data
  // warning appears on the day it applies (1 October, 1 January), not at the next restart.
  const fresh = useApiQuery('staff.desk.profile', () => api['station.profile']({}))
  const missingYear =
    fresh.state.status === 'ok' ? fresh.state.value.holidayDataMissingYear : profile.holidayDataMissingYear
  const lazySection = (node: React.ReactNode) => <Suspense fallback={<Spin size="large" />}>{node}</Suspense>
  return (
    <div className="staff-desk">
      <header className="staff-desk__bar">
        <div className="staff-desk__station-line">
          <p className="staff-desk__station">{profile.name}</p>
          {profile.demo && <DemoBadge />}
        </div>
        <Segmented<Section>
          size="large"
          className="staff-desk__nav"
          value={section}
          onChange={setSection}
          options={[
            { value: 'petitions', label: t('staff.nav.petitions') },
            { value: 'duty', label: t('staff.nav.duty') },
            { value: 'reception', label: t('staff.nav.reception') },
            { value: 'visits', label: t('staff.nav.visits') },
            { value: 'roster', label: t('staff.nav.roster') },
            { value: 'assessment', label: t('staff.nav.assessment') },
            { value: 'reports', label: t('reports.nav') },
            { value: 'consultations', label: t('staff.nav.consultations') },
            // Accounts, the audit log and backups are an admin's business; clerks do not see them.
            ...(user.role === 'admin'
              ? [
                  { value: 'accounts' as const, label: t('staff.nav.accounts') },
                  { value: 'audit' as const, label: t('staff.nav.audit') },
                  { value: 'backup' as const, label: t('staff.nav.backup') },
                ]
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
      {missingYear !== null && (
        // Above every section, so it is the first thing staff see whichever they open: until the year's
        // holidays are known, due dates and duty rules run through them as working days.
        <Alert
          className="staff-desk__holiday-data"
          data-testid="holiday-data-missing"
          type="warning"
          showIcon
          banner
          title={t('staff.holidayDataMissing', { year: missingYear })}
        />
      )}
      {profile.demo && <LeaveDemo />}
      <main className="staff-desk__main">
        {section === 'petitions' && <PetitionDesk />}
        {section === 'duty' && lazySection(<DutyDesk />)}
        {section === 'reception' && lazySection(<ReceptionDesk />)}
        {section === 'visits' && <VisitDesk />}
        {section === 'roster' && <RosterDesk />}
        {section === 'assessment' && lazySection(<AssessmentDesk />)}
        {section === 'reports' && lazySection(<ReportsDesk />)}
        {section === 'consultations' && <ConsultationDesk />}
        {section === 'accounts' && <StaffAccounts />}
        {section === 'audit' && <AuditLog />}
        {section === 'backup' && <BackupDesk />}
        {section === 'printer' && <PrinterSettings />}
        {section === 'sync' && <SyncPanel />}
      </main>
    </div>
  )
}
