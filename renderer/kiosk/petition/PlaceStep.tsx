import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Township } from '../../../contract/views'
import { Icon } from '../../components/Icon'
import type { Answers } from './answers'

/**
 * Step 3: the township, then the village, both by taps. The station's own township is chosen already (most
 * residents live there), so the villages show at once; 换一个乡镇 opens the list of townships. Tapping a
 * village (or 不在村里或说不清) is the answer and moves on; 下一步 is there when coming back to this step.
 */
export function PlaceStep({
  townships,
  stationTownshipId,
  answers,
  onChange,
  onNext,
}: {
  townships: readonly Township[]
  stationTownshipId: string
  answers: Answers
  onChange: (patch: Partial<Answers>) => void
  onNext: () => void
}) {
  const { t } = useTranslation()
  const township = townships.find((tw) => tw.id === answers.townshipId)
  const [choosingTownship, setChoosingTownship] = useState(township === undefined)
  const chooseVillage = (villageId: string | null) => {
    onChange({ villageId, villageDecided: true })
    onNext()
  }
  const stationTag = (id: string) =>
    id === stationTownshipId && (
      <span className="petition-choice__tag">{t('kiosk.petition.place.station')}</span>
    )

  if (choosingTownship || !township) {
    return (
      <section className="petition-place" aria-labelledby="place-township">
        <h3 id="place-township" className="petition-place__heading">
          {t('kiosk.petition.place.township')}
        </h3>
        <ul className="petition-place__townships">
          {townships.map((tw) => (
            <li key={tw.id}>
              <button
                type="button"
                className="petition-choice"
                aria-pressed={tw.id === township?.id}
                onClick={() => {
                  if (tw.id !== answers.townshipId)
                    onChange({ townshipId: tw.id, villageId: null, villageDecided: false })
                  setChoosingTownship(false)
                }}
              >
                {tw.id === township?.id && <Icon name="check" className="petition-choice__check" />}
                <span>{tw.name}</span>
                {stationTag(tw.id)}
              </button>
            </li>
          ))}
        </ul>
      </section>
    )
  }

  const chosen = (villageId: string | null) => answers.villageDecided && answers.villageId === villageId
  return (
    <section className="petition-place" aria-labelledby="place-village">
      <div className="petition-place__bar">
        <p className="petition-place__township" data-testid="place-township">
          <Icon name="place" className="petition-place__township-icon" />
          {t('kiosk.petition.place.current', { township: township.name })}
          {stationTag(township.id)}
        </p>
        <button type="button" className="button button--secondary" onClick={() => setChoosingTownship(true)}>
          {t('kiosk.petition.place.change')}
        </button>
        {answers.villageDecided && (
          <button type="button" className="button button--primary petition-place__next" onClick={onNext}>
            {t('kiosk.petition.next')}
          </button>
        )}
      </div>
      <h3 id="place-village" className="petition-place__heading">
        {t('kiosk.petition.place.village', { township: township.name })}
      </h3>
      <ul className="petition-place__villages">
        <li className="petition-place__none">
          <button
            type="button"
            className="petition-choice"
            aria-pressed={chosen(null)}
            onClick={() => chooseVillage(null)}
          >
            {chosen(null) && <Icon name="check" className="petition-choice__check" />}
            <span>{t('kiosk.petition.place.noVillage')}</span>
          </button>
        </li>
        {township.villages.map((v) => (
          <li key={v.id}>
            <button
              type="button"
              className="petition-choice"
              aria-pressed={chosen(v.id)}
              onClick={() => chooseVillage(v.id)}
            >
              {chosen(v.id) && <Icon name="check" className="petition-choice__check" />}
              <span>{v.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
