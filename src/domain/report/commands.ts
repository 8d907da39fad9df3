import { z } from 'zod'
import type { Role } from '../core/roles'
import {
  commentSchema,
  deadlineDaysSchema,
  idSchema,
  noteSchema,
  photoFileIdsSchema,
  reasonSchema,
  rectifyNoteSchema,
} from './fields'
import { rejectionReasonSchema } from './reasons'
import { ratingScoreSchema, reportStatusSchema, revisitAnswerSchema } from './status'

/**
 * What someone asks the state machine to do. The server builds a command from a contract input plus what
 * only it can resolve (the unit's name, the category's default 整改时限, the original of a merge), so the
 * machine itself stays pure and can check everything it needs.
 */
const unitRef = z.object({ id: idSchema, name: z.string().min(1).max(60) })

/** A resident who says 不满意 / 未解决 must say why (≥ 2 characters): it is what staff act on when reopening. */
export const commentGivenWhenNegative = (negative: boolean, comment: string | undefined): boolean => !negative || (comment ?? '').length >= 2

export const reportCommandSchema = z.discriminatedUnion('type', [
  // 创城办
  z.object({ type: z.literal('acceptDispatch'), unit: unitRef, deadlineDays: deadlineDaysSchema, note: noteSchema.optional() }),
  z.object({ type: z.literal('reject'), reason: rejectionReasonSchema, text: reasonSchema }),
  z.object({
    type: z.literal('merge'),
    original: z.object({ _id: idSchema, status: reportStatusSchema }),
    note: noteSchema.optional(),
  }),
  z.object({ type: z.literal('outOfScope'), note: reasonSchema }),
  z.object({ type: z.literal('verifyClose'), note: noteSchema.optional() }),
  z.object({ type: z.literal('sendBack'), reason: reasonSchema, deadlineDays: deadlineDaysSchema }),
  z.object({ type: z.literal('redispatch'), unit: unitRef, deadlineDays: deadlineDaysSchema, note: noteSchema.optional() }),
  // 责任单位
  z.object({ type: z.literal('acknowledge'), note: noteSchema.optional() }),
  z.object({ type: z.literal('rectify'), photos: photoFileIdsSchema, note: rectifyNoteSchema }),
  z.object({ type: z.literal('returnToStaff'), reason: reasonSchema }),
  // 市民 (the reporter)
  z
    .object({ type: z.literal('rate'), score: ratingScoreSchema, comment: commentSchema.optional() })
    .refine((c) => commentGivenWhenNegative(c.score === 'unsatisfied', c.comment), { message: '不满意时请说明原因', path: ['comment'] }),
  z
    .object({ type: z.literal('revisit'), answer: revisitAnswerSchema, comment: commentSchema.optional() })
    .refine((c) => commentGivenWhenNegative(c.answer === 'not_fixed', c.comment), { message: '请说明问题现状', path: ['comment'] }),
  // timer (or 创城办 by hand)
  z.object({ type: z.literal('escalate'), note: noteSchema.optional() }),
])
export type ReportCommand = z.infer<typeof reportCommandSchema>
export type CommandType = ReportCommand['type']
export type CommandOf<T extends CommandType> = Extract<ReportCommand, { type: T }>

/**
 * Who is acting. `userId` (OPENID) is needed for the reporter's own actions, `unitId`/`unitName` for a unit
 * handler. Only `role` and `unitName` ever reach the timeline.
 */
export interface Actor {
  role: Role | 'system'
  userId?: string
  unitId?: string | null
  unitName?: string
}

/** The timer's actor. */
export const SYSTEM_ACTOR: Actor = { role: 'system' }
