import { z } from 'zod'
import { defineAction, defineContract } from '../core/contract'
import { commentGivenWhenNegative } from '../report/commands'
import {
  categoryIdSchema,
  commentSchema,
  deadlineDaysSchema,
  idSchema,
  latSchema,
  lngSchema,
  noteSchema,
  pageInputShape,
  pageOf,
  photoFileIdsSchema,
  reasonSchema,
  rectifyNoteSchema,
} from '../report/fields'
import { dispatchProposalSchema } from '../report/dispatch'
import { rejectionReasonSchema } from '../report/reasons'
import { submitInputSchema, timelineEventSchema } from '../report/report'
import { replyKindSchema, replyTemplateSchema } from '../report/replies'
import { reportStatsSchema } from '../report/stats'
import { ratingScoreSchema, reportStatusSchema, revisitAnswerSchema } from '../report/status'
import {
  nearbyItemSchema,
  reportOwnDetailSchema,
  reportOwnViewSchema,
  reportPublicViewSchema,
  reportStaffDetailSchema,
  reportStaffViewSchema,
  reportUnitDetailSchema,
  reportUnitViewSchema,
} from '../report/views'

/**
 * 随手拍 (`report` cloud function). Every state change goes through the domain's `transition`, so each
 * mutation answers with the report's new status/version and the timeline event it appended; a caller who
 * lost a race gets CONFLICT, a caller acting on what is not theirs gets FORBIDDEN.
 */

const byId = { id: idSchema }

/** The answer of every state-changing action. */
export const reportChangeSchema = z.object({
  id: z.string(),
  status: reportStatusSchema,
  version: z.number().int(),
  event: timelineEventSchema,
})
export type ReportChange = z.infer<typeof reportChangeSchema>

export const NEARBY_MAX_ITEMS = 20

export const reportContract = defineContract('report', {
  // ---------------------------------------------------------------------------------------------- resident
  submit: defineAction({
    summary: '提交随手拍（clientId 相同的重复提交返回原记录）',
    roles: ['resident'],
    input: submitInputSchema,
    output: z.object({
      report: reportOwnViewSchema,
      /** True when this clientId was already submitted and the existing report is returned. */
      replayed: z.boolean(),
    }),
  }),
  myList: defineAction({
    effect: 'read',
    summary: '我的随手拍（最新在前）',
    roles: ['resident'],
    input: z.strictObject({ scope: z.enum(['open', 'done', 'all']).default('all'), ...pageInputShape }),
    output: pageOf(reportOwnViewSchema),
  }),
  detail: defineAction({
    effect: 'read',
    summary: '随手拍详情：本人看到完整进度，其他市民看到公开信息',
    roles: ['resident'],
    input: z.strictObject(byId),
    output: z.discriminatedUnion('view', [
      reportOwnDetailSchema.extend({ view: z.literal('own') }),
      reportPublicViewSchema.extend({ view: z.literal('public') }),
    ]),
  }),
  cosign: defineAction({
    summary: '附议（同一问题“我也遇到了”），每人每条一次，重复附议不报错',
    roles: ['resident'],
    input: z.strictObject(byId),
    output: z.object({ id: z.string(), cosignCount: z.number().int(), cosigned: z.literal(true) }),
  }),
  nearbyOpen: defineAction({
    effect: 'read',
    summary: '附近正在处理的同类问题（提交前查重，可改为附议）',
    roles: ['resident'],
    input: z.strictObject({
      lat: latSchema,
      lng: lngSchema,
      categoryId: categoryIdSchema.optional(),
      radiusM: z.number().int().min(20).max(500).default(100),
    }),
    output: z.object({ items: z.array(nearbyItemSchema).max(NEARBY_MAX_ITEMS) }),
  }),
  rate: defineAction({
    summary: '评价处理结果（满意 / 基本满意 / 不满意；不满意将重新处理）',
    roles: ['resident'],
    input: z
      .strictObject({ ...byId, score: ratingScoreSchema, comment: commentSchema.optional() })
      .refine((i) => commentGivenWhenNegative(i.score === 'unsatisfied', i.comment), { message: '不满意时请说明原因', path: ['comment'] }),
    output: reportChangeSchema,
  }),
  revisit: defineAction({
    summary: '回答回访（问题是否已解决；未解决将重新处理）',
    roles: ['resident'],
    input: z
      .strictObject({ ...byId, answer: revisitAnswerSchema, comment: commentSchema.optional() })
      .refine((i) => commentGivenWhenNegative(i.answer === 'not_fixed', i.comment), { message: '请说明问题现状', path: ['comment'] }),
    output: reportChangeSchema,
  }),

  // ------------------------------------------------------------------------------------------------- staff
  staffQueue: defineAction({
    effect: 'read',
    summary: '创城办待办（等待最久的在前）；不指定状态时为待审核、待核验、退回待派、重新处理',
    roles: ['staff'],
    input: z.strictObject({
      status: reportStatusSchema.optional(),
      categoryId: categoryIdSchema.optional(),
      districtId: idSchema.optional(),
      gridId: idSchema.optional(),
      ...pageInputShape,
    }),
    output: pageOf(reportStaffViewSchema),
  }),
  staffDetail: defineAction({
    effect: 'read',
    summary: '随手拍详情（含反映人、进度、疑似重复和派单建议）',
    roles: ['staff'],
    input: z.strictObject(byId),
    /** `proposal`: the unit and 整改时限 acceptDispatch/redispatch would most likely use (see proposeDispatch). */
    output: reportStaffDetailSchema.extend({ proposal: dispatchProposalSchema }),
  }),
  acceptDispatch: defineAction({
    summary: '受理并派单（不填整改时限则按分类默认天数）',
    roles: ['staff'],
    input: z.strictObject({ ...byId, unitId: idSchema, deadlineDays: deadlineDaysSchema.optional(), note: noteSchema.optional() }),
    output: reportChangeSchema,
  }),
  reject: defineAction({
    summary: '不予受理（选择理由并答复市民）',
    roles: ['staff'],
    input: z.strictObject({ ...byId, reason: rejectionReasonSchema, text: reasonSchema }),
    output: reportChangeSchema,
  }),
  merge: defineAction({
    summary: '合并为重复问题（原问题须仍在处理中）',
    roles: ['staff'],
    input: z.strictObject({ ...byId, originalId: idSchema, note: noteSchema.optional() }),
    output: reportChangeSchema,
  }),
  outOfScope: defineAction({
    summary: '不属于本市职责（说明应向何处反映）',
    roles: ['staff'],
    input: z.strictObject({ ...byId, note: reasonSchema }),
    output: reportChangeSchema,
  }),
  verifyClose: defineAction({
    summary: '核验整改到位，销号',
    roles: ['staff'],
    input: z.strictObject({ ...byId, note: noteSchema.optional() }),
    output: reportChangeSchema,
  }),
  sendBack: defineAction({
    summary: '核验未通过，退回责任单位重新整改（新的整改时限）',
    roles: ['staff'],
    input: z.strictObject({ ...byId, reason: reasonSchema, deadlineDays: deadlineDaysSchema.optional() }),
    output: reportChangeSchema,
  }),
  redispatch: defineAction({
    summary: '重新派单（退回待派或重新处理的问题）',
    roles: ['staff'],
    input: z.strictObject({ ...byId, unitId: idSchema, deadlineDays: deadlineDaysSchema.optional(), note: noteSchema.optional() }),
    output: reportChangeSchema,
  }),
  escalate: defineAction({
    summary: '人工督办超期问题（定时任务每天自动督办一次）',
    roles: ['staff'],
    input: z.strictObject({ ...byId, note: noteSchema.optional() }),
    output: reportChangeSchema,
  }),
  replyTemplates: defineAction({
    effect: 'read',
    summary: '答复模板（按问题分类和处理环节，已填入单位、时限等）',
    roles: ['staff'],
    input: z.strictObject({ ...byId, kind: replyKindSchema }),
    output: z.object({ items: z.array(replyTemplateSchema) }),
  }),
  overdueBoard: defineAction({
    effect: 'read',
    summary: '超期督办台账（超期最久的在前）与各单位超期数',
    roles: ['staff', 'admin'],
    input: z.strictObject({ districtId: idSchema.optional(), unitId: idSchema.optional(), ...pageInputShape }),
    output: pageOf(reportStaffViewSchema).extend({
      /** Overdue count and 督办 total per unit, across the whole board (not just this page); on the first page only, [] on later pages. */
      byUnit: z
        .array(z.object({ unitId: z.string(), unitName: z.string(), overdue: z.number().int(), escalations: z.number().int() }))
        .max(500),
    }),
  }),
  stats: defineAction({
    effect: 'read',
    summary: '办理统计：按时整改率、办结率、满意率（不予受理、重复、非本市职责不计入）',
    roles: ['staff', 'admin'],
    input: z.strictObject({
      districtId: idSchema.optional(),
      unitId: idSchema.optional(),
      categoryId: categoryIdSchema.optional(),
      /** Reports created in [since, until). */
      since: z.iso.datetime().optional(),
      until: z.iso.datetime().optional(),
    }),
    output: reportStatsSchema,
  }),

  // -------------------------------------------------------------------------------------------------- unit
  unitTasks: defineAction({
    effect: 'read',
    summary: '本单位的整改任务（时限最近的在前）；不指定状态时为待整改和整改中',
    roles: ['unit'],
    input: z.strictObject({ status: reportStatusSchema.optional(), ...pageInputShape }),
    output: pageOf(reportUnitViewSchema),
  }),
  unitDetail: defineAction({
    effect: 'read',
    summary: '整改任务详情（含进度）',
    roles: ['unit'],
    input: z.strictObject(byId),
    output: reportUnitDetailSchema,
  }),
  acknowledge: defineAction({
    summary: '接单',
    roles: ['unit'],
    input: z.strictObject({ ...byId, note: noteSchema.optional() }),
    output: reportChangeSchema,
  }),
  rectify: defineAction({
    summary: '提交整改结果（整改后照片和说明）',
    roles: ['unit'],
    input: z.strictObject({ ...byId, photos: photoFileIdsSchema, note: rectifyNoteSchema }),
    output: reportChangeSchema,
  }),
  returnToStaff: defineAction({
    summary: '退回创城办（不属于本单位职责，说明理由）',
    roles: ['unit'],
    input: z.strictObject({ ...byId, reason: reasonSchema }),
    output: reportChangeSchema,
  }),
})
export type ReportContract = typeof reportContract
