import { App } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ConsultationList } from './ConsultationList'
import { RecordForm } from './RecordForm'
import './consultations.css'

/**
 * 议事记录: the list of consultations, or the form that records one. After saving, the list opens on its
 * first page, where the new meeting is (newest first).
 */
export function ConsultationDesk() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [recording, setRecording] = useState(false)
  // A fresh list after each save: the key reloads its first page.
  const [saved, setSaved] = useState(0)

  return recording ? (
    <RecordForm
      onCancel={() => setRecording(false)}
      onSaved={() => {
        setRecording(false)
        setSaved((n) => n + 1)
        void message.success(t('staff.consultations.form.saved'))
      }}
    />
  ) : (
    <ConsultationList key={saved} onRecord={() => setRecording(true)} />
  )
}
