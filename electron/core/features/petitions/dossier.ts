import type { DossierPayload } from '../../../../contract/sync'
import type { Ctx } from '../../context'
import type { Executor } from '../../db/schema'
import { newId } from '../../ids'
import { enqueueMutation } from '../sync/outbox'
import * as repo from './repository'

/**
 * When a petition is escalated to the county, the county needs what the resident asked and how to reach
 * them: the text and the contact (never the ID number) go to the hub in the same transaction as the
 * escalation. This is the one way personal data leaves the station; the hub keeps it sealed.
 */
export async function enqueueDossier(tx: Executor, ctx: Ctx, petitionId: string, hlc: string): Promise<void> {
  const row = await repo.petitionById(tx, petitionId)
  if (!row) return
  const open = (buf: Buffer | null, field: 'name' | 'phone') =>
    buf ? ctx.cipher.decrypt(buf, petitionId, field) : null
  const payload: DossierPayload = {
    petitionId,
    text: row.text,
    anonymous: row.anonymous === 1,
    contactName: row.anonymous ? null : open(row.contact_name_enc, 'name'),
    contactPhone: row.anonymous ? null : open(row.contact_phone_enc, 'phone'),
  }
  await enqueueMutation(tx, { mutationId: newId(), type: 'petition.dossier', hlc, at: ctx.now(), payload })
}
