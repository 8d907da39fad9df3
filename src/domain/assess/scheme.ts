import { z } from 'zod'
import { idSchema, isoSchema, textSchema } from '../report/fields'
import { unitTypeSchema } from '../city/unit'
import {
  DATA_METRICS,
  ITEM_KINDS,
  MATERIAL_FILES_MAX,
  SCHEME_KINDS,
  SCHEME_STATUSES,
  SCORE_STEP,
  SURVEY_METRICS,
} from './labels'
import { ruleProblem, type DataRule } from './scoring'

/**
 * 考评方案 (`assess_schemes`): a period's assessment for a set of units — items (考评项) with their points,
 * grouped as the seed city's 考评细则 are (思想道德基础, 八大环境, 督办单任务 …). Items are frozen once the
 * scheme opens, so every unit is scored against the same list.
 */

export const schemeKindSchema = z.enum(SCHEME_KINDS)
export const itemKindSchema = z.enum(ITEM_KINDS)
export const dataMetricSchema = z.enum(DATA_METRICS)
export const surveyMetricSchema = z.enum(SURVEY_METRICS)
export const schemeStatusSchema = z.enum(SCHEME_STATUSES)

export const ITEMS_MAX = 40
export const POINTS_MAX = 100
export const SCOPE_UNITS_MAX = 100

/** A score staff enter: 0 … points, in steps of 0.5 (checked against the item's points by the handler). */
export const enteredScoreSchema = z
  .number()
  .min(0, '得分不能为负')
  .max(POINTS_MAX, `得分最多 ${POINTS_MAX} 分`)
  .refine((n) => Number.isInteger(n / SCORE_STEP), `得分以 ${SCORE_STEP} 分为单位`)
  .meta({ title: '得分' })

const pointsSchema = z
  .number()
  .min(SCORE_STEP, `分值至少 ${SCORE_STEP} 分`)
  .max(POINTS_MAX, `分值最多 ${POINTS_MAX} 分`)
  .refine((n) => Number.isInteger(n / SCORE_STEP), `分值以 ${SCORE_STEP} 分为单位`)
  .meta({ title: '分值' })

const shareSchema = z.number().min(0, '比例在 0 到 1 之间').max(1, '比例在 0 到 1 之间')

export const scoringSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('linear'), zeroAt: shareSchema.meta({ title: '得0分的比例' }), fullAt: shareSchema.meta({ title: '得满分的比例' }) }),
  z.strictObject({
    type: z.literal('deduct'),
    per: z.number().min(0.1, '每次扣分至少 0.1 分').max(POINTS_MAX).meta({ title: '每次扣分' }),
    free: z.number().int().min(0).max(100).default(0).meta({ title: '不扣分的次数' }),
  }),
])

export const dataRuleSchema = z
  .strictObject({
    metric: dataMetricSchema.meta({ title: '数据指标' }),
    scoring: scoringSchema,
    noData: z.enum(['full', 'zero']).meta({ title: '无数据时' }),
    surveyId: idSchema.nullable().default(null).meta({ title: '问卷' }),
    surveyMetric: surveyMetricSchema.nullable().default(null).meta({ title: '问卷指标' }),
  })
  .superRefine((r, ctx) => {
    const problem = ruleProblem(r as DataRule)
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['scoring'] })
  })

export const itemIdSchema = z.string().regex(/^i[0-9]{1,3}$/, '考评项编号格式不正确')

export const itemSchema = z
  .strictObject({
    id: itemIdSchema,
    /** 考评类别, e.g. 思想道德基础 / 督办单任务. */
    group: textSchema(1, 20, '考评类别'),
    title: textSchema(2, 60, '考评项名称'),
    /** 考评标准: what the unit must show / how staff score. */
    guide: textSchema(0, 300, '考评标准').default(''),
    points: pointsSchema,
    kind: itemKindSchema.meta({ title: '评分方式' }),
    rule: dataRuleSchema.nullable().default(null),
  })
  .superRefine((item, ctx) => {
    if (item.kind === 'data' && !item.rule) ctx.addIssue({ code: 'custom', message: '数据评分项须设置数据指标和计分规则', path: ['rule'] })
    if (item.kind !== 'data' && item.rule) ctx.addIssue({ code: 'custom', message: '只有数据评分项设置计分规则', path: ['rule'] })
  })
export type SchemeItem = z.output<typeof itemSchema>
export type SchemeItemInput = z.input<typeof itemSchema>

/** Which units are assessed: every active unit of these types, plus these units. */
export const scopeSchema = z.strictObject({
  unitTypes: z.array(unitTypeSchema).max(20).default([]).meta({ title: '单位类型' }),
  unitIds: z.array(idSchema).max(SCOPE_UNITS_MAX).default([]).meta({ title: '指定单位' }),
})
export type SchemeScope = z.output<typeof scopeSchema>

/** A unit's 志愿服务队, whose 周五环境整治 attendance is the unit's turnout. */
export const teamLinkSchema = z.strictObject({ unitId: idSchema, teamId: idSchema })

export const periodSchema = z.strictObject({
  /** e.g. 2026年第四季度. */
  label: textSchema(2, 30, '考评周期'),
  start: isoSchema.meta({ title: '开始时间' }),
  end: isoSchema.meta({ title: '结束时间' }),
})
export type Period = z.output<typeof periodSchema>

const itemsSchema = z
  .array(itemSchema)
  .min(1, '请至少设置 1 个考评项')
  .max(ITEMS_MAX, `最多 ${ITEMS_MAX} 个考评项`)
  .refine((items) => new Set(items.map((i) => i.id)).size === items.length, '考评项编号重复')
  .meta({ title: '考评项' })

export const schemeSaveInputSchema = z
  .strictObject({
    /** Absent: a new draft. */
    id: idSchema.optional(),
    version: z.number().int().nonnegative().optional(),
    title: textSchema(4, 60, '方案名称'),
    kind: schemeKindSchema.meta({ title: '考评类型' }),
    period: periodSchema,
    scope: scopeSchema,
    teams: z.array(teamLinkSchema).max(SCOPE_UNITS_MAX).default([]).meta({ title: '单位志愿服务队' }),
    items: itemsSchema,
  })
  .superRefine((s, ctx) => {
    if (Date.parse(s.period.end) <= Date.parse(s.period.start)) ctx.addIssue({ code: 'custom', message: '结束时间应晚于开始时间', path: ['period', 'end'] })
    if (!s.scope.unitTypes.length && !s.scope.unitIds.length) ctx.addIssue({ code: 'custom', message: '请选择参加考评的单位类型或单位', path: ['scope'] })
  })
export type SchemeSaveInput = z.output<typeof schemeSaveInputSchema>

export interface StaffRef {
  id: string
  name: string
}

export interface SchemeDoc {
  _id: string
  title: string
  kind: z.output<typeof schemeKindSchema>
  period: Period
  scope: SchemeScope
  teams: { unitId: string; teamId: string }[]
  items: SchemeItem[]
  totalPoints: number
  status: z.output<typeof schemeStatusSchema>
  /** Units the scheme opened with (cards made). */
  unitCount: number
  /** Last time the data items were computed. */
  computedAt: string | null
  bulletinId: string | null
  createdBy: StaffRef
  createdAt: string
  updatedAt: string
  openedAt: string | null
  publishedAt: string | null
  version: number
}

export const totalPoints = (items: readonly Pick<SchemeItem, 'points'>[]): number => Math.round(items.reduce((s, i) => s + i.points, 0) * 10) / 10

/** Why the scheme cannot open yet, or null. */
export function openProblem(s: Pick<SchemeDoc, 'items' | 'status'>): string | null {
  if (s.status !== 'draft') return '方案已启动，不能重复启动'
  const survey = s.items.find((i) => i.rule?.metric === 'survey_rate' && !i.rule.surveyId)
  if (survey) return `请为考评项「${survey.title}」选择问卷`
  return null
}

// ---------------------------------------------------------------------------------------------------- views

export const staffRefSchema = z.object({ id: z.string(), name: z.string() })

export const schemeItemViewSchema = z.object({
  id: z.string(),
  group: z.string(),
  title: z.string(),
  guide: z.string(),
  points: z.number(),
  kind: itemKindSchema,
  rule: z
    .object({
      metric: dataMetricSchema,
      scoring: z.union([
        z.object({ type: z.literal('linear'), zeroAt: z.number(), fullAt: z.number() }),
        z.object({ type: z.literal('deduct'), per: z.number(), free: z.number() }),
      ]),
      noData: z.enum(['full', 'zero']),
      surveyId: z.string().nullable(),
      surveyMetric: surveyMetricSchema.nullable(),
    })
    .nullable(),
  /** The scoring rule in words (data items). */
  ruleText: z.string().nullable(),
})

export const schemeCardSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: schemeKindSchema,
  period: z.object({ label: z.string(), start: z.string(), end: z.string() }),
  status: schemeStatusSchema,
  totalPoints: z.number(),
  itemCount: z.number().int(),
  unitCount: z.number().int(),
  updatedAt: z.string(),
  bulletinId: z.string().nullable(),
})
export type SchemeCard = z.infer<typeof schemeCardSchema>

export const schemeViewSchema = schemeCardSchema.extend({
  scope: z.object({ unitTypes: z.array(unitTypeSchema), unitIds: z.array(z.string()) }),
  teams: z.array(z.object({ unitId: z.string(), teamId: z.string() })),
  items: z.array(schemeItemViewSchema),
  computedAt: z.string().nullable(),
  createdBy: staffRefSchema,
  openedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  version: z.number().int(),
})
export type SchemeView = z.infer<typeof schemeViewSchema>

export const MATERIAL_NOTE_MAX = 500
export const materialNoteSchema = textSchema(2, MATERIAL_NOTE_MAX, '材料说明')
export const reviewCommentSchema = textSchema(0, 200, '审核意见')
export { MATERIAL_FILES_MAX }
