import { useTranslation } from 'react-i18next'
import type { DutySlot, RepresentativeCard } from '../../contract/views'

/** The surname as shown in the avatar circle: the first character (a compound surname shows its first). */
export function avatarCharacter(name: string): string {
  return Array.from(name.trim())[0] ?? ''
}

/** One representative on duty today: who, which congress, what they know about, and when. */
export function DutyCard({
  slot,
  representative: r,
}: {
  slot: DutySlot
  representative: RepresentativeCard
}) {
  const { t } = useTranslation()
  const specialties = r.specialties.length > 0 ? r.specialties : [r.sector].filter((s) => s !== '')
  return (
    <li className="duty-card" data-testid="duty-card">
      <span className="duty-card__avatar" aria-hidden="true">
        {avatarCharacter(r.name)}
      </span>
      <div className="duty-card__body">
        <div className="duty-card__head">
          <p className="duty-card__name" data-testid="duty-name">
            {r.name}
          </p>
          <p className={`duty-card__slot duty-card__slot--${slot}`}>{t(`kiosk.home.duty.slot.${slot}`)}</p>
        </div>
        <p className="duty-card__level">{t(`kiosk.home.duty.level.${r.level}`)}</p>
        {specialties.length > 0 && (
          <p className="duty-card__specialty">
            {t('kiosk.home.duty.specialties', { list: specialties.join(t('kiosk.home.duty.listSeparator')) })}
          </p>
        )}
      </div>
    </li>
  )
}
