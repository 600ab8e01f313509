import { Alert, Button, Descriptions, Modal, Spin, Table, type TableColumnsType } from 'antd'
import { type HTMLAttributes, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatTrackingCode } from '../../../domain/tracking-code'
import type { ConsultationRow } from '../../../contract/views'
import { useApiQuery } from '../../lib/useApiQuery'
import { useSession } from '../session'

const PAGE_SIZE = 20

/** The station's consultations, newest first, keyset paged; 查看 opens one with its minutes and outcome. */
export function ConsultationList({ onRecord }: { onRecord: () => void }) {
  const { t } = useTranslation()
  const { call } = useSession()
  // Keyset cursors of the pages before this one and of this one (null: the first page).
  const [cursors, setCursors] = useState<readonly (string | null)[]>([null])
  const [openId, setOpenId] = useState<string | null>(null)
  const after = cursors.at(-1) ?? null
  const page = useApiQuery(`consultations:${after ?? ''}`, () =>
    call('consultations.list', { limit: PAGE_SIZE, after }),
  )
  const value = page.state.status === 'ok' ? page.state.value : null
  const none = t('staff.consultations.none')

  const columns: TableColumnsType<ConsultationRow> = [
    { title: t('staff.consultations.column.date'), dataIndex: 'date' },
    {
      title: t('staff.consultations.column.kind'),
      dataIndex: 'kind',
      render: (kind: ConsultationRow['kind']) => t(`staff.consultations.kind.${kind}`),
    },
    { title: t('staff.consultations.column.topic'), dataIndex: 'topic', ellipsis: true },
    { title: t('staff.consultations.column.place'), dataIndex: 'place' },
    {
      title: t('staff.consultations.column.representatives'),
      key: 'representatives',
      render: (_: unknown, row: ConsultationRow) => row.representatives.map((r) => r.name).join('、'),
    },
    { title: t('staff.consultations.column.residentsCount'), dataIndex: 'residentsCount' },
    {
      title: t('staff.consultations.column.petitions'),
      key: 'petitions',
      render: (_: unknown, row: ConsultationRow) =>
        row.petitions.length === 0 ? (
          none
        ) : (
          <span className="staff-code">{row.petitions.map((p) => formatTrackingCode(p.code)).join(' ')}</span>
        ),
    },
    {
      key: 'open',
      render: (_: unknown, row: ConsultationRow) => (
        <Button onClick={() => setOpenId(row.id)}>{t('staff.consultations.open')}</Button>
      ),
    },
  ]

  return (
    <section className="staff-queue" aria-labelledby="staff-consultations-title">
      <div className="staff-detail__head">
        <h1 id="staff-consultations-title" className="staff-heading">
          {t('staff.consultations.title')}
        </h1>
        <Button size="large" type="primary" onClick={onRecord}>
          {t('staff.consultations.record')}
        </Button>
      </div>
      {page.state.status === 'error' && <Alert type="error" showIcon title={page.state.error.message} />}
      <Table<ConsultationRow>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={value?.rows ?? []}
        loading={page.state.status === 'loading'}
        pagination={false}
        locale={{ emptyText: t('staff.consultations.empty') }}
        onRow={() => ({ 'data-testid': 'consultation-row' }) as HTMLAttributes<HTMLElement>}
      />
      <nav className="staff-queue__pages">
        <Button size="large" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t('staff.consultations.prevPage')}
        </Button>
        <span>{t('staff.consultations.pageNo', { page: cursors.length })}</span>
        <Button
          size="large"
          disabled={!value?.next}
          onClick={() => value?.next && setCursors([...cursors, value.next])}
        >
          {t('staff.consultations.nextPage')}
        </Button>
      </nav>
      {openId && <ConsultationModal id={openId} onClose={() => setOpenId(null)} />}
    </section>
  )
}

function ConsultationModal({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation()
  const { call } = useSession()
  const loaded = useApiQuery(`consultation:${id}`, () => call('consultations.get', { id }))
  const c = loaded.state.status === 'ok' ? loaded.state.value : null
  const none = t('staff.consultations.none')
  return (
    <Modal
      open
      width={800}
      title={
        c
          ? t('staff.consultations.detailTitle', {
              date: c.date,
              kind: t(`staff.consultations.kind.${c.kind}`),
            })
          : null
      }
      onCancel={onClose}
      footer={
        <Button size="large" onClick={onClose}>
          {t('staff.consultations.close')}
        </Button>
      }
    >
      {loaded.state.status === 'error' && <Alert type="error" showIcon title={loaded.state.error.message} />}
      {loaded.state.status === 'loading' && <Spin size="large" />}
      {c && (
        <Descriptions column={1} bordered size="middle">
          <Descriptions.Item label={t('staff.consultations.column.topic')}>{c.topic}</Descriptions.Item>
          <Descriptions.Item label={t('staff.consultations.column.place')}>{c.place}</Descriptions.Item>
          <Descriptions.Item label={t('staff.consultations.column.representatives')}>
            {c.representatives.map((r) => r.name).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label={t('staff.consultations.column.residentsCount')}>
            {c.residentsCount}
          </Descriptions.Item>
          <Descriptions.Item label={t('staff.consultations.column.petitions')}>
            {c.petitions.length === 0 ? none : c.petitions.map((p) => formatTrackingCode(p.code)).join(' ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('staff.consultations.form.minutes')}>
            <span className="staff-detail__text">{c.minutes || none}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('staff.consultations.form.outcome')}>
            <span className="staff-detail__text">{c.outcome || none}</span>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Modal>
  )
}
