import { Alert, App, Button, Descriptions, Form, Input, Spin, Table, Tag, Tooltip } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { parseIsoDate, shanghaiDateTime } from '../../domain/dates'
import { MUTATION_TYPES, type MutationType, type SyncStatus } from '../../contract/sync'
import type { ApiError } from '../api'
import { toApiError, useApiQuery } from '../lib/useApiQuery'
import { useSession } from './session'

type Rejected = SyncStatus['rejected'][number]

/** The panel reads the status again this often while open: the background loop syncs meanwhile. */
const STATUS_REFRESH_MS = 5_000

/** Failures that new credentials cure: the hub no longer knows or accepts this key, or it will not open. */
const NEEDS_RE_ENROL: readonly string[] = ['UNAUTHENTICATED', 'REVOKED', 'STATION']

/** The outbox's mutation types, as the panel's words name them (staff.sync.rejectedTypes). */
const REJECTED_TYPE_KEYS: Record<MutationType, TypeKey> = {
  'petition.event': 'petitionEvent',
  'petition.dossier': 'petitionDossier',
  'duty.shift': 'dutyShift',
  'duty.receptionDay': 'dutyReceptionDay',
  visit: 'visit',
  consultation: 'consultation',
}
type TypeKey =
  'petitionEvent' | 'petitionDossier' | 'dutyShift' | 'dutyReceptionDay' | 'visit' | 'consultation'
const typeKeyOf = (type: string): TypeKey | 'other' =>
  (MUTATION_TYPES as readonly string[]).includes(type) ? REJECTED_TYPE_KEYS[type as MutationType] : 'other'

/** 同步: what waits for the county, when it last worked, what went wrong, and enrolment for admins. */
export function SyncPanel() {
  const { t } = useTranslation()
  const { call, user } = useSession()
  const { message } = App.useApp()
  const loaded = useApiQuery('sync.status', () => call('sync.status', {}))
  const [latest, setLatest] = useState<SyncStatus | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  // Why the last 立即同步 pass failed, in the words the backend gave; cleared by the next press.
  const [failure, setFailure] = useState<string | null>(null)
  const [reEnrolling, setReEnrolling] = useState(false)
  const status = latest ?? (loaded.state.status === 'ok' ? loaded.state.value : null)

  useEffect(() => {
    const timer = setInterval(() => {
      // A failed refresh keeps what is shown; a lapsed session is handled by `call` itself.
      call('sync.status', {}).then(setLatest, () => {})
    }, STATUS_REFRESH_MS)
    return () => clearInterval(timer)
  }, [call])

  const syncNow = async () => {
    setBusy(true)
    setError(null)
    setFailure(null)
    try {
      const result = await call('sync.now', {})
      setLatest(result)
      if (result.failure) setFailure(result.failure.message)
      else void message.success(t('staff.sync.synced'))
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setBusy(false)
    }
  }

  // An enrolled station keeps its outbox and sequence when it enrols again: the hub keeps its place too.
  const enrolment = () => {
    if (!status) return null
    const needed = status.lastError !== null && NEEDS_RE_ENROL.includes(status.lastError.code)
    if (user.role !== 'admin') {
      if (status.enrolled && !needed) return null
      return (
        <Alert
          type="info"
          showIcon
          title={status.enrolled ? t('staff.sync.reEnrolAdminOnly') : t('staff.sync.adminOnly')}
        />
      )
    }
    if (!status.enrolled || reEnrolling)
      return (
        <EnrolForm
          hubUrl={status.hubUrl}
          onEnrolled={(s) => {
            setLatest(s)
            setReEnrolling(false)
          }}
        />
      )
    return (
      <Button size="large" type={needed ? 'primary' : 'default'} onClick={() => setReEnrolling(true)}>
        {t('staff.sync.reEnrol')}
      </Button>
    )
  }

  if (!status) {
    return loaded.state.status === 'error' ? (
      <Alert type="error" showIcon title={loaded.state.error.message} />
    ) : (
      <Spin size="large" />
    )
  }

  return (
    <section className="staff-sync" aria-labelledby="staff-sync-title">
      <div className="staff-sync__head">
        <h1 id="staff-sync-title" className="staff-heading">
          {t('staff.sync.title')}
        </h1>
        <Tag
          color={status.enrolled ? 'success' : 'default'}
          data-testid="sync-enrolled"
          className="staff-sync__state"
        >
          {status.enrolled ? t('staff.sync.enrolled') : t('staff.sync.notEnrolled')}
        </Tag>
        <Button type="primary" size="large" loading={busy} onClick={() => void syncNow()}>
          {busy ? t('staff.sync.syncing') : t('staff.sync.now')}
        </Button>
      </div>
      {error && <Alert type="error" showIcon title={error.message} />}
      {failure && (
        <Alert
          type="error"
          showIcon
          title={t('staff.sync.failed', { reason: failure })}
          data-testid="sync-failure"
        />
      )}

      <Descriptions bordered column={1} size="middle">
        {status.hubUrl && <Descriptions.Item label={t('staff.sync.hub')}>{status.hubUrl}</Descriptions.Item>}
        {status.stationId && (
          <Descriptions.Item label={t('staff.sync.stationId')}>{status.stationId}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('staff.sync.pending')}>
          <span data-testid="sync-pending">{t('staff.sync.pendingCount', { count: status.pending })}</span>
        </Descriptions.Item>
        {status.toRecover > 0 && (
          <Descriptions.Item label={t('staff.sync.toRecover')}>
            <span data-testid="sync-to-recover">
              {t('staff.sync.toRecoverCount', { count: status.toRecover })}
            </span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('staff.sync.lastSuccess')}>
          {status.lastSuccessAt === null ? t('staff.sync.never') : shanghaiDateTime(status.lastSuccessAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('staff.sync.reconciliation')}>
          <Reconciled status={status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('staff.sync.lastError')}>
          {status.lastError ? (
            <span data-testid="sync-last-error">
              {status.lastError.message}（{shanghaiDateTime(status.lastError.at)}）
            </span>
          ) : (
            t('staff.sync.noError')
          )}
        </Descriptions.Item>
      </Descriptions>

      <h2 className="staff-subheading">{t('staff.sync.rejected')}</h2>
      <Table<Rejected>
        rowKey="seq"
        size="middle"
        pagination={false}
        dataSource={[...status.rejected]}
        locale={{ emptyText: t('staff.sync.rejectedNone') }}
        columns={[
          { title: t('staff.sync.rejectedSeq'), dataIndex: 'seq' },
          {
            title: t('staff.sync.rejectedType'),
            dataIndex: 'type',
            render: (type: string) => t(`staff.sync.rejectedTypes.${typeKeyOf(type)}`),
          },
          {
            title: t('staff.sync.rejectedReason'),
            dataIndex: 'code',
            // The hub's English detail stays at hand for whoever reports the problem.
            render: (code: Rejected['code'], r: Rejected) => (
              <Tooltip title={r.reason}>
                <span data-testid="sync-rejected-reason">
                  {t(`staff.sync.rejectReasons.${code ?? 'unknown'}`)}
                </span>
              </Tooltip>
            ),
          },
          {
            title: t('staff.sync.rejectedAt'),
            dataIndex: 'at',
            render: (at: number) => shanghaiDateTime(at),
          },
        ]}
      />

      {enrolment()}
    </section>
  )
}

function EnrolForm({ hubUrl, onEnrolled }: { hubUrl: string | null; onEnrolled: (s: SyncStatus) => void }) {
  const { t } = useTranslation()
  const { call } = useSession()
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const required = [{ required: true, whitespace: true, message: t('staff.form.required') }]

  const enrol = async (f: { hubUrl: string; code: string }) => {
    setBusy(true)
    setError(null)
    try {
      onEnrolled(await call('sync.enrol', { hubUrl: f.hubUrl.trim(), code: f.code.trim() }))
      void message.success(t('staff.sync.enrolDone'))
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="staff-sync__enrol" aria-labelledby="staff-enrol-title" data-testid="enrol-form">
      <h2 id="staff-enrol-title" className="staff-subheading">
        {t('staff.sync.enrolTitle')}
      </h2>
      <p>{t('staff.sync.enrolHint')}</p>
      <Form
        layout="vertical"
        size="large"
        initialValues={{ hubUrl: hubUrl ?? '' }}
        onFinish={(f: { hubUrl: string; code: string }) => void enrol(f)}
      >
        <Form.Item name="hubUrl" label={t('staff.sync.hubUrl')} rules={required}>
          <Input maxLength={200} placeholder={t('staff.sync.hubUrlPlaceholder')} />
        </Form.Item>
        <Form.Item name="code" label={t('staff.sync.code')} rules={required}>
          <Input maxLength={64} />
        </Form.Item>
        {error && (
          <Alert
            type="error"
            showIcon
            title={error.fields ? Object.values(error.fields).join('；') : error.message}
          />
        )}
        <Button type="primary" size="large" htmlType="submit" loading={busy}>
          {t('staff.sync.enrol')}
        </Button>
      </Form>
    </section>
  )
}

/** The last daily comparison with the hub: the week agreed, or the days that did not. */
function Reconciled({ status }: { status: SyncStatus }) {
  const { t } = useTranslation()
  const found = status.reconciliation
  const monthDay = (d: string) => {
    const { month, day } = parseIsoDate(d)
    return t('staff.sync.monthDay', { month, day })
  }
  if (!found) return <span data-testid="sync-reconciliation">{t('staff.sync.reconcileNever')}</span>
  const at = shanghaiDateTime(found.checkedAt)
  if (found.differences.length === 0) {
    return (
      <span data-testid="sync-reconciliation">
        {t('staff.sync.reconcileSame', { from: monthDay(found.from), to: monthDay(found.to), at })}
      </span>
    )
  }
  return (
    <div data-testid="sync-reconciliation">
      <Alert
        type="warning"
        showIcon
        message={t('staff.sync.reconcileDiffer', { at })}
        description={
          <ul>
            {found.differences.map((d) => (
              <li key={d.day}>
                {t('staff.sync.reconcileDay', { day: monthDay(d.day), here: d.here, atHub: d.atHub })}
              </li>
            ))}
          </ul>
        }
      />
    </div>
  )
}
