import { Alert, Empty, Rate, Select, Table, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { YearRow } from '../../../domain/yearly-assessment'
import { useToday } from '../../lib/calendar'
import { useApiQuery } from '../../lib/useApiQuery'
import { useSession } from '../session'
import { STAR_LEVELS } from './format'

/**
 * 年度星级: the year's published boards added up per representative, with stars from the station's
 * thresholds, and the names to commend (表扬) and to remind (提醒) with the reason in words.
 */
export function YearView({ methodVersion, opened }: { methodVersion: number; opened: number }) {
  const { t } = useTranslation()
  const { call } = useSession()
  const thisYear = Number(useToday().slice(0, 4))
  const [year, setYear] = useState(thisYear)
  const query = useApiQuery(`staff.board.year:${year}:${methodVersion}:${opened}`, () =>
    call('board.year', { year }),
  )
  const shown = query.state.status === 'ok' && query.state.value.year === year ? query.state.value : null
  const nameOf = (id: string) => shown?.rows.find((r) => r.representativeId === id)?.name ?? ''
  const starsOf = (id: string) => shown?.rows.find((r) => r.representativeId === id)?.stars ?? 0

  const columns: TableColumnsType<YearRow> = [
    { title: t('staff.board.year.column.name'), dataIndex: 'name', render: (n: string) => <b>{n}</b> },
    {
      title: t('staff.board.year.column.level'),
      dataIndex: 'level',
      render: (level: YearRow['level']) => t(`kiosk.home.duty.level.${level}`),
    },
    { title: t('staff.board.year.column.months'), dataIndex: 'months' },
    { title: t('staff.board.year.column.score'), dataIndex: 'score' },
    {
      title: t('staff.board.year.column.stars'),
      dataIndex: 'stars',
      render: (stars: number) => (
        <span className="assessment-stars" data-testid="assessment-stars" data-stars={stars}>
          <Rate disabled value={stars} />
          <span>{t('staff.board.year.starsText', { count: stars })}</span>
        </span>
      ),
    },
    {
      title: t('staff.board.year.column.attendance'),
      key: 'attendance',
      render: (_: unknown, r: YearRow) =>
        t('staff.board.year.attendance', { attended: r.shiftsAttended, scheduled: r.shiftsScheduled }),
    },
  ]

  return (
    <div className="assessment-year">
      <div className="assessment-bar">
        <Select<number>
          size="large"
          className="assessment-year__pick"
          aria-label={t('staff.board.year.pick')}
          value={year}
          onChange={setYear}
          options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({
            value: y,
            label: t('staff.board.year.yearLabel', { year: y }),
          }))}
        />
        {shown && (
          <span className="assessment-explain">
            {t('staff.board.year.thresholds', {
              list: STAR_LEVELS.map((n) =>
                t('staff.board.year.threshold', {
                  stars: t(`staff.board.stars.${n}`),
                  score: shown.thresholds[n - 1],
                }),
              ).join(t('staff.board.separator')),
            })}
          </span>
        )}
      </div>
      {query.state.status === 'error' && <Alert type="error" showIcon title={query.state.error.message} />}
      {shown && shown.months.length === 0 && (
        <Empty data-testid="assessment-year-empty" description={t('staff.board.year.empty', { year })} />
      )}
      {shown && shown.months.length > 0 && (
        <>
          <p className="assessment-explain" data-testid="assessment-year-months">
            {t('staff.board.year.months', {
              count: shown.months.length,
              months: shown.months
                .map((m) => t('staff.board.year.monthItem', { month: Number(m.slice(5)) }))
                .join(t('staff.board.separator')),
            })}
          </p>
          <div data-testid="assessment-year-table">
            <Table<YearRow>
              rowKey="representativeId"
              size="middle"
              dataSource={[...shown.rows]}
              columns={columns}
              pagination={false}
            />
          </div>
          <div className="assessment-lists">
            <section aria-labelledby="assessment-commend">
              <h2 id="assessment-commend" className="staff-subheading">
                {t('staff.board.year.commendations')}
              </h2>
              <ul data-testid="assessment-commendations">
                {shown.commendations.map((c) => (
                  <li key={c.representativeId}>
                    <b>{nameOf(c.representativeId)}</b>{' '}
                    {t('staff.board.year.reason.stars', { count: starsOf(c.representativeId) })}
                  </li>
                ))}
                {shown.commendations.length === 0 && <li>{t('staff.board.year.none')}</li>}
              </ul>
            </section>
            <section aria-labelledby="assessment-admonish">
              <h2 id="assessment-admonish" className="staff-subheading">
                {t('staff.board.year.admonitions')}
              </h2>
              <ul data-testid="assessment-admonitions">
                {shown.admonitions.map((a) => (
                  <li key={`${a.representativeId}:${a.reason}`}>
                    <b>{nameOf(a.representativeId)}</b> {t(`staff.board.year.reason.${a.reason}`)}
                  </li>
                ))}
                {shown.admonitions.length === 0 && <li>{t('staff.board.year.none')}</li>}
              </ul>
            </section>
          </div>
        </>
      )}
    </div>
  )
}
