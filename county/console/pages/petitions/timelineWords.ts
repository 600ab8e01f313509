import type { TimelineEntry } from '../../../../contract/county-console'
import type { Translate } from '../../i18n'
import { categoryName } from '../../lib/format'

/** What one event says beyond its name, in a sentence staff can read; empty when the name says it all. */
export function eventDetail(entry: TimelineEntry, t: Translate): string {
  const e = entry.event
  switch (e.type) {
    case 'submitted':
      return t('petitions.sentence.submitted', {
        channel: t(`petitions.channel.${e.channel}`),
        level: t(`petitions.level.${e.level}`),
        dueOn: e.dueOn,
      })
    case 'triaged':
      return t('petitions.sentence.triaged', {
        category: categoryName(e.categoryId),
        level: t(`petitions.level.${e.level}`),
      })
    case 'assigned': {
      // The county sees the station's representatives by id only; their number says enough here.
      const whom = [
        ...(e.representativeIds.length > 0
          ? [t('petitions.sentence.assignedReps', { n: e.representativeIds.length })]
          : []),
        ...(e.department ? [e.department] : []),
      ]
      return t('petitions.sentence.assigned', {
        whom: whom.length > 0 ? whom.join('、') : t('petitions.sentence.assignedNobody'),
      })
    }
    case 'noted':
    case 'supervised':
      return t(`petitions.sentence.${e.type}`, { text: e.text })
    case 'deadlineSet':
    case 'deadlineExtended':
      return t('petitions.sentence.deadline', { dueOn: e.dueOn, reason: e.reason })
    case 'resolvedOnSpot':
      return t('petitions.sentence.resolvedOnSpot', { answer: e.answer })
    case 'escalated':
      return t('petitions.sentence.escalated', {
        to: t(`petitions.sentence.levelTo.${e.to}`),
        reason: e.reason,
      })
    case 'transferred':
      return t('petitions.sentence.transferred', { department: e.department })
    case 'replied':
      return t('petitions.sentence.replied', {
        method: t(`petitions.replyMethod.${e.method}`),
        answer: e.answer,
      })
    case 'closed':
      return t('petitions.sentence.closed', { summary: e.summary })
    case 'rated':
      return e.reason
        ? t('petitions.sentence.ratedWithReason', {
            rating: t(`petitions.rating.${e.rating}`),
            reason: e.reason,
          })
        : t('petitions.sentence.rated', { rating: t(`petitions.rating.${e.rating}`) })
    case 'reopened':
      return t('petitions.sentence.reopened', { reason: e.reason })
    case 'linkedDuplicate':
      return t('petitions.sentence.linkedDuplicate')
  }
}
