import { Button, Descriptions } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AssessmentSettings } from '../../../contract/views'
import { WEIGHT_KEYS } from '../../../domain/board'
import { useSession } from '../session'
import { STAR_LEVELS } from './format'
import { SettingsForm } from './SettingsForm'

/** 考核办法: the points of each figure and the yearly star thresholds in force; admins may change them. */
export function MethodPanel({ settings, onSaved }: { settings: AssessmentSettings; onSaved: () => void }) {
  const { t } = useTranslation()
  const { user } = useSession()
  const [editing, setEditing] = useState(false)
  const { method, starThresholds } = settings

  return (
    <div className="assessment-method">
      <div className="assessment-bar">
        <p className="assessment-method__version" data-testid="assessment-method-version">
          {t('staff.board.method.version', { version: method.version })}
        </p>
        {user.role === 'admin' && (
          <Button size="large" type="primary" onClick={() => setEditing(true)}>
            {t('staff.board.method.edit')}
          </Button>
        )}
      </div>
      <p className="assessment-explain">{t('staff.board.method.explain')}</p>
      <Descriptions
        title={t('staff.board.method.weightsTitle')}
        bordered
        size="middle"
        column={{ xs: 1, md: 2, xl: 4 }}
        data-testid="assessment-weights"
        items={WEIGHT_KEYS.map((k) => ({
          key: k,
          label: t(`staff.board.method.weight.${k}`),
          children: t('staff.board.method.points', { value: method.weights[k] }),
        }))}
      />
      <Descriptions
        title={t('staff.board.method.thresholdsTitle')}
        bordered
        size="middle"
        column={{ xs: 1, md: 3, xl: 5 }}
        items={STAR_LEVELS.map((n) => ({
          key: n,
          label: t(`staff.board.stars.${n}`),
          children: t('staff.board.method.points', { value: starThresholds[n - 1] }),
        }))}
      />
      <p className="assessment-explain">{t('staff.board.method.thresholdsExplain')}</p>
      <p className="assessment-explain">{t('staff.board.method.keepNote')}</p>
      {editing && (
        <SettingsForm
          settings={settings}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false)
            onSaved()
          }}
        />
      )}
    </div>
  )
}
