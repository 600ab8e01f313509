import { useTranslation } from 'react-i18next'
import type { BoardRow } from '../../../domain/board'
import { satisfactionText } from './metrics'

/** Every figure of every representative as numbers, so the chart is never the only way to read them. */
export function BoardTable({ rows }: { rows: readonly BoardRow[] }) {
  const { t } = useTranslation()
  return (
    <table className="board-table" data-testid="board-table">
      <caption className="section-title">{t('kiosk.board.table.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('kiosk.board.table.rank')}</th>
          <th scope="col">{t('kiosk.board.table.name')}</th>
          <th scope="col">{t('kiosk.board.table.visits')}</th>
          <th scope="col">{t('kiosk.board.table.shifts')}</th>
          <th scope="col">{t('kiosk.board.table.handled')}</th>
          <th scope="col">{t('kiosk.board.table.resolved')}</th>
          <th scope="col">{t('kiosk.board.table.satisfaction')}</th>
          <th scope="col">{t('kiosk.board.table.consultations')}</th>
          <th scope="col">{t('kiosk.board.table.score')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.representativeId} data-testid="board-row">
            <td className="board-table__rank">{r.rank}</td>
            <th scope="row" className="board-table__name">
              <span className="board-table__person" data-testid="board-name">
                {r.name}
              </span>
              <span className="board-table__note">{t(`kiosk.home.duty.level.${r.level}`)}</span>
            </th>
            <td data-testid="board-visits">{r.visits}</td>
            <td data-testid="board-shifts">
              {t('kiosk.board.table.shiftsValue', {
                attended: r.shiftsAttended,
                scheduled: r.shiftsScheduled,
              })}
            </td>
            <td data-testid="board-handled">{r.petitionsHandled}</td>
            <td>
              <span data-testid="board-resolved">{r.petitionsResolved}</span>
              <span className="board-table__note">
                {t('kiosk.board.table.onTime', { count: r.resolvedOnTime })}
              </span>
            </td>
            <td>
              <span data-testid="board-satisfaction">{satisfactionText(r, t)}</span>
              {r.satisfactionRate !== null && (
                // Ratings, not people: one resident may rate a petition again after a second answer.
                <span className="board-table__note" data-testid="board-ratings">
                  {t('kiosk.board.table.ratings', {
                    count: r.ratings.satisfied + r.ratings.mostlySatisfied + r.ratings.dissatisfied,
                  })}
                </span>
              )}
            </td>
            <td data-testid="board-consultations">{r.consultations}</td>
            <td className="board-table__score" data-testid="board-score">
              {r.score}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
