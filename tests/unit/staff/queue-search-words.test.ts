import { describe, expect, it } from 'vitest'
import { enTranslation, zhCN } from '../../../renderer/i18n/resources'

/**
 * The queue's search box promises only what petitions.queue matches (repository.ts queuePage): the
 * tracking code and the text. Names and phones are stored encrypted, so a promise of them sends staff
 * looking at an empty list for a resident who is there.
 */
describe('the queue search placeholder', () => {
  it('offers the code and the text, and not the name', () => {
    expect(zhCN.staff.queue.searchPlaceholder).toBe('查询码或内容')
    expect(enTranslation.staff.queue.searchPlaceholder).toBe('Code or text')
  })
})
