import { describe, expect, it } from 'vitest'
import { enTranslation, zhCN } from '../../../renderer/i18n/resources'

/**
 * The queue's search box promises only what petitions.queue matches (repository.ts queuePage): the
 * tracking code, the text, and the full name or phone through their blind indexes (exact match only, so
 * it says 完整姓名: a surname or 张*英 finds nothing).
 */
describe('the queue search placeholder', () => {
  it('offers what the search matches', () => {
    expect(zhCN.staff.queue.searchPlaceholder).toBe('查询码、完整姓名、电话或内容')
    expect(enTranslation.staff.queue.searchPlaceholder).toBe('Code, full name, phone or text')
  })
})
