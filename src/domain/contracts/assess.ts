import { z } from 'zod'
import { defineAction, defineContract } from '../core/contract'
import { cursorSchema, fileIdSchema, idSchema, pageOf } from '../report/fields'
import {
  bulletinCardSchema,
  bulletinSummarySchema,
  bulletinViewSchema,
  cardRowSchema,
  cardViewSchema,
  enteredScoreSchema,
  itemIdSchema,
  materialNoteSchema,
  MATERIAL_FILES_MAX,
  reviewCommentSchema,
  schemeCardSchema,
  schemeItemViewSchema,
  schemeKindSchema,
  schemeSaveInputSchema,
  schemeStatusSchema,
  schemeViewSchema,
} from '../assess'

/**
 * 考评 (`assess` cloud function): 考评方案 with items and points, 考评表 per unit, material upload by the
 * unit, review and field scores by staff, data items scored from the records (`recompute`), the ranking,
 * and the numbered 考评通报. Staff and admins run schemes; a unit handler sees and edits only its own
 * unit's 考评表; the published 通报 is read by staff and units (see domain/assess/bulletin.ts for why not
 * the public).
 */

const staff = ['staff', 'admin'] as const
const staffOrUnit = ['staff', 'admin', 'unit'] as const
const page = { cursor: cursorSchema.optional(), limit: z.number().int().min(1).max(50).default(20) }
const schemeRef = { schemeId: idSchema.meta({ title: '考评方案' }) }
const itemRef = { ...schemeRef, itemId: itemIdSchema.meta({ title: '考评项' }) }
/** The item's `rev` as the caller saw it: a stale screen cannot overwrite a newer review or upload. */
const rev = { rev: z.number().int().nonnegative() }

const optionSchema = z.object({ id: z.string(), name: z.string() })

export const assessContract = defineContract('assess', {
  // -------------------------------------------------------------------------------------------- schemes
  schemeOptions: defineAction({
    effect: 'read',
    summary: '新建考评方案的选项：三类方案模板、可选的问卷与志愿服务队',
    roles: staff,
    input: z.strictObject({}),
    output: z.object({
      templates: z.array(z.object({ kind: schemeKindSchema, title: z.string(), unitTypes: z.array(z.string()), totalPoints: z.number(), items: z.array(schemeItemViewSchema) })),
      surveys: z.array(optionSchema.extend({ status: z.string() })),
      teams: z.array(optionSchema),
      units: z.array(optionSchema.extend({ type: z.string() })),
    }),
  }),
  schemeList: defineAction({
    effect: 'read',
    summary: '考评方案列表（最近修改在前，可按状态筛选）',
    roles: staff,
    input: z.strictObject({ status: schemeStatusSchema.optional(), ...page }),
    output: pageOf(schemeCardSchema),
  }),
  schemeDetail: defineAction({
    effect: 'read',
    summary: '考评方案详情与当前排名（各单位总分、分类得分、待审核数）',
    roles: staff,
    input: z.strictObject(schemeRef),
    output: z.object({ scheme: schemeViewSchema, ranking: z.array(cardRowSchema) }),
  }),
  schemeSave: defineAction({
    summary: '新建或修改考评方案草稿（考评项、分值、计分规则、参评单位）',
    roles: staff,
    input: schemeSaveInputSchema,
    output: schemeViewSchema,
  }),
  schemeOpen: defineAction({
    summary: '启动考评：为参评单位生成考评表，单位开始上传材料（考评项不再修改）',
    roles: staff,
    input: z.strictObject({ ...schemeRef, version: z.number().int().nonnegative() }),
    output: schemeViewSchema,
  }),

  // ---------------------------------------------------------------------------------------- 考评表
  reviewQueue: defineAction({
    effect: 'read',
    summary: '待审核材料（有待审核项的单位，最早提交的在前；一个方案最多 100 个参评单位）',
    roles: staff,
    input: z.strictObject(schemeRef),
    output: z.object({
      items: z.array(
        z.object({
          unit: z.object({ id: z.string(), name: z.string() }),
          pending: z.number().int(),
          items: z.array(z.object({ itemId: z.string(), title: z.string(), submittedAt: z.string(), round: z.number().int() })),
        }),
      ),
    }),
  }),
  cardDetail: defineAction({
    effect: 'read',
    summary: '单位考评表（各项材料、审核、得分与数据依据）；责任单位只能查看本单位的',
    roles: staffOrUnit,
    input: z.strictObject({ ...schemeRef, unitId: idSchema.optional().meta({ title: '单位' }) }),
    output: z.object({ scheme: schemeCardSchema, card: cardViewSchema }),
  }),
  submitMaterial: defineAction({
    summary: '责任单位上传考评材料（图片与说明），提交后等待审核',
    roles: ['unit'],
    input: z.strictObject({
      ...itemRef,
      ...rev,
      files: z
        .array(fileIdSchema)
        .min(1, '请至少上传 1 个材料文件')
        .max(MATERIAL_FILES_MAX, `最多上传 ${MATERIAL_FILES_MAX} 个材料文件`)
        .refine((ids) => new Set(ids).size === ids.length, '材料文件重复')
        .meta({ title: '材料' }),
      note: materialNoteSchema.meta({ title: '材料说明' }),
    }),
    output: cardViewSchema,
  }),
  review: defineAction({
    summary: '审核材料：通过并评分，或退回补充（须写明意见）',
    roles: staff,
    input: z
      .strictObject({
        ...itemRef,
        ...rev,
        unitId: idSchema.meta({ title: '单位' }),
        verdict: z.enum(['approved', 'returned']).meta({ title: '审核结果' }),
        score: enteredScoreSchema.optional(),
        comment: reviewCommentSchema.default('').meta({ title: '审核意见' }),
      })
      .superRefine((v, ctx) => {
        if (v.verdict === 'approved' && v.score === undefined) ctx.addIssue({ code: 'custom', message: '审核通过请填写得分', path: ['score'] })
        if (v.verdict === 'returned' && v.comment.length < 2) ctx.addIssue({ code: 'custom', message: '退回补充请写明需要补充的内容', path: ['comment'] })
      }),
    output: cardViewSchema,
  }),
  fieldScore: defineAction({
    summary: '录入实地考察（督查）得分',
    roles: staff,
    input: z.strictObject({
      ...itemRef,
      ...rev,
      unitId: idSchema.meta({ title: '单位' }),
      score: enteredScoreSchema,
      comment: reviewCommentSchema.default('').meta({ title: '督查情况' }),
    }),
    output: cardViewSchema,
  }),
  setTeam: defineAction({
    summary: '设置参评单位的志愿服务队（周五环境整治出勤率按该队统计）',
    roles: staff,
    input: z.strictObject({ ...schemeRef, unitId: idSchema.meta({ title: '单位' }), teamId: idSchema.nullable().meta({ title: '志愿服务队' }) }),
    output: cardViewSchema,
  }),
  recompute: defineAction({
    summary: '按考评周期的数据重新计算数据评分项（按时整改率、督办、周五环境整治出勤率、问卷测评）',
    roles: staff,
    input: z.strictObject(schemeRef),
    output: z.object({ computedAt: z.string(), units: z.number().int(), items: z.number().int(), changed: z.number().int() }),
  }),

  // ---------------------------------------------------------------------------------------------- 通报
  publish: defineAction({
    summary: '发布考评通报（按总分排名，编号；发布后方案和得分不再修改）',
    roles: staff,
    input: z.strictObject({ ...schemeRef, version: z.number().int().nonnegative(), summary: bulletinSummarySchema.default('').meta({ title: '通报说明' }) }),
    output: bulletinViewSchema,
  }),
  bulletinList: defineAction({
    effect: 'read',
    summary: '已发布的考评通报（最新在前）',
    roles: staffOrUnit,
    input: z.strictObject(page),
    output: pageOf(bulletinCardSchema),
  }),
  bulletinDetail: defineAction({
    effect: 'read',
    summary: '考评通报全文（排名、各单位总分与分类得分）',
    roles: staffOrUnit,
    input: z.strictObject({ id: idSchema }),
    output: bulletinViewSchema,
  }),
  myCards: defineAction({
    effect: 'read',
    summary: '本单位的考评表（进行中和已通报的方案，总分与当前名次）',
    roles: ['unit'],
    input: z.strictObject({ cursor: cursorSchema.optional(), limit: z.number().int().min(1).max(10).default(10) }),
    output: pageOf(z.object({ scheme: schemeCardSchema, total: z.number(), rank: z.number().int(), of: z.number().int(), pending: z.number().int(), todo: z.number().int(), returned: z.number().int() })),
  }),
})
