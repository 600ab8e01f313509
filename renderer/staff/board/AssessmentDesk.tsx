import { Alert, Tabs } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApiQuery } from '../../lib/useApiQuery'
import { useSession } from '../session'
import { MethodPanel } from './MethodPanel'
import { MonthBoard } from './MonthBoard'
import { YearView } from './YearView'
import './board.css'

/**
 * 履职考核 for staff: a month's board (published, or a preview that can be published once the month is
 * over) with every number opening the records behind it; the year's stars with the names to commend and
 * to remind; and the assessment method, which admins may change.
 */
export default function AssessmentDesk() {
  const { t } = useTranslation()
  const { call } = useSession()
  const settings = useApiQuery('staff.board.settings', () => call('board.settings', {}))
  // Every save raises the version: the preview and the year (its thresholds) load again under the new one.
  const version = settings.state.status === 'ok' ? settings.state.value.method.version : 0
  // The year loads again each time its tab is opened: a month published meanwhile counts at once.
  const [yearOpened, setYearOpened] = useState(0)

  return (
    <section className="staff-queue assessment-desk" aria-labelledby="assessment-desk-title">
      <h1 id="assessment-desk-title" className="staff-heading">
        {t('staff.board.title')}
      </h1>
      {settings.state.status === 'error' && (
        <Alert type="error" showIcon title={settings.state.error.message} />
      )}
      <Tabs
        size="large"
        defaultActiveKey="month"
        onChange={(key) => {
          if (key === 'year') setYearOpened((n) => n + 1)
        }}
        items={[
          {
            key: 'month',
            label: t('staff.board.tab.month'),
            children: <MonthBoard methodVersion={version} />,
          },
          {
            key: 'year',
            label: t('staff.board.tab.year'),
            children: <YearView methodVersion={version} opened={yearOpened} />,
          },
          {
            key: 'method',
            label: t('staff.board.tab.method'),
            children:
              settings.state.status === 'ok' ? (
                <MethodPanel settings={settings.state.value} onSaved={settings.reload} />
              ) : null,
          },
        ]}
      />
    </section>
  )
}
