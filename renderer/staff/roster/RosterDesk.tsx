import { Alert, App, Button, Table, Upload, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DirectoryEntry, RosterImportResult } from '../../../contract/views'
import { readAsBase64, saveFile } from '../../lib/download'
import { toApiError, useApiQuery } from '../../lib/useApiQuery'
import { useSession } from '../session'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** The problems shown at once; a file with hundreds of bad rows is fixed in the spreadsheet anyway. */
const SHOWN_PROBLEMS = 50
/** contract/schemas.ts RosterImportInput takes up to 7 MB of base64, about 5 MB of file. */
const MAX_FILE_BYTES = 5 * 1024 * 1024

/** 代表名册: the active roster, the template, the export, and the import (admins). */
export function RosterDesk() {
  const { t } = useTranslation()
  const { call, user } = useSession()
  const { message } = App.useApp()
  const [busy, setBusy] = useState<'import' | 'export' | 'template' | null>(null)
  const [result, setResult] = useState<RosterImportResult | null>(null)
  const directory = useApiQuery('staff.roster', () => call('roster.directory', {}))

  const download = async (what: 'export' | 'template') => {
    setBusy(what)
    try {
      saveFile(await call(what === 'export' ? 'roster.export' : 'roster.template', {}), XLSX)
    } catch (e) {
      void message.error(toApiError(e).message)
    } finally {
      setBusy(null)
    }
  }

  const importFile = async (file: File) => {
    if (file.size > MAX_FILE_BYTES) {
      void message.error(t('staff.roster.tooLarge'))
      return
    }
    setBusy('import')
    setResult(null)
    try {
      const res = await call('roster.import', {
        fileName: file.name,
        contentBase64: await readAsBase64(file),
      })
      setResult(res)
      if (res.saved) {
        void message.success(t('staff.roster.imported', { added: res.added, updated: res.updated }))
        directory.reload()
      }
    } catch (e) {
      void message.error(toApiError(e).message)
    } finally {
      setBusy(null)
    }
  }

  const columns: TableColumnsType<DirectoryEntry> = [
    { title: t('staff.roster.column.name'), dataIndex: 'name' },
    {
      title: t('staff.roster.column.level'),
      dataIndex: 'level',
      render: (level: DirectoryEntry['level']) => t(`kiosk.home.duty.level.${level}`),
    },
    { title: t('staff.roster.column.sector'), dataIndex: 'sector' },
    {
      title: t('staff.roster.column.specialties'),
      dataIndex: 'specialties',
      render: (s: readonly string[]) => s.join('、'),
    },
    { title: t('staff.roster.column.township'), dataIndex: 'townshipName' },
  ]

  const problems = result && !result.saved ? result.problems : []
  return (
    <section className="staff-queue" aria-labelledby="staff-roster-title">
      <h1 id="staff-roster-title" className="staff-heading">
        {t('staff.roster.title')}
      </h1>
      <div className="staff-visits__actions">
        <Button size="large" loading={busy === 'template'} onClick={() => void download('template')}>
          {t('staff.roster.template')}
        </Button>
        <Button size="large" loading={busy === 'export'} onClick={() => void download('export')}>
          {t('staff.roster.export')}
        </Button>
        {user.role === 'admin' && (
          <Upload
            accept=".xlsx,.csv"
            showUploadList={false}
            beforeUpload={(file) => {
              void importFile(file)
              return false // the file goes through the station API, not an upload request
            }}
          >
            <Button size="large" type="primary" loading={busy === 'import'}>
              {t('staff.roster.import')}
            </Button>
          </Upload>
        )}
      </div>
      <p className="staff-roster__explain">{t('staff.roster.explain')}</p>
      {problems.length > 0 && (
        <div data-testid="import-problems" className="staff-roster__problems">
          <Alert
            type="error"
            showIcon
            title={t('staff.roster.notSaved', { count: problems.length })}
            description={
              <ul>
                {problems.slice(0, SHOWN_PROBLEMS).map((p) => (
                  <li key={`${p.row}:${p.message}`}>{p.message}</li>
                ))}
                {problems.length > SHOWN_PROBLEMS && (
                  <li>{t('staff.roster.more', { count: problems.length - SHOWN_PROBLEMS })}</li>
                )}
              </ul>
            }
          />
        </div>
      )}
      {directory.state.status === 'error' && (
        <Alert type="error" showIcon title={directory.state.error.message} />
      )}
      <Table<DirectoryEntry>
        rowKey="id"
        size="middle"
        loading={directory.state.status === 'loading'}
        dataSource={directory.state.status === 'ok' ? [...directory.state.value.representatives] : []}
        columns={columns}
        pagination={{ pageSize: 20, showSizeChanger: false }}
      />
    </section>
  )
}
