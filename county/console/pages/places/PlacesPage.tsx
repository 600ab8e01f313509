import { App, Button, Empty, Menu, Popconfirm, Space, Table, type TableColumnsType, Typography } from 'antd'
import { useState } from 'react'
import type { CountyTownship, CountyVillage } from '../../../../contract/county-console'
import { api, toConsoleApiError } from '../../api'
import { useT } from '../../i18n'
import { ConsolePage, LoadError } from '../../lib/ConsolePage'
import { useQuery } from '../../lib/useQuery'
import { AddVillagesModal, RenameVillageModal } from './VillageModals'

type Editing = { readonly kind: 'add' } | { readonly kind: 'rename'; readonly village: CountyVillage }

/**
 * 乡镇村庄: the county's townships and their villages, which every station receives and offers residents
 * when they say where a petition comes from. Add (one per line), rename, remove.
 */
export function PlacesPage() {
  const t = useT()
  const { message } = App.useApp()
  const places = useQuery('places', () => api.places())
  const [chosen, setChosen] = useState<string | null>(null)
  const [editing, setEditing] = useState<Editing | null>(null)

  const townships: readonly CountyTownship[] = places.state.status === 'ok' ? places.state.value : []
  const open = townships.find((tw) => tw.name === chosen) ?? townships[0] ?? null

  const remove = async (village: CountyVillage) => {
    try {
      await api.removeVillage(village.id)
      void message.success(t('places.removed', { name: village.name }))
      places.reload()
    } catch (e) {
      void message.error(toConsoleApiError(e).message)
    }
  }

  const columns: TableColumnsType<CountyVillage> = [
    { key: 'name', title: t('places.column.name'), dataIndex: 'name' },
    {
      key: 'actions',
      title: t('places.column.actions'),
      width: 200,
      render: (_, v) => (
        <Space>
          <Button
            size="small"
            onClick={() => setEditing({ kind: 'rename', village: v })}
            aria-label={`${t('places.rename')} ${v.name}`}
          >
            {t('places.rename')}
          </Button>
          <Popconfirm
            title={t('places.removeConfirm', { name: v.name })}
            okText={t('places.remove')}
            cancelText={t('app.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => void remove(v)}
          >
            <Button size="small" danger aria-label={`${t('places.remove')} ${v.name}`}>
              {t('places.remove')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ]

  return (
    <ConsolePage
      id="places"
      title={t('places.title')}
      actions={
        <Button type="primary" onClick={() => setEditing({ kind: 'add' })}>
          {t('places.add')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('places.hint')}</Typography.Paragraph>
      {places.state.status === 'error' && (
        <LoadError message={places.state.error.message} onRetry={places.reload} />
      )}
      <div className="console-places console-gap">
        <nav className="console-panel" aria-label={t('places.townships')}>
          {townships.length === 0 ? (
            <Empty description={t('places.noTownships')} />
          ) : (
            <Menu
              mode="inline"
              // The panel frames the list already; the menu's own edge line would draw a second frame.
              style={{ borderInlineEnd: 'none' }}
              selectedKeys={open ? [open.name] : []}
              items={townships.map((tw) => ({
                key: tw.name,
                label: t('places.township', { name: tw.name, n: tw.villages.length }),
              }))}
              onClick={({ key }) => setChosen(key)}
            />
          )}
        </nav>
        <div className="console-panel">
          {open && (
            <Typography.Title level={2} className="console-places__title">
              {open.name}
            </Typography.Title>
          )}
          <Table<CountyVillage>
            data-testid="villages-table"
            rowKey="id"
            columns={columns}
            dataSource={open?.villages ?? []}
            loading={places.state.status === 'loading'}
            locale={{ emptyText: t('places.empty') }}
            pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => t('places.count', { n }) }}
          />
        </div>
      </div>
      {editing?.kind === 'add' && (
        <AddVillagesModal
          township={open?.name ?? null}
          townships={townships.map((tw) => tw.name)}
          onClose={() => setEditing(null)}
          onAdded={(added, township) => {
            setEditing(null)
            setChosen(township)
            void message.success(
              added.skipped.length > 0
                ? t('places.addedSkipped', {
                    n: added.added.length,
                    skipped: added.skipped.join('、'),
                  })
                : t('places.added', { n: added.added.length }),
            )
            places.reload()
          }}
        />
      )}
      {editing?.kind === 'rename' && (
        <RenameVillageModal
          village={editing.village}
          onClose={() => setEditing(null)}
          onRenamed={(renamed) => {
            setEditing(null)
            void message.success(t('places.renamed', { name: renamed.name }))
            places.reload()
          }}
        />
      )}
    </ConsolePage>
  )
}
