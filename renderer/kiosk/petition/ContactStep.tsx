import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Category } from '../../../contract/views'
import { maskIdNumber, maskName, maskPhone } from '../../../domain/masking'
import { Icon } from '../../components/Icon'
import { AskStaffButton } from '../AskStaffButton'
import { DigitPad } from '../../components/keyboard/DigitPad'
import { PinyinKeyboard } from '../../components/keyboard/PinyinKeyboard'
import { contactComplete, MAX_NAME, type Answers } from './answers'
import { FieldValue } from './FieldValue'
import { checkIdLive, checkPhoneLive, ID_LENGTH, phoneMaxLength, type CheckTone } from './liveChecks'

type Field = 'name' | 'phone' | 'idNumber'

/**
 * kiosk-ux.md: names and numbers are masked on screen. Only the field being typed shows in full, so the
 * resident can check each key; the others are masked for whoever stands behind.
 */
const MASKS: Record<Field, (value: string) => string> = {
  name: maskName,
  phone: maskPhone,
  idNumber: maskIdNumber,
}

/**
 * Step 4, optional: first the plain-words notice on personal information, then either consent (name on the
 * pinyin keyboard, phone and, where the category needs it, ID number on number pads, each checked as it is
 * typed) or 匿名反映. After consent every field may stay empty: with none filled in it is anonymous too.
 */
export function ContactStep({
  category,
  answers,
  localWords,
  onChange,
  onNext,
}: {
  category: Category | null
  answers: Answers
  localWords: readonly string[]
  onChange: (patch: Partial<Answers>) => void
  onNext: () => void
}) {
  const { t } = useTranslation()
  const [field, setField] = useState<Field>('name')
  const [composition, setComposition] = useState('')
  const [refused, setRefused] = useState(false)
  const needsId = category?.needsIdNumber === true
  const goAnonymous = () => {
    // Whatever was typed is dropped at once, not merely left out of the submit.
    onChange({ contactMode: 'anonymous', name: '', phone: '', idNumber: '' })
    onNext()
  }

  if (answers.contactMode !== 'contact') {
    return (
      <div className="petition-contact petition-contact--choice">
        <section className="notice notice--info petition-privacy" aria-labelledby="privacy-title">
          <Icon name="privacy" className="notice__icon" />
          <div className="petition-privacy__body">
            <h3 id="privacy-title" className="petition-privacy__title">
              {t('kiosk.petition.contact.noticeTitle')}
            </h3>
            <p className="notice__text">{t('kiosk.petition.contact.notice')}</p>
            {needsId && <p className="notice__text">{t('kiosk.petition.contact.idNeeded')}</p>}
          </div>
        </section>
        <div className="petition-contact__choices">
          <button
            type="button"
            className="button button--primary petition-contact__choice"
            onClick={() => onChange({ contactMode: 'contact' })}
          >
            <Icon name="check" />
            {t('kiosk.petition.contact.consent')}
          </button>
          <button
            type="button"
            className="button button--secondary petition-contact__choice"
            aria-pressed={answers.contactMode === 'anonymous'}
            aria-describedby="anonymous-hint"
            onClick={goAnonymous}
          >
            <Icon name="privacy" />
            {t('kiosk.petition.contact.anonymous')}
          </button>
          <p id="anonymous-hint" className="petition-contact__hint">
            {t('kiosk.petition.contact.anonymousHint')}
          </p>
        </div>
      </div>
    )
  }

  const phoneCheck = checkPhoneLive(answers.phone)
  const idCheck = needsId ? checkIdLive(answers.idNumber) : null
  const fields: Field[] = needsId ? ['name', 'phone', 'idNumber'] : ['name', 'phone']
  const setValue = (patch: Partial<Answers>) => {
    setRefused(false)
    onChange(patch)
  }
  const next = () => {
    if (contactComplete(answers, category)) return onNext()
    setRefused(true)
    // Open the number that needs fixing.
    setField(answers.phone === '' || phoneCheck?.tone === 'ok' ? 'idNumber' : 'phone')
  }

  return (
    <div className="petition-contact">
      <div className="petition-contact__row">
        <div
          className="petition-contact__fields"
          role="group"
          aria-label={t('kiosk.petition.steps.contact.title')}
        >
          {fields.map((f) => (
            <button
              key={f}
              type="button"
              className="petition-field petition-field--contact"
              aria-pressed={field === f}
              onClick={() => setField(f)}
              data-testid={`contact-${f}`}
            >
              <span className="petition-field__label">
                {t(`kiosk.petition.contact.${f}`)}
                <span className="petition-field__optional">{t('kiosk.petition.contact.optional')}</span>
              </span>
              <span className="petition-field__value">
                <FieldValue
                  value={field === f ? answers[f] : MASKS[f](answers[f])}
                  composition={f === 'name' ? composition : ''}
                  placeholder={t('kiosk.petition.contact.empty')}
                />
              </span>
            </button>
          ))}
        </div>
        <AskStaffButton className="petition-help" />
        <button type="button" className="button button--primary petition-next" onClick={next}>
          {t('kiosk.petition.next')}
        </button>
      </div>
      {/* Read out as it changes, so a wrong digit is heard as well as seen. */}
      <div className="petition-check-area" aria-live="polite">
        {field === 'phone' && phoneCheck && (
          <CheckLine
            tone={phoneCheck.tone}
            text={t(`kiosk.petition.contact.phoneCheck.${phoneCheck.key}`, { count: phoneCheck.count ?? 0 })}
          />
        )}
        {field === 'idNumber' && idCheck && (
          <CheckLine
            tone={idCheck.tone}
            text={t(`kiosk.petition.contact.idCheck.${idCheck.key}`, { count: idCheck.count ?? 0 })}
          />
        )}
      </div>
      {refused && (
        <div className="notice notice--error petition-problem" role="alert">
          <Icon name="warning" className="notice__icon" />
          <p className="notice__text">{t('kiosk.petition.contact.fixFirst')}</p>
        </div>
      )}
      {field === 'name' && (
        <PinyinKeyboard
          value={answers.name}
          onChange={(name) => setValue({ name })}
          localWords={localWords}
          onComposition={setComposition}
          maxLength={MAX_NAME}
        />
      )}
      {field === 'phone' && (
        <DigitPad
          value={answers.phone}
          onChange={(phone) => setValue({ phone })}
          maxLength={phoneMaxLength(answers.phone)}
          label={t('kiosk.petition.contact.phone')}
        />
      )}
      {field === 'idNumber' && (
        <DigitPad
          value={answers.idNumber}
          onChange={(idNumber) => setValue({ idNumber })}
          maxLength={ID_LENGTH}
          allowX
          label={t('kiosk.petition.contact.idNumber')}
        />
      )}
    </div>
  )
}

/** The live check under a number: an icon and a plain sentence, never colour alone. */
function CheckLine({ tone, text }: { tone: CheckTone; text: string }) {
  const icon = tone === 'ok' ? 'check' : tone === 'error' ? 'warning' : 'info'
  return (
    <p className={`petition-check petition-check--${tone}`} data-testid="live-check">
      <Icon name={icon} className="petition-check__icon" />
      {text}
    </p>
  )
}
