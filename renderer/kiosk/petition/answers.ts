import type { InputOf } from '../../../contract/api'
import type { Category } from '../../../contract/views'
import { checkIdNumber, checkPhone } from '../../../domain/validators'

/**
 * What a resident has answered so far in 我要反映. Kept in one object above the steps, so 上一步 shows every
 * earlier answer again and nothing is lost when a submit fails.
 */
export interface Answers {
  readonly categoryId: string | null
  readonly text: string
  readonly townshipId: string
  /** null with `villageDecided` = the resident said it is not in a village (or does not know which). */
  readonly villageId: string | null
  readonly villageDecided: boolean
  /** Contact details are given only after consent; `anonymous` is a choice, not a default. */
  readonly contactMode: 'undecided' | 'anonymous' | 'contact'
  readonly name: string
  readonly phone: string
  readonly idNumber: string
}

export function initialAnswers(stationTownshipId: string): Answers {
  return {
    categoryId: null,
    text: '',
    townshipId: stationTownshipId,
    villageId: null,
    villageDecided: false,
    contactMode: 'undecided',
    name: '',
    phone: '',
    idNumber: '',
  }
}

/** Whether the resident has answered anything yet: leaving would then throw away their work. */
export function hasAnswers(answers: Answers, stationTownshipId: string): boolean {
  const blank = initialAnswers(stationTownshipId)
  return (Object.keys(blank) as (keyof Answers)[]).some((k) => answers[k] !== blank[k])
}

type SubmitInput = InputOf<'petitions.submit'>

/**
 * The answers with the key their submit is sent under (`submissionId`): one key for the whole wizard, kept
 * through every edit. After a submit whose outcome the kiosk cannot know (TIMEOUT, a dropped connection),
 * the petition may be stored already, and a new key for an edited answer would file a second one. Under
 * the same key the station either files it (nothing landed before, or the first try was refused) or, the
 * content being other than what it stored, refuses it as SUBMISSION_ID_REUSED with the petition it holds,
 * which the kiosk then shows as filed. A plain retry is answered with that petition. A new wizard starts a
 * new draft, and so a new key.
 */
export interface Draft {
  readonly answers: Answers
  readonly submissionId: string
}

const newSubmissionId = () => crypto.randomUUID()

export function initialDraft(stationTownshipId: string, newId: () => string = newSubmissionId): Draft {
  return { answers: initialAnswers(stationTownshipId), submissionId: newId() }
}

/** The draft with `patch` applied, under the same key; the same draft when the patch changes nothing. */
export function editDraft(draft: Draft, patch: Partial<Answers>): Draft {
  const changed = (Object.keys(patch) as (keyof Answers)[]).some((k) => patch[k] !== draft.answers[k])
  if (!changed) return draft
  return { answers: { ...draft.answers, ...patch }, submissionId: draft.submissionId }
}

/** The wizard's five steps, in order. */
export const STEPS = ['category', 'matter', 'place', 'contact', 'confirm'] as const
export type StepId = (typeof STEPS)[number]

/** The longest matter the contract accepts (`text(2000)` in contract/schemas.ts). */
export const MAX_TEXT = 2000
export const MAX_NAME = 40

/** Appends a phrase chip to the matter, separated by a Chinese comma, once. */
export function addPhrase(text: string, phrase: string): string {
  const trimmed = text.trimEnd()
  if (trimmed === '') return phrase
  if (trimmed.split(/[，,。；;\s]/).includes(phrase)) return text
  const joined = /[，,。；;！!？?]$/.test(trimmed) ? `${trimmed}${phrase}` : `${trimmed}，${phrase}`
  return joined.slice(0, MAX_TEXT)
}

/** Contact details that will be sent: nothing when anonymous, the ID number only where the category needs it. */
export function contactOf(answers: Answers, category: Category | null): SubmitInput['contact'] {
  if (answers.contactMode !== 'contact') return null
  const name = answers.name.trim()
  const phone = answers.phone.trim()
  const idNumber = category?.needsIdNumber ? answers.idNumber.trim() : ''
  if (name === '' && phone === '' && idNumber === '') return null
  return {
    name: name === '' ? null : name,
    phone: phone === '' ? null : phone,
    idNumber: idNumber === '' ? null : idNumber,
  }
}

/** Whether the contact step may be left: a number that was started must be complete and valid. */
export function contactComplete(answers: Answers, category: Category | null): boolean {
  if (answers.contactMode === 'anonymous') return true
  if (answers.contactMode === 'undecided') return false
  if (answers.phone !== '' && !checkPhone(answers.phone).ok) return false
  if (category?.needsIdNumber && answers.idNumber !== '' && !checkIdNumber(answers.idNumber).ok) return false
  return true
}

/** The request for `petitions.submit`; addressed to a representative when the wizard was opened from 给TA反映. */
export function toSubmitInput(
  draft: Draft,
  category: Category,
  preferredRepresentativeId: string | null,
): SubmitInput {
  const { answers } = draft
  return {
    categoryId: category.id,
    text: answers.text.trim(),
    townshipId: answers.townshipId,
    villageId: answers.villageId,
    preferredRepresentativeId,
    contact: contactOf(answers, category),
    submissionId: draft.submissionId,
  }
}
