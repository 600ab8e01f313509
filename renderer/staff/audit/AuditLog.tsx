import { Alert, Button, Popover, Table, type TableColumnsType } from 'antd'
import type { TFunction } from 'i18next'
import { type HTMLAttributes, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditRow } from '../../../contract/views'
import { shanghaiDateTime } from '../../../domain/dates'
import { PETITION_EVENT_TYPES, type PetitionEventType } from '../../../domain/petition/events'
import { useApiQuery } from '../../lib/useApiQuery'
import { useSession } from '../session'

const PAGE_SIZE = 30

const isEventType = (x: string): x is PetitionEventType =>
  (PETITION_EVENT_TYPES as readonly string[]).includes(x)

/** 诉求：督办 for petition events (the desk's own words for them); the table's words for the rest. */
function actionWords(action: string, t: TFunction): string {
  const [kind = '', what = ''] = action.split('.')
  if (kind === 'petition' && isEventType(what))
    return t('staff.audit.petition', { action: t(`staff.action.${what}`) })
  return t(`staff.audit.actions.${action}`, { defaultValue: t('staff.audit.actions.other') })
}

/**
 * 操作记录 (admins): every audited change, newest first, and a check of the whole hash chain. Details
 * open on demand; they never hold personal data.
 */
export function AuditLog() {
  const { t } = useTranslation()
  const { call } = useSession()
  const [cursors, setCursors] = useState<readonly (number | null)[]>([null])
  const before = cursors.at(-1) ?? null
  const page = useApiQuery(`audit:${before ?? ''}`, () => call('audit.list', { limit: PAGE_SIZE, before }))
  const [checking, setChecking] = useState(false)
  const [verdict, setVerdict] = useState<string | null>(null)
  const value = page.state.status === 'ok' ? page.state.value : null

  const verify = async () => {
    setChecking(true)
    try {
      const v = await call('audit.verify', {})
      setVerdict(
        v.ok ? t('staff.audit.intact', { rows: v.rows }) : t('staff.audit.broken', { seq: v.brokenAt ?? 0 }),
      )
    } finally {
      setChecking(false)
    }
  }

  const columns: TableColumnsType<AuditRow> = [
    { title: t('staff.audit.column.seq'), dataIndex: 'seq' },
    { title: t('staff.audit.column.at'), dataIndex: 'at', render: (at: number) => shanghaiDateTime(at) },
    {
      title: t('staff.audit.column.actor'),
      key: 'actor',
      render: (_: unknown, r: AuditRow) =>
        r.actorName ?? t(`staff.audit.role.${r.actorRole}`, { defaultValue: t('staff.audit.role.system') }),
    },
    {
      title: t('staff.audit.column.action'),
      key: 'action',
      render: (_: unknown, r: AuditRow) => actionWords(r.action, t),
    },
    {
      key: 'detail',
      render: (_: unknown, r: AuditRow) => (
        <Popover
          trigger="click"
          content={<pre className="staff-audit__detail">{JSON.stringify(r.detail, null, 2)}</pre>}
        >
          <Button>{t('staff.audit.detail')}</Button>
        </Popover>
      ),
    },
  ]

  return (
    <section className="staff-queue" aria-labelledby="staff-audit-title">
      <div className="staff-detail__head">
        <h1 id="staff-audit-title" className="staff-heading">
          {t('staff.audit.title')}
        </h1>
        <Button size="large" loading={checking} onClick={() => void verify()}>
          {t('staff.audit.verify')}
        </Button>
      </div>
      {verdict && (
        <p className="staff-audit__verdict" data-testid="audit-verdict" role="status">
          {verdict}
        </p>
      )}
      {page.state.status === 'error' && <Alert type="error" showIcon title={page.state.error.message} />}
      <Table<AuditRow>
        rowKey="seq"
        size="middle"
        loading={page.state.status === 'loading'}
        dataSource={value ? [...value.rows] : []}
        columns={columns}
        pagination={false}
        onRow={(r) =>
          ({ 'data-testid': 'audit-row', 'data-action': r.action }) as HTMLAttributes<HTMLElement>
        }
      />
      <nav className="staff-queue__pages">
        <Button size="large" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('staff.audit.newer')}
        </Button>
        <Button
          size="large"
          disabled={!value?.next}
          onClick={() => value?.next && setCursors((c) => [...c, value.next])}
        >
          {t('staff.audit.older')}
        </Button>
      </nav>
    </section>
  )
}
