import type { DossierPayload } from '../../../../contract/sync'
import type { Ctx } from '../../context'
import type { PersonalDataCipher } from '../../crypto/personal-data'
import type { Executor } from '../../db/schema'
import { newId } from '../../ids'
import { enqueueMutation } from '../sync/outbox'
import * as repo from './repository'

/**
 * A dossier as it waits in the outbox: the contact sealed with the station's data key (the mutation id as
 * associated data, base64), so neither the outbox nor a backup of it holds a name or phone in clear, and
 * the outbox row can be purged or kept without thought. Only the push opens it (openDossier).
 */
interface StoredDossier {
  readonly petitionId: string
  readonly text: string
  readonly anonymous: boolean
  readonly sealed: { readonly contactName: string | null; readonly contactPhone: string | null }
}

/**
 * When a petition is escalated to the county, the county needs what the resident asked and how to reach
 * them: the text and the contact (never the ID number) go to the hub in the same transaction as the
 * escalation. This is the one way personal data leaves the station; the hub keeps it sealed.
 */
/** What a dossier needs of the context: the key to re-seal the contact, and the time. */
export type DossierDeps = Pick<Ctx, 'cipher' | 'now'>

export async function enqueueDossier(
  tx: Executor,
  ctx: DossierDeps,
  petitionId: string,
  hlc: string,
): Promise<void> {
  const row = await repo.petitionById(tx, petitionId)
  // A petition taken back from the county after a restore, without its words (sync/restored.ts): there is
  // nothing to send, and the hub would refuse an empty dossier.
  if (!row || row.text === '') return
  const mutationId = newId()
  // Re-sealed under the outbox row's own id: the petition's ciphertexts are bound to the petition's columns.
  const reseal = (buf: Buffer | null, field: 'name' | 'phone') =>
    buf && !row.anonymous
      ? ctx.cipher.encrypt(ctx.cipher.decrypt(buf, petitionId, field), mutationId, field).toString('base64')
      : null
  const payload: StoredDossier = {
    petitionId,
    text: row.text,
    anonymous: row.anonymous === 1,
    sealed: {
      contactName: reseal(row.contact_name_enc, 'name'),
      contactPhone: reseal(row.contact_phone_enc, 'phone'),
    },
  }
  await enqueueMutation(tx, { mutationId, type: 'petition.dossier', hlc, at: ctx.now(), payload })
}

/** The dossier as the hub takes it, from an outbox row's payload; the one place its contact is opened. */
export function openDossier(stored: string, mutationId: string, cipher: PersonalDataCipher): DossierPayload {
  const parsed = JSON.parse(stored) as StoredDossier | DossierPayload
  // Rows written before dossiers were sealed carry the contact in clear: sent as they are.
  if (!('sealed' in parsed)) return parsed
  const open = (b64: string | null, field: 'name' | 'phone') =>
    b64 === null ? null : cipher.decrypt(Buffer.from(b64, 'base64'), mutationId, field)
  return {
    petitionId: parsed.petitionId,
    text: parsed.text,
    anonymous: parsed.anonymous,
    contactName: open(parsed.sealed.contactName, 'name'),
    contactPhone: open(parsed.sealed.contactPhone, 'phone'),
  }
}
