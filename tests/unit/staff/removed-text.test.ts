import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { enTranslation, zhCN } from '../../../renderer/i18n/resources'
import { dayCorrectedText, removedText } from '../../../renderer/staff/duty/removedText'

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
const corrected = (removedCounts: [number, number], added: [number, number]) => ({
  ...removed(...removedCounts),
  shiftsAdded: added[0],
  receptionDaysAdded: added[1],
})

describe('what 停止规则 says it took off', () => {
  it('names the shifts, the 民意集市 days or both, as the counts say', async () => {
    const t = await translator('zh-CN')
    expect(removedText(t, removed(4, 0))).toBe('规则已停止，取消了 4 个班次')
    expect(removedText(t, removed(0, 2))).toBe('规则已停止，取消了 2 个民意集市')
    expect(removedText(t, removed(3, 1))).toBe('规则已停止，取消了 3 个班次和 1 个民意集市')
    expect(removedText(t, removed(0, 0))).toBe('规则已停止，取消了 0 个班次')
  })

  it('has the English twin', async () => {
    const t = await translator('en')
    expect(removedText(t, removed(0, 2))).toBe('Rule ended; 2 open days removed')
  })
})

describe('what a holiday correction says it changed', () => {
  it('names what came off a day made a rest day, or what the rules laid out on one made a working day', async () => {
    const t = await translator('zh-CN')
    expect(dayCorrectedText(t, corrected([0, 1], [0, 0]))).toBe(
      '已保存节假日调整，撤下了固定规则排的 1 个民意集市',
    )
    expect(dayCorrectedText(t, corrected([1, 1], [0, 0]))).toBe(
      '已保存节假日调整，撤下了固定规则排的 1 个班次和 1 个民意集市',
    )
    expect(dayCorrectedText(t, corrected([0, 0], [2, 0]))).toBe('已保存节假日调整，按固定规则排上了 2 个班次')
    expect(dayCorrectedText(t, corrected([0, 0], [1, 1]))).toBe(
      '已保存节假日调整，按固定规则排上了 1 个班次和 1 个民意集市',
    )
    expect(dayCorrectedText(t, corrected([0, 0], [0, 0]))).toBe('已保存节假日调整')
  })

  it('has the English twin', async () => {
    const t = await translator('en')
    expect(dayCorrectedText(t, corrected([2, 0], [0, 0]))).toBe('Correction saved; 2 rule shifts came off')
    expect(dayCorrectedText(t, corrected([0, 0], [0, 2]))).toBe(
      'Correction saved; the rules put 2 open days on',
    )
  })
})
