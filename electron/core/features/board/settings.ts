import type { ParsedInputOf } from '../../../../contract/api'
import type { AssessmentSettings } from '../../../../contract/views'
import { type AssessmentMethod, DEFAULT_ASSESSMENT_METHOD } from '../../../../domain/board'
import { DomainError } from '../../../../domain/errors'
import { DEFAULT_STAR_THRESHOLDS, isValidThresholds } from '../../../../domain/yearly-assessment'
import type { Ctx } from '../../context'
import type { Executor } from '../../db/schema'
import { appendAudit } from '../audit/service'
import { getSetting, putSetting } from '../station/service'

/**
 * 考核办法: the method the next board is scored with and the yearly star thresholds, one setting. Until a
 * station saves its own, the defaults apply (the demo's boards use them too). Saving numbers the method
 * one above the last, so every board names the version it used.
 */

const KEY = 'assessment.settings'

export async function assessmentSettings(db: Executor): Promise<AssessmentSettings> {
  const stored = await getSetting(db, KEY)
  if (stored === null) return { method: DEFAULT_ASSESSMENT_METHOD, starThresholds: DEFAULT_STAR_THRESHOLDS }
  return JSON.parse(stored) as AssessmentSettings
}

export async function currentMethod(db: Executor): Promise<AssessmentMethod> {
  return (await assessmentSettings(db)).method
}

/**
 * Refuses work done against a method the desk no longer shows: another desk saved a new version since
 * this one loaded, and saving or publishing now would silently use numbers nobody here has seen.
 */
export function assertMethodVersion(current: AssessmentMethod, seen: number, then: string): void {
  if (current.version === seen) return
  throw new DomainError('CONFLICT', {
    fields: {
      methodVersion: `考核办法已经改为第 ${current.version} 版（这里显示的是第 ${seen} 版），请刷新页面，看过新的办法后再${then}`,
    },
  })
}

export function setAssessmentSettings(
  ctx: Ctx,
  input: ParsedInputOf<'board.setSettings'>,
): Promise<AssessmentSettings> {
  const staff = ctx.staff
  if (!staff) throw new DomainError('STAFF_ONLY')
  const thresholds = input.starThresholds
  if (!isValidThresholds(thresholds)) throw new DomainError('VALIDATION', { field: 'starThresholds' })
  return ctx.db.transaction().execute(async (tx) => {
    const before = await assessmentSettings(tx)
    assertMethodVersion(before.method, input.methodVersion, '修改')
    const next: AssessmentSettings = {
      method: { version: before.method.version + 1, weights: input.weights },
      starThresholds: thresholds,
    }
    await putSetting(tx, KEY, JSON.stringify(next))
    await appendAudit(tx, {
      at: ctx.now(),
      actor: { role: staff.role, id: staff.id },
      action: 'board.settings',
      entity: 'setting',
      entityId: KEY,
      detail: { from: before, to: next },
    })
    return next
  })
}
