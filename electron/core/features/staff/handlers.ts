import type { Handlers } from '../../context'
import { addStaffUser, deactivateStaffUser, listStaff, login, resetPin } from './service'

export const staffHandlers = {
  'staff.users': (_input, ctx) => listStaff(ctx.db),
  'staff.login': (input, ctx) => login(ctx, input.userId, input.pin),
  'staff.logout': (_input, ctx) => {
    ctx.setSession(null)
    return Promise.resolve(null)
  },
  'staff.me': (_input, ctx) => Promise.resolve(ctx.staff),
  'staff.create': (input, ctx) => addStaffUser(ctx, input),
  'staff.resetPin': (input, ctx) => resetPin(ctx, input.userId, input.pin),
  'staff.deactivate': (input, ctx) => deactivateStaffUser(ctx, input.userId),
} satisfies Handlers<'staff'>
