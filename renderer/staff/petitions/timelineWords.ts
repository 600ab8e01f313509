import type { TFunction } from 'i18next'
import {
  REPLY_METHODS,
  type Channel,
  type Level,
  type Rating,
  type ReplyMethod,
} from '../../../domain/petition/types'
import type { TimelineEntry } from '../../../contract/views'
import { nameOf, type References } from './references'

/** Reads a payload field as a string; timeline payloads are plain JSON from the backend. */
function str(payload: TimelineEntry['payload'], key: string): string {
  const v = payload[key]
  return typeof v === 'string' ? v : ''
}

function strings(payload: TimelineEntry['payload'], key: string): string[] {
  const v = payload[key]
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
}

const isReplyMethod = (m: string): m is ReplyMethod => (REPLY_METHODS as readonly string[]).includes(m)

/** One timeline event as a sentence staff can read, with names instead of ids. */
export function timelineSentence(
  e: TimelineEntry,
  t: TFunction,
  refs: References | null,
  /** The detail's own names for representatives, retired ones included; the directory lacks those. */
  representativeNames: Readonly<Record<string, string>>,
): string {
  const p = e.payload
  const level = (key: string) => t(`staff.level.${str(p, key) as Level}`)
  switch (e.type) {
    case 'submitted':
      return t('staff.timeline.submitted', {
        channel: t(`staff.channel.${str(p, 'channel') as Channel}`),
        level: level('level'),
        dueOn: str(p, 'dueOn'),
      })
    case 'triaged':
      return t('staff.timeline.triaged', {
        category: nameOf(refs?.categories, str(p, 'categoryId')),
        level: level('level'),
      })
    case 'assigned': {
      const whom = [
        ...strings(p, 'representativeIds').map(
          (id) => representativeNames[id] ?? nameOf(refs?.representatives, id),
        ),
        ...(str(p, 'department') ? [str(p, 'department')] : []),
      ]
      return t('staff.timeline.assigned', {
        whom: whom.length > 0 ? whom.join('、') : t('staff.timeline.assignedNobody'),
      })
    }
    case 'noted':
    case 'supervised':
      return t(`staff.timeline.${e.type}`, { text: str(p, 'text') })
    case 'deadlineSet':
    case 'deadlineExtended':
      return t(`staff.timeline.${e.type}`, { dueOn: str(p, 'dueOn'), reason: str(p, 'reason') })
    case 'resolvedOnSpot':
      return t('staff.timeline.resolvedOnSpot', { answer: str(p, 'answer') })
    case 'escalated':
      return t('staff.timeline.escalated', { to: level('to'), reason: str(p, 'reason') })
    case 'transferred':
      return t('staff.timeline.transferred', { department: str(p, 'department') })
    case 'replied': {
      const method = str(p, 'method')
      return t('staff.timeline.replied', {
        method: isReplyMethod(method) ? t(`staff.replyMethod.${method}`) : method,
        answer: str(p, 'answer'),
      })
    }
    case 'closed':
      return t('staff.timeline.closed', { summary: str(p, 'summary') })
    case 'rated': {
      const rating = t(`staff.rating.${str(p, 'rating') as Rating}`)
      const reason = str(p, 'reason')
      return reason
        ? t('staff.timeline.ratedWithReason', { rating, reason })
        : t('staff.timeline.rated', { rating })
    }
    case 'reopened':
      return t('staff.timeline.reopened', { reason: str(p, 'reason') })
    case 'linkedDuplicate':
      return t('staff.timeline.linkedDuplicate')
  }
}
