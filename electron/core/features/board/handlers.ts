import type { Handlers } from '../../context'
import { latestBoard } from './service'

export const boardHandlers = {
  'board.latest': (_input, ctx) => latestBoard(ctx),
} satisfies Handlers<'board'>
