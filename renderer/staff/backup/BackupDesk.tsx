import { Alert, App, Button, Modal, Popconfirm, Table, type TableColumnsType } from 'antd'
import { type HTMLAttributes, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BackupInfo, RecoveryCodeCreated } from '../../../contract/views'
import { shanghaiDateTime } from '../../../domain/dates'
import { toApiError, useApiQuery } from '../../lib/useApiQuery'
import { useSession } from '../session'

/**
 * 数据备份 (admins): the daily backups and a backup on demand, and the 恢复码 without which a backup
 * cannot be opened on another PC (the key file is bound to this PC's Windows account).
 */
export function BackupDesk() {
  const { t } = useTranslation()
  const { call } = useSession()
  const { message } = App.useApp()
  const backups = useApiQuery('staff.backups', () => call('backup.list', {}))
  const recovery = useApiQuery('staff.recovery', () => call('recovery.status', {}))
  // One action at a time: both buttons wait while either runs.
  const [busy, setBusy] = useState<'backup' | 'code' | null>(null)
  const [made, setMade] = useState<RecoveryCodeCreated | null>(null)

  const run = async (which: 'backup' | 'code', work: () => Promise<void>) => {
    setBusy(which)
    try {
      await work()
    } catch (e) {
      void message.error(toApiError(e).message)
    } finally {
      setBusy(null)
    }
  }
  const backUpNow = () =>
    run('backup', async () => {
      await call('backup.run', {})
      void message.success(t('staff.backup.done'))
      backups.reload()
    })
  const makeCode = () =>
    run('code', async () => {
      setMade(await call('recovery.create', {}))
      recovery.reload()
    })

  const columns: TableColumnsType<BackupInfo> = [
    {
      title: t('staff.backup.column.at'),
      dataIndex: 'createdAt',
      render: (at: number) => shanghaiDateTime(at),
    },
    {
      title: t('staff.backup.column.size'),
      dataIndex: 'bytes',
      render: (bytes: number) => t('staff.backup.megabytes', { size: (bytes / 1024 / 1024).toFixed(1) }),
    },
    {
      title: t('staff.backup.column.file'),
      dataIndex: 'file',
      render: (file: string) => file.split(/[\\/]/).pop(),
    },
  ]

  const status = recovery.state.status === 'ok' ? recovery.state.value : undefined
  return (
    <section className="staff-queue" aria-labelledby="staff-backup-title">
      <div className="staff-detail__head">
        <h1 id="staff-backup-title" className="staff-heading">
          {t('staff.backup.title')}
        </h1>
        <Button
          type="primary"
          size="large"
          loading={busy === 'backup'}
          disabled={busy === 'code'}
          onClick={() => void backUpNow()}
        >
          {t('staff.backup.now')}
        </Button>
      </div>
      <p>{t('staff.backup.how')}</p>
      {backups.state.status === 'error' && (
        <Alert type="error" showIcon title={backups.state.error.message} />
      )}
      <Table<BackupInfo>
        rowKey="file"
        size="middle"
        loading={backups.state.status === 'loading'}
        dataSource={backups.state.status === 'ok' ? [...backups.state.value] : []}
        columns={columns}
        pagination={false}
        locale={{ emptyText: t('staff.backup.none') }}
        onRow={() => ({ 'data-testid': 'backup-row' }) as HTMLAttributes<HTMLElement>}
      />

      <h2 className="staff-subheading">{t('staff.backup.recovery.title')}</h2>
      {recovery.state.status === 'error' && (
        <Alert type="error" showIcon title={recovery.state.error.message} />
      )}
      {status === null && (
        <Alert
          type="warning"
          showIcon
          data-testid="recovery-missing"
          title={t('staff.backup.recovery.missing')}
        />
      )}
      {status && (
        <Alert
          type="success"
          showIcon
          data-testid="recovery-status"
          title={t('staff.backup.recovery.made', { by: status.by, at: shanghaiDateTime(status.createdAt) })}
        />
      )}
      <p>{t('staff.backup.recovery.why')}</p>
      {/* In a box of its own: the section's column would stretch the button across the page. */}
      <div>
        {status ? (
          <Popconfirm
            placement="topLeft"
            title={t('staff.backup.recovery.replaceConfirm')}
            okText={t('staff.backup.recovery.replace')}
            cancelText={t('staff.backup.recovery.cancel')}
            onConfirm={() => void makeCode()}
          >
            <Button size="large" loading={busy === 'code'} disabled={busy === 'backup'}>
              {t('staff.backup.recovery.replace')}
            </Button>
          </Popconfirm>
        ) : (
          <Button
            type="primary"
            size="large"
            loading={busy === 'code'}
            disabled={busy === 'backup'}
            onClick={() => void makeCode()}
          >
            {t('staff.backup.recovery.make')}
          </Button>
        )}
      </div>
      {made && <RecoveryCodeDialog made={made} onClose={() => setMade(null)} />}
    </section>
  )
}

/**
 * The code, shown this once: it closes only by the button that says it has been written down, never by a
 * tap beside it, so nobody loses it by accident.
 */
function RecoveryCodeDialog({ made, onClose }: { made: RecoveryCodeCreated; onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <Modal
      open
      title={t('staff.backup.recovery.dialogTitle')}
      width={680}
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={
        <Button type="primary" size="large" onClick={onClose}>
          {t('staff.backup.recovery.written')}
        </Button>
      }
    >
      <p>{t('staff.backup.recovery.writeDown')}</p>
      <p className="staff-recovery-code" data-testid="recovery-code">
        {made.code}
      </p>
      <p>{t('staff.backup.recovery.onlyOnce')}</p>
    </Modal>
  )
}
