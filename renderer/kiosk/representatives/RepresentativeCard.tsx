import { useTranslation } from 'react-i18next'
import type { DirectoryEntry, RepresentativeCard as Card } from '../../../contract/views'
import { parseIsoDate, weekday } from '../../../domain/dates'
import type { IsoDate } from '../../../domain/petition/types'
import { Icon } from '../../components/Icon'
import { avatarCharacter } from '../DutyCard'

/** Only the card fields: the wizard is addressed with what a resident may see, nothing more. */
export function cardOf(e: DirectoryEntry): Card {
  return {
    id: e.id,
    name: e.name,
    level: e.level,
    sector: e.sector,
    specialties: e.specialties,
    gridName: e.gridName,
    townshipName: e.townshipName,
  }
}

/** One representative: who, which congress, sector, what they know, their grid and their days here. */
export function RepresentativeCard({
  entry: r,
  today,
  onPetition,
}: {
  entry: DirectoryEntry
  today: IsoDate
  onPetition: (card: Card) => void
}) {
  const { t } = useTranslation()
  const separator = t('kiosk.representatives.card.listSeparator')
  // A county representative has no grid here: the township alone still tells namesakes apart.
  const grid =
    r.gridName === null
      ? r.townshipName === null
        ? null
        : t('kiosk.representatives.card.township', { township: r.townshipName })
      : r.townshipName !== null && !r.gridName.startsWith(r.townshipName)
        ? t('kiosk.representatives.card.gridInTownship', { township: r.townshipName, grid: r.gridName })
        : t('kiosk.representatives.card.grid', { place: r.gridName })
  return (
    <li className="rep-card" data-testid="rep-card" data-representative={r.id}>
      <div className="rep-card__head">
        <span className="rep-card__avatar" aria-hidden="true">
          {avatarCharacter(r.name)}
        </span>
        <div className="rep-card__who">
          <h3 id={`rep-name-${r.id}`} className="rep-card__name" data-testid="rep-name">
            {r.name}
          </h3>
          <p className="rep-card__level">{t(`kiosk.representatives.level.${r.level}`)}</p>
        </div>
      </div>
      <ul className="rep-card__facts">
        {r.sector !== '' && <li>{t('kiosk.representatives.card.sector', { sector: r.sector })}</li>}
        {r.specialties.length > 0 && (
          <li>{t('kiosk.representatives.card.specialties', { list: r.specialties.join(separator) })}</li>
        )}
        {grid && <li>{grid}</li>}
      </ul>
      <div className="rep-card__duty" data-testid="rep-duty">
        {r.dutyDays.length === 0 ? (
          <p className="rep-card__duty-none">{t('kiosk.representatives.card.dutyNone')}</p>
        ) : (
          <>
            <p className="rep-card__duty-title">{t('kiosk.representatives.card.duty')}</p>
            <ul className="rep-card__days">
              {r.dutyDays.map((d) => {
                const { month, day } = parseIsoDate(d.date)
                const slot = t(`kiosk.representatives.slot.${d.slot}`)
                return (
                  <li key={`${d.date}:${d.slot}`} className="rep-card__day" data-date={d.date}>
                    {d.date === today
                      ? t('kiosk.representatives.card.dutyToday', { slot })
                      : t('kiosk.representatives.card.dutyDay', {
                          month,
                          day,
                          weekday: t(`kiosk.representatives.weekday.${weekday(d.date)}`),
                          slot,
                        })}
                  </li>
                )
              })}
            </ul>
          </>
        )}
      </div>
      <button
        type="button"
        className="button button--primary rep-card__petition"
        aria-describedby={`rep-name-${r.id}`}
        onClick={() => onPetition(cardOf(r))}
      >
        <Icon name="petition" />
        {t('kiosk.representatives.card.petition')}
      </button>
    </li>
  )
}
