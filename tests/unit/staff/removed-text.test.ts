import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { enTranslation, zhCN } from '../../../renderer/i18n/resources'
import { removedText } from '../../../renderer/staff/duty/removedText'

/** The real resources in a fresh i18next instance (the app's initI18n also binds React and the page). */
async function translator(lng: 'zh-CN' | 'en') {
  const i18n = i18next.createInstance()
  await i18n.init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: enTranslation } },
    lng,
    interpolation: { escapeValue: false },
  })
  return i18n.t
}

const removed = (shiftsRemoved: number, receptionDaysRemoved: number) => ({
  shiftsRemoved,
  receptionDaysRemoved,
})

describe('what 停止规则 and a holiday correction say they took off', () => {
  it('names the shifts, the 民意集市 days or both, as the counts say', async () => {
    const t = await translator('zh-CN')
    const ended = 'staff.duty.rules.ended'
    expect(removedText(t, ended, removed(4, 0))).toBe('规则已停止，取消了 4 个班次')
    expect(removedText(t, ended, removed(0, 2))).toBe('规则已停止，取消了 2 个民意集市')
    expect(removedText(t, ended, removed(3, 1))).toBe('规则已停止，取消了 3 个班次和 1 个民意集市')
    expect(removedText(t, ended, removed(0, 0))).toBe('规则已停止，取消了 0 个班次')
    const corrected = 'staff.duty.dayKind.savedRemoved'
    expect(removedText(t, corrected, removed(0, 1))).toBe('已保存节假日调整，撤下了固定规则排的 1 个民意集市')
    expect(removedText(t, corrected, removed(1, 1))).toBe(
      '已保存节假日调整，撤下了固定规则排的 1 个班次和 1 个民意集市',
    )
  })

  it('has the English twin', async () => {
    const t = await translator('en')
    expect(removedText(t, 'staff.duty.rules.ended', removed(0, 2))).toBe('Rule ended; 2 open days removed')
    expect(removedText(t, 'staff.duty.dayKind.savedRemoved', removed(2, 0))).toBe(
      'Correction saved; 2 rule shifts came off',
    )
  })
})
