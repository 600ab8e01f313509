import type { Handlers } from '../../context'
import { listStaff, login } from './service'

export const staffHandlers = {
  'staff.users': (_input, ctx) => listStaff(ctx.db),
  'staff.login': (input, ctx) => login(ctx, input.userId, input.pin),
  'staff.logout': (_input, ctx) => {
    ctx.setSession(null)
    return Promise.resolve(null)
  },
  'staff.me': (_input, ctx) => Promise.resolve(ctx.staff),
} satisfies Handlers<'staff'>
