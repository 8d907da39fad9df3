import { z } from 'zod'
import { defineAction, defineContract } from '../core/contract'
import { LIMITS, SURVEY_STATUSES } from '../survey/constants'
import { TEMPLATE_IDS } from '../survey/template'
import {
  answerSurveySchema,
  answersSchema,
  definitionSchema,
  keySchema,
  openSurveyItemSchema,
  profileViewSchema,
  publicResultsSchema,
  responseItemSchema,
  resultsSchema,
  surveyDetailSchema,
  surveyListItemSchema,
  textAnswerSchema,
} from '../survey/schema'
import { idSchema, pageInput, pageOf } from './common'

/**
 * 问卷调查 (`survey` cloud function). Staff (创城办) and admins build, publish, close, analyse and export
 * surveys and enter paper questionnaires (代录); residents answer the open surveys meant for them, once.
 * Answers are validated against the survey's own definition on the server; edits of a survey with answers
 * are limited to wording (structural changes are a new wave via `duplicate`).
 */

const STAFF = ['staff', 'admin'] as const
const byId = { id: idSchema.meta({ title: '问卷' }) }
const revision = z.number().int().min(0).meta({ title: '版本' })

export const surveyContract = defineContract('survey', {
  // ------------------------------------------------------------------------------------------ staff
  list: defineAction({
    effect: 'read',
    summary: '问卷列表（创城办、管理员；可按状态筛选），含答卷数',
    roles: STAFF,
    input: z.object({ status: z.enum(SURVEY_STATUSES).optional().meta({ title: '状态' }), ...pageInput }).strict(),
    output: pageOf(surveyListItemSchema),
  }),
  get: defineAction({
    effect: 'read',
    summary: '问卷详情（编辑、预览用）',
    roles: STAFF,
    input: z.object(byId).strict(),
    output: surveyDetailSchema,
  }),
  create: defineAction({
    summary: '新建问卷草稿：从模板（全国文明城市创建市民问卷）或给定内容',
    roles: STAFF,
    input: z
      .object({
        template: z.enum(TEMPLATE_IDS).optional().meta({ title: '模板' }),
        definition: definitionSchema.optional(),
      })
      .strict(),
    output: surveyDetailSchema,
  }),
  update: defineAction({
    summary: '修改问卷（已有答卷时只能修改文字）',
    roles: STAFF,
    input: z.object({ ...byId, revision, definition: definitionSchema }).strict(),
    output: surveyDetailSchema,
  }),
  publish: defineAction({
    summary: '发布问卷',
    roles: STAFF,
    input: z.object({ ...byId, revision }).strict(),
    output: surveyDetailSchema,
  }),
  close: defineAction({
    summary: '结束问卷（可提前结束）',
    roles: STAFF,
    input: z.object(byId).strict(),
    output: surveyDetailSchema,
  }),
  duplicate: defineAction({
    summary: '复制为下一轮（新草稿，结果可与以往各轮对比）',
    roles: STAFF,
    input: z.object(byId).strict(),
    output: surveyDetailSchema,
  }),
  discard: defineAction({
    summary: '删除草稿',
    roles: STAFF,
    input: z.object(byId).strict(),
    output: z.object({ id: z.string() }),
  }),
  results: defineAction({
    effect: 'read',
    summary: '统计结果：各指标比率、样本量与 95% 置信区间（总体、分辖区、历轮对比），各题分布',
    roles: STAFF,
    input: z.object(byId).strict(),
    output: resultsSchema,
  }),
  listTexts: defineAction({
    effect: 'read',
    summary: '填空题回答列表（分页，可搜索关键词）',
    roles: STAFF,
    input: z
      .object({
        ...byId,
        questionId: keySchema.meta({ title: '题目' }),
        search: z.string().max(20, '关键词最多 20 个字').optional().meta({ title: '关键词' }),
        ...pageInput,
      })
      .strict(),
    output: z.object({
      items: z.array(textAnswerSchema),
      /** Where to continue (the list or the search window), or null at the end. */
      nextOffset: z.number().int().nullable(),
      /** Answers looked at by this page (a search reads a bounded window). */
      scanned: z.number().int(),
    }),
  }),
  listResponses: defineAction({
    effect: 'read',
    summary: '答卷列表（可只看疑似敷衍的答卷）',
    roles: STAFF,
    input: z.object({ ...byId, flagged: z.boolean().optional().meta({ title: '只看疑似敷衍' }), ...pageInput }).strict(),
    output: pageOf(responseItemSchema),
  }),
  acceptResponse: defineAction({
    summary: '复核疑似敷衍的答卷后计入统计',
    roles: STAFF,
    input: z.object({ responseId: z.string().max(80).regex(/^[A-Za-z0-9_-]+$/, '编号格式不正确').meta({ title: '答卷' }) }).strict(),
    output: responseItemSchema,
  }),
  assist: defineAction({
    summary: '代录纸质或入户问卷（按手机号/身份证号去重，不保存明文）',
    roles: STAFF,
    input: z
      .object({
        surveyId: idSchema.meta({ title: '问卷' }),
        answers: answersSchema,
        districtId: idSchema.meta({ title: '受访者所在辖区' }),
        personKey: z.string().max(30).meta({ title: '受访者手机号或身份证号' }),
        paperNo: z.string().max(LIMITS.paperNo).optional().meta({ title: '纸质问卷编号' }),
      })
      .strict(),
    output: z.object({ no: z.number().int(), flagged: z.boolean() }),
  }),
  export: defineAction({
    effect: 'export',
    summary: '导出答卷（CSV 或 Excel，不含个人信息），返回临时下载链接',
    roles: STAFF,
    input: z.object({ ...byId, format: z.enum(['csv', 'xlsx']).meta({ title: '格式' }) }).strict(),
    output: z.object({ fileID: z.string(), url: z.string(), fileName: z.string(), rows: z.number().int() }),
  }),

  // --------------------------------------------------------------------------------------- resident
  listOpen: defineAction({
    effect: 'read',
    summary: '我可以参与的问卷（进行中），标明是否已填写',
    roles: ['resident'],
    input: z.object({}).strict(),
    output: z.object({ items: z.array(openSurveyItemSchema), profile: profileViewSchema }),
  }),
  getForAnswer: defineAction({
    effect: 'read',
    summary: '作答用的问卷内容与我的作答状态',
    roles: ['resident'],
    input: z.object(byId).strict(),
    output: z.object({
      survey: answerSurveySchema,
      answered: z.boolean(),
      /** Why this person cannot answer (closed, not the audience …), or null. */
      blockedReason: z.string().nullable(),
      profile: profileViewSchema,
    }),
  }),
  submit: defineAction({
    summary: '提交问卷（每人每份问卷一次）',
    roles: ['resident'],
    input: z
      .object({
        surveyId: idSchema.meta({ title: '问卷' }),
        answers: answersSchema,
        /** Time from first opening the questionnaire on this device (for the careless-answer check). */
        elapsedMs: z.number().int().min(0).max(30 * 24 * 3600 * 1000).meta({ title: '作答用时' }),
        /** The resident's district, asked at their first answer (kept in their survey profile). */
        districtId: idSchema.optional().meta({ title: '所在辖区' }),
        /** Optional mobile number for dedupe with 代录 (kept only as a hash in the profile). */
        mobile: z.string().max(20).optional().meta({ title: '手机号' }),
      })
      .strict(),
    output: z.object({ submittedAt: z.string(), showResults: z.boolean() }),
  }),
  publicResults: defineAction({
    effect: 'read',
    summary: '问卷当前结果（工作人员允许公开时，作答后可见）',
    roles: ['resident'],
    input: z.object(byId).strict(),
    output: publicResultsSchema,
  }),
})
