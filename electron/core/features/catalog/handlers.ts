import type { Category, Township } from '../../../../contract/views'
import type { Handlers } from '../../context'
import { activeCategories, townships, villages } from './repository'

export const catalogHandlers = {
  'catalog.categories': async (_input, ctx) =>
    (await activeCategories(ctx.db)).map((c): Category => ({
      id: c.id,
      name: c.name,
      icon: c.icon,
      defaultLevel: c.default_level,
      timeLimitDays: c.time_limit_days,
      needsIdNumber: c.needs_id_number === 1,
      phrases: JSON.parse(c.phrases) as string[],
    })),
  'catalog.townships': async (_input, ctx) => {
    const vs = await villages(ctx.db)
    return (await townships(ctx.db)).map((t): Township => ({
      id: t.id,
      name: t.name,
      villages: vs.filter((v) => v.township_id === t.id).map((v) => ({ id: v.id, name: v.name })),
    }))
  },
} satisfies Handlers<'catalog'>
