import { z } from 'zod'
import { defineAction, defineContract } from '../core/contract'
import { dayNumberOf, dayStringSchema } from '../board/period'
import { reportStatusSchema } from '../report/status'
import { ratioSchema } from '../report/stats'
import { BUCKETS, MAX_PERIOD_DAYS, type Bucket } from '../stats/series'
import { areaFlowsSchema, unitCountsSchema } from '../stats/schemas'

import { METRICS } from '../survey/constants'

const STAFF = ['staff', 'admin'] as const

/** A period of whole China calendar days, `YYYY-MM-DD`, inclusive. */
const periodShape = {
  from: dayStringSchema.meta({ title: '起始日' }),
  to: dayStringSchema.meta({ title: '截止日' }),
}
const periodLength = (v: { from: string; to: string }) => (dayNumberOf(v.to) ?? 0) - (dayNumberOf(v.from) ?? 0) + 1
const periodInput = <B extends boolean>(withBucket: B) =>
  z
    .strictObject({ ...periodShape, bucket: z.enum(BUCKETS).default('day').meta({ title: '时间粒度' }) })
    .refine((v) => v.from <= v.to, { message: '起始日不能晚于截止日', path: ['from'] })
    .refine((v) => periodLength(v) <= MAX_PERIOD_DAYS[withBucket ? (v.bucket as Bucket) : 'month'], {
      message: withBucket ? '统计期过长：按日最多 92 天，按周最多 371 天，按月最多 731 天' : '统计期最多 731 天',
      path: ['to'],
    })

const namedCount = z.object({ id: z.string(), name: z.string(), count: z.number().int() })

export const rankingRowSchema = z.object({
  rank: z.number().int().positive().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  closed: z.number().int(),
  onTimeRate: ratioSchema,
  avgHandlingHours: z.number().nullable(),
  avgCloseHours: z.number().nullable(),
  overdue: z.number().int(),
  escalations: z.number().int(),
})
export type RankingRow = z.infer<typeof rankingRowSchema>

/** A published 通报 as everyone reads it (who published it stays in the 操作日志). */
export const rankingViewSchema = z.object({
  no: z.number().int().positive(),
  title: z.string(),
  from: z.string(),
  to: z.string(),
  publishedAt: z.string(),
  note: z.string(),
  rule: z.string(),
  definitions: z.array(z.string()),
  rows: z.array(rankingRowSchema),
})
export type RankingView = z.infer<typeof rankingViewSchema>

/** How fresh the figures are: the time of the last timeline event counted, and whether more are waiting. */
const freshness = { asOf: z.string().nullable(), pending: z.boolean() }

const rateSchema = z.object({ rate: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable(), n: z.number().int() })

export const statsContract = defineContract('stats', {
  overview: defineAction({
    summary: '数据看板：随手拍按状态、类别、区县和时间统计，各责任单位按时整改率、平均用时、超期和督办',
    roles: STAFF,
    effect: 'read',
    input: periodInput(true),
    output: z.object({
      ...freshness,
      from: z.string(),
      to: z.string(),
      bucket: z.enum(BUCKETS),
      totals: z.object({
        submitted: z.number().int(),
        accepted: z.number().int(),
        closed: z.number().int(),
        rejected: z.number().int(),
        duplicate: z.number().int(),
        outOfScope: z.number().int(),
        reopened: z.number().int(),
        escalated: z.number().int(),
        avgCloseHours: z.number().nullable(),
      }),
      /** Reports in each status now (not a period figure). */
      statusNow: z.array(z.object({ status: reportStatusSchema, count: z.number().int() })),
      series: z.array(z.object({ key: z.string(), label: z.string(), submitted: z.number().int(), accepted: z.number().int(), closed: z.number().int(), escalated: z.number().int() })),
      districts: z.array(z.object({ id: z.string(), name: z.string() }).extend(areaFlowsSchema.shape)),
      categories: z.array(z.object({ id: z.string(), name: z.string() }).extend(areaFlowsSchema.shape)),
      units: z.array(rankingRowSchema.extend({ counts: unitCountsSchema })),
    }),
  }),
  myUnit: defineAction({
    summary: '本单位的整改数据：统计期内销号、按时整改率、平均用时、超期未整改、督办，全市名次和趋势（只含本单位）',
    roles: ['unit'],
    effect: 'read',
    input: periodInput(true),
    output: z.object({
      ...freshness,
      from: z.string(),
      to: z.string(),
      bucket: z.enum(BUCKETS),
      unit: rankingRowSchema.extend({ counts: unitCountsSchema }),
      /** How many units have a place in the period's ranking (the unit's place is among these). */
      ranked: z.number().int(),
      series: z.array(z.object({ key: z.string(), label: z.string(), dispatched: z.number().int(), rectified: z.number().int(), closed: z.number().int(), escalations: z.number().int() })),
    }),
  }),
  hotspots: defineAction({
    summary: '热点：统计期内问题反复出现的约100米网格和网格/微网格',
    roles: STAFF,
    effect: 'read',
    input: periodInput(false).transform(({ from, to }) => ({ from, to })),
    output: z.object({
      ...freshness,
      box: z.object({ minLat: z.number(), maxLat: z.number(), minLng: z.number(), maxLng: z.number() }).nullable(),
      cells: z.array(z.object({ key: z.string(), lat: z.number(), lng: z.number(), count: z.number().int() })),
      grids: z.array(namedCount),
      /** District centres, to find one's way on the schematic map. */
      landmarks: z.array(z.object({ name: z.string(), lat: z.number(), lng: z.number() })),
      total: z.number().int(),
    }),
  }),
  volunteers: defineAction({
    summary: '志愿服务：注册人数，统计期所在各月的活跃人数和已确认时长',
    roles: STAFF,
    effect: 'read',
    input: periodInput(false).transform(({ from, to }) => ({ from, to })),
    output: z.object({
      registered: z.number().int(),
      pending: z.number().int(),
      months: z.array(z.object({ month: z.string(), active: z.number().int(), hours: z.number(), services: z.number().int() })),
    }),
  }),
  surveys: defineAction({
    summary: '问卷：各期知晓率、支持率、满意度、参与率（含95%置信区间）',
    roles: STAFF,
    effect: 'read',
    input: z.strictObject({}),
    output: z.object({
      series: z.array(
        z.object({
          seriesId: z.string(),
          title: z.string(),
          waves: z.array(z.object({ surveyId: z.string(), wave: z.number().int(), title: z.string(), opensAt: z.string(), responses: z.number().int(), metrics: z.array(rateSchema.extend({ metric: z.enum(METRICS), label: z.string() })) })),
        }),
      ),
    }),
  }),
  publishRanking: defineAction({
    summary: '发布责任单位排名通报（按统计期，发布后不可修改）',
    roles: STAFF,
    effect: 'write',
    input: z.strictObject({
      ...periodShape,
      title: z.string().trim().min(2, '标题至少 2 个字').max(60, '标题最多 60 个字'),
      note: z.string().trim().max(500, '说明最多 500 字').default(''),
    }).refine((v) => v.from <= v.to, { message: '起始日不能晚于截止日', path: ['from'] }),
    output: rankingViewSchema,
  }),
  rankings: defineAction({
    summary: '已发布的责任单位排名通报（公开），新的在前',
    roles: ['resident'],
    effect: 'read',
    input: z.strictObject({
      beforeNo: z.number().int().positive().optional().meta({ title: '从此期之前' }),
      limit: z.number().int().min(1).max(50, '每页最多 50 期').default(20),
    }),
    output: z.object({ items: z.array(rankingViewSchema.omit({ rows: true, definitions: true, rule: true }).extend({ units: z.number().int() })), hasMore: z.boolean() }),
  }),
  ranking: defineAction({
    summary: '一期责任单位排名通报（公开）',
    roles: ['resident'],
    effect: 'read',
    input: z.strictObject({ no: z.number().int().positive().meta({ title: '期号' }) }),
    output: rankingViewSchema,
  }),
})

export type StatsOverview = z.infer<(typeof statsContract)['actions']['overview']['output']>
