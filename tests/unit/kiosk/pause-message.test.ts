import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { errorMessagesZh } from '../../../contract/errors'
import { zhCN } from '../../../renderer/i18n/resources'
import { pausedText, problemOf } from '../../../renderer/kiosk/progress/messages'

/** The pause is told in the words of its screen: 签到 on the check-in screen, 查询 on the progress one. */

const i18n = i18next.createInstance()
void i18n.init({
  resources: { 'zh-CN': { translation: zhCN, errors: errorMessagesZh } },
  lng: 'zh-CN',
  ns: ['translation', 'errors'],
  defaultNS: 'translation',
  initAsync: false,
  interpolation: { escapeValue: false },
})
const t = i18n.t

const paused = (retryAfterMs?: number) => ({
  code: 'LOOKUP_PAUSED' as const,
  message: errorMessagesZh.LOOKUP_PAUSED,
  retryAfterMs,
})

function textOf(problem: ReturnType<typeof problemOf>, now: number): string {
  return problem.kind === 'text'
    ? problem.text
    : pausedText(t, problem.screen, Math.ceil((problem.until - now) / 60_000))
}

describe('the pause notice', () => {
  it('says on the check-in screen that check-in is paused, with the minutes left', () => {
    const text = textOf(problemOf(paused(5 * 60_000), 'code', t, 0, 'checkin'), 0)
    expect(text).toContain('签到暂停')
    expect(text).toContain('5 分钟')
    expect(text).not.toContain('查询')
  })

  it('says so too when the station gives no time', () => {
    const text = textOf(problemOf(paused(), 'code', t, 0, 'checkin'), 0)
    expect(text).toContain('签到暂停')
    expect(text).not.toContain('查询')
  })

  it('keeps the lookup’s own words on the progress screen', () => {
    expect(textOf(problemOf(paused(5 * 60_000), 'code', t, 0), 0)).toContain('查询暂停')
  })
})
