import { useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Category, RepresentativeCard, SubmitPetitionResult, Township } from '../../../contract/views'
import { maskIdNumber, maskName, maskPhone } from '../../../domain/masking'
import { api, type ApiError } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Icon, isIconName } from '../../components/Icon'
import { Loading } from '../../components/Loading'
import { toApiError } from '../../lib/useApiQuery'
import { contactOf, toSubmitInput, type Draft, type StepId } from './answers'

type SubmitState =
  | { readonly status: 'idle' }
  | { readonly status: 'submitting' }
  | { readonly status: 'error'; readonly error: ApiError }

/**
 * Step 5: everything once more, personal data masked as it will be everywhere else, each with 修改; then
 * 提交. A failed submit says why in plain words and keeps every answer, so 提交 can simply be tapped again:
 * the retry goes under the draft's same submission key, so a first try that did arrive is not stored twice.
 * That holds after a timeout too, when nobody knows whether the first try was stored, and after 修改.
 */
export function ConfirmStep({
  draft,
  category,
  townships,
  representative,
  onChange,
  onSubmitting,
  onSubmitted,
}: {
  draft: Draft
  category: Category
  townships: readonly Township[]
  representative: RepresentativeCard | null
  onChange: (step: StepId) => void
  /** Whether the petition is on its way: the screen holds still until it is stored or refused. */
  onSubmitting: (busy: boolean) => void
  /** `alreadyFiled`: the petition an earlier try stored, not these answers (SUBMISSION_ID_REUSED). */
  onSubmitted: (result: SubmitPetitionResult, alreadyFiled: boolean) => void
}) {
  const { t } = useTranslation()
  const { answers } = draft
  const [state, setState] = useState<SubmitState>({ status: 'idle' })
  const submitting = state.status === 'submitting'
  // A refusal of what was entered names the field in the station's words (没有找到这位代表): those say
  // what to change, where the generic sentence would only send the resident to 提交 again.
  const fieldWords =
    state.status === 'error' ? Object.values(state.error.fields ?? {}).filter((w) => w.trim() !== '') : []
  // A second tap before the button shows as disabled must not send the petition twice.
  const inFlight = useRef(false)

  const submit = () => {
    if (inFlight.current) return
    inFlight.current = true
    setState({ status: 'submitting' })
    onSubmitting(true)
    api['petitions.submit'](toSubmitInput(draft, category, representative?.id ?? null)).then(
      (result) => onSubmitted(result, false),
      (e: unknown) => {
        const error = toApiError(e)
        // An earlier try of this wizard was stored after all (its answer was lost) and the answers have
        // changed since: that petition is the resident's, so it is shown and printed as filed.
        if (error.code === 'SUBMISSION_ID_REUSED' && error.filed) return onSubmitted(error.filed, true)
        inFlight.current = false
        setState({ status: 'error', error })
        onSubmitting(false)
      },
    )
  }

  const township = townships.find((tw) => tw.id === answers.townshipId)
  const village = township?.villages.find((v) => v.id === answers.villageId)
  const place = village
    ? `${township?.name ?? ''} ${village.name}`
    : t('kiosk.petition.confirm.noVillage', { township: township?.name ?? '' })
  const contact = contactOf(answers, category)

  return (
    <div className="petition-confirm">
      <dl className="petition-summary" data-testid="petition-summary">
        <SummaryRow step="category" label={t('kiosk.petition.confirm.category')} onChange={onChange}>
          <Icon
            name={isIconName(category.icon) ? category.icon : 'more'}
            className="petition-summary__icon"
          />
          {category.name}
        </SummaryRow>
        <SummaryRow step="matter" label={t('kiosk.petition.confirm.matter')} onChange={onChange}>
          <span className="petition-summary__text">{answers.text.trim()}</span>
        </SummaryRow>
        <SummaryRow step="place" label={t('kiosk.petition.confirm.place')} onChange={onChange}>
          {place}
        </SummaryRow>
        <SummaryRow step="contact" label={t('kiosk.petition.confirm.contact')} onChange={onChange}>
          {contact ? (
            <span className="petition-summary__contact" data-testid="summary-contact">
              {contact.name && (
                <span>{t('kiosk.petition.confirm.name', { value: maskName(contact.name) })}</span>
              )}
              {contact.phone && (
                <span>{t('kiosk.petition.confirm.phone', { value: maskPhone(contact.phone) })}</span>
              )}
              {contact.idNumber && (
                <span>{t('kiosk.petition.confirm.idNumber', { value: maskIdNumber(contact.idNumber) })}</span>
              )}
            </span>
          ) : (
            <span data-testid="summary-contact">{t('kiosk.petition.confirm.anonymous')}</span>
          )}
        </SummaryRow>
        {representative && (
          <SummaryRow label={t('kiosk.petition.confirm.representative')}>
            {t('kiosk.petition.addressedTo', { name: representative.name })}
          </SummaryRow>
        )}
      </dl>
      <div className="petition-confirm__submit">
        <button
          type="button"
          className="button button--primary petition-submit"
          onClick={submit}
          disabled={submitting}
        >
          <Icon name="check" />
          {t('kiosk.petition.confirm.submit')}
        </button>
        {submitting && <Loading label={t('kiosk.petition.confirm.submitting')} />}
        {state.status === 'error' && (
          <>
            {/* No 再试一次 here: 提交 right above is the way to try again. */}
            <ErrorNotice error={fieldWords.length > 0 ? fieldWords.join('；') : state.error} />
            <p className="petition-confirm__kept">
              {t(
                fieldWords.length > 0
                  ? 'kiosk.petition.confirm.keptFix'
                  : // No answer in time: the petition may be stored already, and only staff can say.
                    state.error.code === 'TIMEOUT'
                    ? 'kiosk.petition.confirm.keptTimeout'
                    : 'kiosk.petition.confirm.kept',
              )}
            </p>
          </>
        )}
      </div>
    </div>
  )
}

function SummaryRow({
  step,
  label,
  onChange,
  children,
}: {
  step?: StepId
  label: string
  onChange?: (step: StepId) => void
  children: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <div className="petition-summary__row">
      <dt className="petition-summary__label">{label}</dt>
      <dd className="petition-summary__value">{children}</dd>
      {step && onChange && (
        <dd className="petition-summary__change">
          <button
            type="button"
            className="button button--secondary"
            aria-label={t('kiosk.petition.confirm.changeLabel', { what: label })}
            onClick={() => onChange(step)}
          >
            <Icon name="edit" />
            {t('kiosk.petition.confirm.change')}
          </button>
        </dd>
      )}
    </div>
  )
}
