import { App, Button, Input, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { CountyRepresentative } from '../../../../contract/county-console'
import { REPRESENTATIVE_LEVEL_NAME_ZH } from '../../../../domain/names-zh'
import { api, toConsoleApiError } from '../../api'
import { useT } from '../../i18n'
import { ConsolePage, LoadError } from '../../lib/ConsolePage'
import { useQuery } from '../../lib/useQuery'
import { type ImportOutcome, ImportButton, ImportOutcomeView } from './ImportRoster'
import { RepresentativeModal } from './RepresentativeModal'

type Editing = { readonly kind: 'new' } | { readonly kind: 'edit'; readonly rep: CountyRepresentative }

/** 代表名册: the county's roster, which every station receives; search, add, change, remove, import. */
export function RosterPage() {
  const t = useT()
  const { message } = App.useApp()
  const [q, setQ] = useState('')
  const roster = useQuery(`roster:${q}`, () => api.roster(q))
  const stations = useQuery('stations', () => api.stations())
  const places = useQuery('places', () => api.places())
  const [editing, setEditing] = useState<Editing | null>(null)
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null)

  const stationList = stations.state.status === 'ok' ? stations.state.value : []
  const stationName = (id: string | null) =>
    id === null ? t('app.none') : (stationList.find((s) => s.id === id)?.name ?? id)

  const remove = async (rep: CountyRepresentative) => {
    try {
      await api.removeRepresentative(rep.id)
      void message.success(t('roster.removed', { name: rep.name }))
      roster.reload()
    } catch (e) {
      void message.error(toConsoleApiError(e).message)
    }
  }

  const columns: TableColumnsType<CountyRepresentative> = [
    { key: 'name', title: t('roster.column.name'), dataIndex: 'name' },
    {
      key: 'level',
      title: t('roster.column.level'),
      render: (_, r) => REPRESENTATIVE_LEVEL_NAME_ZH[r.level],
    },
    { key: 'sector', title: t('roster.column.sector'), render: (_, r) => r.sector || t('app.none') },
    {
      key: 'specialties',
      title: t('roster.column.specialties'),
      render: (_, r) => (r.specialties.length > 0 ? r.specialties.join('、') : t('app.none')),
    },
    { key: 'township', title: t('roster.column.township'), render: (_, r) => r.township ?? t('app.none') },
    { key: 'station', title: t('roster.column.station'), render: (_, r) => stationName(r.stationId) },
    {
      key: 'active',
      title: t('roster.column.active'),
      render: (_, r) =>
        r.active ? <Tag color="green">{t('roster.active')}</Tag> : <Tag>{t('roster.inactive')}</Tag>,
    },
    {
      key: 'actions',
      title: t('roster.column.actions'),
      render: (_, r) => (
        <Space>
          <Button
            size="small"
            onClick={() => setEditing({ kind: 'edit', rep: r })}
            aria-label={`${t('roster.edit')} ${r.name}`}
          >
            {t('roster.edit')}
          </Button>
          <Popconfirm
            title={t('roster.removeConfirm', { name: r.name })}
            okText={t('roster.remove')}
            cancelText={t('app.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => void remove(r)}
          >
            <Button size="small" danger aria-label={`${t('roster.remove')} ${r.name}`}>
              {t('roster.remove')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ]

  return (
    <ConsolePage
      id="roster"
      title={t('roster.title')}
      actions={
        <>
          <Input.Search
            aria-label={t('roster.search')}
            placeholder={t('roster.search')}
            enterButton={t('roster.searchButton')}
            allowClear
            style={{ width: 320 }}
            onSearch={(value) => setQ(value.trim())}
          />
          <ImportButton
            onOutcome={(o) => {
              setOutcome(o)
              if (o?.kind === 'done') roster.reload()
            }}
          />
          <Button type="primary" onClick={() => setEditing({ kind: 'new' })}>
            {t('roster.add')}
          </Button>
        </>
      }
    >
      <Typography.Paragraph type="secondary">{t('roster.import.hint')}</Typography.Paragraph>
      {outcome && <ImportOutcomeView outcome={outcome} onClose={() => setOutcome(null)} />}
      <div className="console-panel console-gap">
        {roster.state.status === 'error' && (
          <LoadError message={roster.state.error.message} onRetry={roster.reload} />
        )}
        <Table<CountyRepresentative>
          data-testid="roster-table"
          rowKey="id"
          columns={columns}
          dataSource={roster.state.status === 'ok' ? roster.state.value : []}
          loading={roster.state.status === 'loading'}
          locale={{ emptyText: t('roster.empty') }}
          pagination={{
            pageSize: 20,
            showSizeChanger: false,
            showTotal: (n) => t('roster.count', { n }),
          }}
        />
      </div>
      {editing && (
        <RepresentativeModal
          editing={editing.kind === 'edit' ? editing.rep : null}
          stations={stationList}
          townships={places.state.status === 'ok' ? places.state.value.map((tw) => tw.name) : []}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null)
            void message.success(t('roster.saved', { name: saved.name }))
            roster.reload()
          }}
          onStale={roster.reload}
        />
      )}
    </ConsolePage>
  )
}
