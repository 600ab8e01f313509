import type { Handlers } from '../../context'
import { boardOfMonth, boardRecords, publishMonth, yearOf } from './desk'
import { latestBoard } from './service'
import { assessmentSettings, setAssessmentSettings } from './settings'

export const boardHandlers = {
  'board.latest': (_input, ctx) => latestBoard(ctx),
  'board.settings': (_input, ctx) => assessmentSettings(ctx.db),
  'board.setSettings': (input, ctx) => setAssessmentSettings(ctx, input),
  'board.month': (input, ctx) => boardOfMonth(ctx, input.month),
  'board.publish': (input, ctx) => publishMonth(ctx, input),
  'board.records': (input, ctx) => boardRecords(ctx, input),
  'board.year': (input, ctx) => yearOf(ctx, input.year),
} satisfies Handlers<'board'>
