import { Alert, App, Button, Popconfirm, Space, Table, type TableColumnsType, Tag } from 'antd'
import { useState } from 'react'
import type { EnrolmentCodeIssued, StationHealth } from '../../../../contract/county-console'
import { api, toConsoleApiError } from '../../api'
import { useSession } from '../../app/session'
import { useT } from '../../i18n'
import { ConsolePage, LoadError } from '../../lib/ConsolePage'
import { dateTime } from '../../lib/format'
import { useQuery } from '../../lib/useQuery'
import { CodeModal } from './CodeModal'
import { enrolmentOf, isStale, needsAttention, rejectedRecently } from './health'
import { NewStationModal } from './NewStationModal'
import { RejectedDrawer } from './RejectedDrawer'

interface Issued {
  readonly issued: EnrolmentCodeIssued
  readonly name: string
}

const ENROLMENT_COLOR = { notEnrolled: 'default', enrolled: 'green', revoked: 'red' } as const

/** 联络站: every station's sync health at a glance; admins add stations, issue codes and revoke. */
export function StationsPage() {
  const t = useT()
  const { message } = App.useApp()
  const { isAdmin } = useSession()
  // The time of the answer is kept with it: "over 24 h" is judged against when the figures were read.
  const { state, reload } = useQuery('stations', async () => ({ rows: await api.stations(), at: Date.now() }))
  const [adding, setAdding] = useState(false)
  const [issued, setIssued] = useState<Issued | null>(null)
  const [rejectedOf, setRejectedOf] = useState<StationHealth | null>(null)

  const rows = state.status === 'ok' ? state.value.rows : []
  const at = state.status === 'ok' ? state.value.at : 0
  const attention = rows.filter((s) => needsAttention(s, at)).length

  const newCode = async (s: StationHealth) => {
    try {
      setIssued({ issued: await api.newCode(s.id), name: s.name })
    } catch (e) {
      void message.error(toConsoleApiError(e).message)
    }
  }

  const revoke = async (s: StationHealth) => {
    try {
      await api.revokeStation(s.id)
      void message.success(t('stations.revoked', { name: s.name }))
      reload()
    } catch (e) {
      void message.error(toConsoleApiError(e).message)
    }
  }

  const columns: TableColumnsType<StationHealth> = [
    { key: 'id', title: t('stations.column.id'), dataIndex: 'id' },
    { key: 'name', title: t('stations.column.name'), dataIndex: 'name' },
    { key: 'township', title: t('stations.column.township'), dataIndex: 'township' },
    {
      key: 'state',
      title: t('stations.column.state'),
      render: (_, s) => {
        const e = enrolmentOf(s)
        return <Tag color={ENROLMENT_COLOR[e]}>{t(`stations.state.${e}`)}</Tag>
      },
    },
    {
      key: 'lastContact',
      title: t('stations.column.lastContact'),
      render: (_, s) => (
        <>
          {s.lastContactAt === null ? t('stations.never') : dateTime(s.lastContactAt)}
          {isStale(s, at) && (
            <Tag color="orange" className="console-tag-gap">
              {t('stations.stale')}
            </Tag>
          )}
        </>
      ),
    },
    { key: 'received', title: t('stations.column.received'), dataIndex: 'received', align: 'right' },
    {
      key: 'backlog',
      title: t('stations.column.backlog'),
      align: 'right',
      render: (_, s) => s.backlog ?? t('app.none'),
    },
    {
      key: 'rejected',
      title: t('stations.column.rejected'),
      align: 'right',
      render: (_, s) => (
        // The list opens for every station: an empty one is an answer too.
        <Button
          type={s.rejected > 0 ? 'link' : 'text'}
          danger={rejectedRecently(s, at)}
          aria-label={t('stations.showRejected', { name: s.name })}
          onClick={() => setRejectedOf(s)}
        >
          {s.rejected}
        </Button>
      ),
    },
    ...(isAdmin
      ? [
          {
            key: 'actions',
            title: t('stations.column.actions'),
            render: (_: unknown, s: StationHealth) => (
              <Space>
                <Popconfirm
                  title={t('stations.newCodeConfirm', { name: s.name })}
                  okText={t('stations.newCode')}
                  cancelText={t('app.cancel')}
                  onConfirm={() => void newCode(s)}
                >
                  <Button size="small">{t('stations.newCode')}</Button>
                </Popconfirm>
                {enrolmentOf(s) !== 'revoked' && (
                  <Popconfirm
                    title={t('stations.revokeConfirm', { name: s.name })}
                    okText={t('stations.revoke')}
                    cancelText={t('app.cancel')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => void revoke(s)}
                  >
                    <Button size="small" danger>
                      {t('stations.revoke')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ]

  return (
    <ConsolePage
      id="stations"
      title={t('stations.title')}
      actions={
        <>
          <Button onClick={reload}>{t('stations.reload')}</Button>
          {isAdmin && (
            <Button type="primary" onClick={() => setAdding(true)}>
              {t('stations.add')}
            </Button>
          )}
        </>
      }
    >
      {state.status === 'error' && <LoadError message={state.error.message} onRetry={reload} />}
      {attention > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('stations.attention', { n: attention })}
          className="console-gap"
        />
      )}
      <div className="console-panel console-gap">
        <Table<StationHealth>
          className="console-stations"
          data-testid="stations-table"
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={state.status === 'loading'}
          locale={{ emptyText: t('stations.empty') }}
          rowClassName={(s) => (needsAttention(s, at) ? 'console-row--attention' : '')}
          pagination={false}
          footer={() => t('stations.count', { n: rows.length })}
        />
      </div>
      {adding && (
        <NewStationModal
          onClose={() => setAdding(false)}
          onAdded={(code, name) => {
            setAdding(false)
            setIssued({ issued: code, name })
            reload()
          }}
        />
      )}
      {issued && (
        <CodeModal issued={issued.issued} stationName={issued.name} onClose={() => setIssued(null)} />
      )}
      {rejectedOf && <RejectedDrawer station={rejectedOf} onClose={() => setRejectedOf(null)} />}
    </ConsolePage>
  )
}
