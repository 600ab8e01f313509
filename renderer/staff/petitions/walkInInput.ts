import type { SubmitPetitionInput } from '../../../contract/schemas'
import type { Category } from '../../../contract/views'
import type { Channel } from '../../../domain/petition/types'

/** The ways a petition reaches the desk other than the kiosk itself. */
export const WALK_IN_CHANNELS = [
  'walkIn',
  'phone',
  'receptionDay',
  'grid',
] as const satisfies readonly Channel[]

/** What the 代录 form's fields hold. */
export interface WalkInFields {
  channel: (typeof WALK_IN_CHANNELS)[number]
  categoryId?: string
  text?: string
  townshipId?: string
  villageId?: string | null
  preferredRepresentativeId?: string | null
  anonymous: boolean
  name?: string
  phone?: string
  idNumber?: string
  /** 民意集市 intake: resolved there and then, and how. */
  onSpotNow?: boolean
  onSpotAnswer?: string
}

const trim = (v: string | undefined) => {
  const s = (v ?? '').trim()
  return s === '' ? null : s
}

/**
 * The submit the form sends, without its key. The rule the kiosk follows (kiosk/petition/answers.ts
 * contactOf) and the station enforces: the ID number is sent only for a category that needs it, and is
 * optional there, so a number typed before the category was changed never gets the filing refused.
 */
export function walkInSubmitInput(
  f: WalkInFields,
  category: Category | undefined,
): Omit<SubmitPetitionInput, 'submissionId'> {
  const idNumber = category?.needsIdNumber ? (trim(f.idNumber)?.toUpperCase() ?? null) : null
  return {
    categoryId: f.categoryId ?? '',
    text: (f.text ?? '').trim(),
    townshipId: f.townshipId ?? '',
    villageId: f.villageId ?? null,
    channel: f.channel,
    preferredRepresentativeId: f.preferredRepresentativeId ?? null,
    contact: f.anonymous ? null : { name: trim(f.name), phone: trim(f.phone), idNumber },
  }
}

/** The form field beside which a refusal of an API field is shown: `contact.idNumber` is `idNumber`. */
export const walkInFieldOf = (apiField: string) => apiField.replace(/^contact\./, '')
