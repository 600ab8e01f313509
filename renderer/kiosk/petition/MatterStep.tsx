import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Category } from '../../../contract/views'
import { Icon } from '../../components/Icon'
import { AskStaffButton } from '../AskStaffButton'
import { PinyinKeyboard } from '../../components/keyboard/PinyinKeyboard'
import { addPhrase, MAX_TEXT } from './answers'
import { FieldValue } from './FieldValue'

/**
 * Step 2: the matter in the resident's words. The category's common phrases add themselves with one tap;
 * anything else is typed on the pinyin keyboard, whose lexicon knows representatives and local places.
 * The keyboard opens on 打字 (or a tap on the field): most residents only tap phrases, and on a 768 px
 * screen the field, the keyboard and the bar take the whole height.
 */
export function MatterStep({
  category,
  text,
  localWords,
  onChange,
  onNext,
}: {
  category: Category
  text: string
  localWords: readonly string[]
  onChange: (text: string) => void
  onNext: () => void
}) {
  const { t } = useTranslation()
  const [composition, setComposition] = useState('')
  const [refused, setRefused] = useState(false)
  const [typing, setTyping] = useState(false)
  const field = useRef<HTMLDivElement>(null)
  // The newest words stay in sight when the text is longer than the field.
  useEffect(() => {
    const el = field.current
    if (el) el.scrollTop = el.scrollHeight
  }, [text, composition])
  const change = (value: string) => {
    setRefused(false)
    onChange(value)
  }
  return (
    <div className="petition-matter">
      {category.phrases.length > 0 && (
        <div className="petition-matter__phrases" role="group" aria-labelledby="matter-phrases">
          <span id="matter-phrases" className="petition-matter__phrases-label">
            {t('kiosk.petition.matter.phrases')}
          </span>
          {category.phrases.map((phrase) => (
            <button
              key={phrase}
              type="button"
              className="petition-chip"
              onClick={() => change(addPhrase(text, phrase))}
            >
              <span className="petition-chip__plus" aria-hidden="true">
                +
              </span>
              {phrase}
            </button>
          ))}
        </div>
      )}
      <div className="petition-matter__row">
        <div className="petition-field petition-field--matter">
          <span id="matter-field" className="petition-field__label">
            {t('kiosk.petition.matter.field')}
          </span>
          <div
            ref={field}
            className="petition-field__value"
            onClick={() => setTyping(true)}
            role="textbox"
            aria-readonly="true"
            aria-multiline="true"
            aria-labelledby="matter-field"
            data-testid="matter-text"
          >
            <FieldValue
              value={text}
              composition={composition}
              placeholder={t('kiosk.petition.matter.placeholder')}
            />
          </div>
        </div>
        <button
          type="button"
          className="button button--secondary petition-type"
          aria-expanded={typing}
          onClick={() => {
            setComposition('')
            setTyping(!typing)
          }}
        >
          <Icon name="keyboard" />
          {typing ? t('kiosk.petition.matter.hideKeyboard') : t('kiosk.petition.matter.type')}
        </button>
        <AskStaffButton className="petition-help" />
        <button
          type="button"
          className="button button--primary petition-next"
          onClick={() => (text.trim() === '' ? setRefused(true) : onNext())}
        >
          {t('kiosk.petition.next')}
        </button>
      </div>
      {refused && (
        <div className="notice notice--error petition-problem" role="alert">
          <Icon name="warning" className="notice__icon" />
          <p className="notice__text">{t('kiosk.petition.matter.tooShort')}</p>
        </div>
      )}
      {typing && (
        <PinyinKeyboard
          value={text}
          onChange={change}
          localWords={localWords}
          onComposition={setComposition}
          maxLength={MAX_TEXT}
        />
      )}
    </div>
  )
}
