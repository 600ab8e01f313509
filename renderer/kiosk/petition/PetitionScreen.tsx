import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RepresentativeCard, SubmitPetitionResult } from '../../../contract/views'
import { api } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Icon } from '../../components/Icon'
import { Loading } from '../../components/Loading'
import { useApiQuery } from '../../lib/useApiQuery'
import { useAnnounce } from '../../lib/voice'
import { printReceipt } from '../../lib/printReceipt'
import { ResidentLayout } from '../ResidentLayout'
import type { DirectorySearch, TaskScreenProps } from '../entries'
import { useKeyboardWords } from '../useKeyboardWords'
import { editDraft, hasAnswers, initialDraft, STEPS, type Answers, type StepId } from './answers'
import { CategoryStep } from './CategoryStep'
import { ConfirmStep } from './ConfirmStep'
import { ContactStep } from './ContactStep'
import { LeaveDialog } from './LeaveDialog'
import { MatterStep } from './MatterStep'
import { PlaceStep } from './PlaceStep'
import { ResultScreen, type PrintState } from './ResultScreen'
import './petition.css'

/**
 * 我要反映: five steps (category, matter, place, contact, confirm), then the result with the tracking code.
 * The answers live here, above the steps, so 上一步 shows them again and a failed submit loses nothing.
 * Opened from a representative's 给TA反映, the petition is addressed to them.
 */
export default function PetitionScreen({
  profile,
  onHome,
  navigate,
  representative,
  from,
}: TaskScreenProps & {
  readonly representative: RepresentativeCard | null
  /** The 找代表 search the representative was found in: 上一步 from the first step returns to it. */
  readonly from?: DirectorySearch
}) {
  const { t } = useTranslation()
  const categories = useApiQuery('catalog.categories', () => api['catalog.categories']({}))
  const townships = useApiQuery('catalog.townships', () => api['catalog.townships']({}))
  const localWords = useKeyboardWords(representative)
  // One draft per mount, and each wizard is a mount of its own: a new wizard gets a new submission key.
  const [draft, setDraft] = useState(() => initialDraft(profile.townshipId))
  const { answers } = draft
  const [stepIndex, setStepIndex] = useState(0)
  const [result, setResult] = useState<{
    readonly value: SubmitPetitionResult
    readonly alreadyFiled: boolean
  } | null>(null)
  const [print, setPrint] = useState<PrintState>('printing')
  // While the petition is on its way, 返回首页 and 上一步 wait: leaving then would store it unseen, and
  // print its receipt for whoever stands at the kiosk next. 呼叫工作人员 does not wait, and the wait ends:
  // a call that gets no answer fails as TIMEOUT (renderer/api.ts).
  const [submitting, setSubmitting] = useState(false)

  // Set while a step is open from 修改 on 核对: 下一步 and 上一步 both go straight back there, so one
  // corrected answer does not walk the resident through every later step again.
  const [returnTo, setReturnTo] = useState<StepId | null>(null)
  const step: StepId = STEPS[stepIndex] ?? 'category'

  const update = useCallback((patch: Partial<Answers>) => setDraft((d) => editDraft(d, patch)), [])
  const next = useCallback(() => {
    if (returnTo) {
      setReturnTo(null)
      setStepIndex(STEPS.indexOf(returnTo))
    } else setStepIndex((i) => Math.min(i + 1, STEPS.length - 1))
  }, [returnTo])
  const submitted = useCallback((r: SubmitPetitionResult, alreadyFiled: boolean) => {
    setResult({ value: r, alreadyFiled })
    // The petition is committed: the receipt prints now, and the result screen says whether it did.
    void printReceipt(r.id).then(
      (p) => setPrint(p.printed ? 'printed' : 'failed'),
      () => setPrint('failed'),
    )
  }, [])
  const change = useCallback(
    (id: StepId) => {
      setReturnTo(step)
      setStepIndex(STEPS.indexOf(id))
    },
    [step],
  )
  // 返回首页 from a started petition asks first (LeaveDialog). The idle reset does not come through here:
  // it remounts the whole visit, so nobody is asked when nobody is there.
  const [askingToLeave, setAskingToLeave] = useState(false)
  const started = hasAnswers(answers, profile.townshipId)
  const home = useCallback(() => (started ? setAskingToLeave(true) : onHome()), [started, onHome])
  const stay = useCallback(() => setAskingToLeave(false), [])
  const back = useCallback(() => {
    if (returnTo) {
      setReturnTo(null)
      setStepIndex(STEPS.indexOf(returnTo))
    } else if (stepIndex > 0) setStepIndex(stepIndex - 1)
    else if (representative) navigate({ name: 'findRepresentative', ...(from ? { search: from } : {}) })
    else home()
  }, [returnTo, stepIndex, representative, from, navigate, home])

  const title = t(`kiosk.petition.steps.${step}.title`)
  const instruction = t(`kiosk.petition.steps.${step}.instruction`)
  useAnnounce(result ? '' : `${title}。${instruction}`)

  // Each step starts at its top, with its heading focused for screen readers and keyboards.
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [stepIndex])

  const category = useMemo(
    () =>
      categories.state.status === 'ok'
        ? (categories.state.value.find((c) => c.id === answers.categoryId) ?? null)
        : null,
    [categories.state, answers.categoryId],
  )

  if (result) {
    return (
      <ResultScreen
        profile={profile}
        result={result.value}
        alreadyFiled={result.alreadyFiled}
        print={print}
        onHome={onHome}
      />
    )
  }

  const loadError =
    categories.state.status === 'error'
      ? { error: categories.state.error, retry: categories.reload }
      : townships.state.status === 'error'
        ? { error: townships.state.error, retry: townships.reload }
        : null

  return (
    <>
      <div className="petition-screen" inert={askingToLeave}>
        <ResidentLayout
          profile={profile}
          isHome={false}
          onHome={home}
          onBack={back}
          step={step}
          busy={submitting}
        >
          <div className={`petition petition--${step}`} data-testid="petition" data-step={step}>
            <div className="petition__head">
              <h1 className="petition__title">
                <Icon name="petition" className="petition__title-icon" />
                {t('kiosk.petition.title')}
              </h1>
              <p className="petition__progress" data-testid="petition-progress">
                {t('kiosk.petition.stepOf', { step: stepIndex + 1, total: STEPS.length })}
              </p>
              <h2 ref={heading} tabIndex={-1} className="petition__step-title">
                {title}
              </h2>
              {representative && (
                <p className="petition__addressed" data-testid="petition-addressed">
                  <Icon name="people" className="petition__addressed-icon" />
                  {t('kiosk.petition.addressedTo', { name: representative.name })}
                </p>
              )}
            </div>
            <p className="petition__instruction">{instruction}</p>
            {loadError ? (
              <ErrorNotice error={loadError.error} onRetry={loadError.retry} />
            ) : categories.state.status !== 'ok' || townships.state.status !== 'ok' ? (
              <Loading />
            ) : (
              <>
                {step === 'category' && (
                  <CategoryStep
                    categories={categories.state.value}
                    chosenId={answers.categoryId}
                    onChoose={(categoryId) => {
                      update({ categoryId })
                      next()
                    }}
                  />
                )}
                {step === 'matter' && category && (
                  <MatterStep
                    category={category}
                    text={answers.text}
                    localWords={localWords}
                    onChange={(text) => update({ text })}
                    onNext={next}
                  />
                )}
                {step === 'place' && (
                  <PlaceStep
                    townships={townships.state.value}
                    stationTownshipId={profile.townshipId}
                    answers={answers}
                    onChange={update}
                    onNext={next}
                  />
                )}
                {step === 'contact' && (
                  <ContactStep
                    category={category}
                    answers={answers}
                    localWords={localWords}
                    onChange={update}
                    onNext={next}
                  />
                )}
                {step === 'confirm' && category && (
                  <ConfirmStep
                    draft={draft}
                    category={category}
                    townships={townships.state.value}
                    representative={representative}
                    onChange={change}
                    onSubmitting={setSubmitting}
                    onSubmitted={submitted}
                  />
                )}
              </>
            )}
          </div>
        </ResidentLayout>
      </div>
      {askingToLeave && <LeaveDialog onStay={stay} onLeave={onHome} />}
    </>
  )
}
