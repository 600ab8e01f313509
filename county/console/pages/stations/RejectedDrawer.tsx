import { Alert, Drawer, Table, Typography } from 'antd'
import type { RejectedMutation, StationHealth } from '../../../../contract/county-console'
import { api } from '../../api'
import { useT } from '../../i18n'
import { dateTime } from '../../lib/format'
import { useQuery } from '../../lib/useQuery'

/** What the hub refused from one station, newest first: the station's staff act on these reasons. */
export function RejectedDrawer({ station, onClose }: { station: StationHealth; onClose: () => void }) {
  const t = useT()
  const { state } = useQuery(`rejected:${station.id}`, () => api.rejected(station.id))

  return (
    <Drawer open size={720} onClose={onClose} title={t('stations.rejected.title', { name: station.name })}>
      <Typography.Paragraph type="secondary">{t('stations.rejected.latest')}</Typography.Paragraph>
      {state.status === 'error' && <Alert type="error" showIcon title={state.error.message} />}
      <Table<RejectedMutation>
        data-testid="rejected-table"
        rowKey="seq"
        size="small"
        loading={state.status === 'loading'}
        dataSource={state.status === 'ok' ? state.value : []}
        pagination={false}
        locale={{ emptyText: t('stations.rejected.empty') }}
        columns={[
          { key: 'seq', title: t('stations.rejected.seq'), dataIndex: 'seq', width: 80 },
          { key: 'type', title: t('stations.rejected.type'), dataIndex: 'type', width: 160 },
          { key: 'reason', title: t('stations.rejected.reason'), dataIndex: 'reason' },
          {
            key: 'receivedAt',
            title: t('stations.rejected.receivedAt'),
            width: 160,
            render: (_, r) => dateTime(r.receivedAt),
          },
        ]}
      />
    </Drawer>
  )
}
