import { Table, type TableColumnsType, Typography } from 'antd'
import type { FiguresQuery, RepresentativeFigureRow } from '../../../../contract/county-console'
import { api } from '../../api'
import { useT } from '../../i18n'
import { LoadError } from '../../lib/ConsolePage'
import { useQuery } from '../../lib/useQuery'

/** Each representative's shifts, attendance, check-ins and consultations over the page's months. */
export function RepresentativeTable(props: { range: FiguresQuery }) {
  const t = useT()
  const { from, to } = props.range
  const { state, reload } = useQuery(`figures-representatives:${from}:${to}`, () =>
    api.representativeFigures({ from, to }),
  )
  const count = (key: 'shifts' | 'attended' | 'visits' | 'consultations') => ({
    key,
    title: t(`figures.representatives.${key}`),
    dataIndex: key,
    align: 'right' as const,
  })
  const columns: TableColumnsType<RepresentativeFigureRow> = [
    {
      key: 'name',
      title: t('figures.representatives.name'),
      render: (_: unknown, r: RepresentativeFigureRow) =>
        r.name ?? t('figures.representatives.notInRoster', { id: r.representativeId }),
    },
    count('shifts'),
    count('attended'),
    count('visits'),
    count('consultations'),
  ]

  return (
    <div className="console-panel">
      <Typography.Title level={2} className="console-chart-title">
        {t('figures.representatives.title')}
      </Typography.Title>
      {state.status === 'error' ? (
        <LoadError message={state.error.message} onRetry={reload} />
      ) : (
        <Table<RepresentativeFigureRow>
          data-testid="figures-representatives"
          rowKey="representativeId"
          size="small"
          columns={columns}
          dataSource={state.status === 'ok' ? [...state.value.rows] : []}
          loading={state.status === 'loading'}
          locale={{ emptyText: t('figures.representatives.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
        />
      )}
    </div>
  )
}
