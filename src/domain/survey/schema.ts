/**
 * 问卷调查 schemas (zod): what the contract accepts and returns, and the stored documents. The plain types
 * the pure modules work with live in `constants.ts`; the checks at the bottom keep both in step.
 * Inputs use only checks JSON Schema can express (the cross-field rules are `definition.ts`'s).
 */
import { z } from 'zod'
import { idSchema } from '../contracts/common'
import { isoDateTime } from '../shared/time'
import {
  AUDIENCES,
  CARELESS_FLAGS,
  CHANNELS,
  KEY_PATTERN,
  LIMITS,
  METRICS,
  QUESTION_KINDS,
  SURVEY_PHASES,
  SURVEY_STATUSES,
  type Answers,
  type CarelessFlag,
  type Channel,
  type SurveyDefinition,
  type SurveyQuestion,
  type SurveyStatus,
} from './constants'
import type { TallyCounts } from './tally'

export const keySchema = z.string().regex(KEY_PATTERN, '编号格式不正确')

export const optionSchema = z
  .object({
    id: keySchema,
    label: z.string().max(LIMITS.optionLabel, `选项最多 ${LIMITS.optionLabel} 个字`).meta({ title: '选项' }),
  })
  .strict()

export const showIfSchema = z
  .object({
    questionId: keySchema.meta({ title: '依据的题目' }),
    anyOf: z.array(keySchema).max(LIMITS.options).meta({ title: '满足的选项' }),
  })
  .strict()

const choicesBound = z.number().int().min(0).max(LIMITS.options).nullable()

export const questionSchema = z
  .object({
    id: keySchema.meta({ title: '题目编号' }),
    kind: z.enum(QUESTION_KINDS).meta({ title: '题型' }),
    title: z.string().max(LIMITS.questionTitle, `题目最多 ${LIMITS.questionTitle} 个字`).meta({ title: '题目' }),
    description: z.string().max(LIMITS.questionDescription).meta({ title: '题目说明' }),
    required: z.boolean().meta({ title: '是否必答' }),
    options: z.array(optionSchema).max(LIMITS.options, `最多 ${LIMITS.options} 个选项`).meta({ title: '选项' }),
    minChoices: choicesBound.meta({ title: '最少选择项数' }),
    maxChoices: choicesBound.meta({ title: '最多选择项数' }),
    showIf: showIfSchema.nullable().meta({ title: '显示条件' }),
    metric: z.enum(METRICS).nullable().meta({ title: '统计指标' }),
    positive: z.array(keySchema).max(LIMITS.options).meta({ title: '正向答案' }),
  })
  .strict()

export const definitionSchema = z
  .object({
    title: z.string().max(LIMITS.title, `标题最多 ${LIMITS.title} 个字`).meta({ title: '问卷标题' }),
    intro: z.string().max(LIMITS.intro, `说明最多 ${LIMITS.intro} 个字`).meta({ title: '问卷说明' }),
    opensAt: isoDateTime().meta({ title: '开始时间' }),
    closesAt: isoDateTime().meta({ title: '截止时间' }),
    audience: z.enum(AUDIENCES).meta({ title: '调查对象' }),
    districtId: idSchema.nullable().meta({ title: '辖区' }),
    anonymous: z.boolean().meta({ title: '匿名' }),
    showResults: z.boolean().meta({ title: '提交后展示结果' }),
    allowAssisted: z.boolean().meta({ title: '允许工作人员代录' }),
    questions: z.array(questionSchema).max(LIMITS.questions, `最多 ${LIMITS.questions} 道题`).meta({ title: '题目' }),
  })
  .strict()

/** Answers by question id: an option id, a list of option ids (multiple choice) or text. */
export const answersSchema = z
  .record(
    z.string().max(16),
    z.union([z.string().max(LIMITS.textarea + 200), z.array(z.string().max(16)).max(LIMITS.options)]),
  )
  .meta({ title: '答案' })

// ------------------------------------------------------------------------------------------ stored

/** `surveys`: the definition (dates as Date) plus its lifecycle. `_id` e.g. `sv-m1abc2-x7k`. */
export interface SurveyDoc extends Omit<SurveyDefinition, 'opensAt' | 'closesAt'> {
  _id: string
  opensAt: Date | string
  closesAt: Date | string
  status: SurveyStatus
  /** The first wave's id; every wave of the same questionnaire shares it (results compare waves). */
  seriesId: string
  /** 1, 2, … within the series. */
  wave: number
  /** Bumped by every edit; edits and publish must name the revision they were made against. */
  revision: number
  /** The audience district's name, kept with the survey so lists need no join. */
  districtName: string | null
  createdBy: string
  createdAt: Date | string
  updatedAt: Date | string
  publishedAt: Date | string | null
  closedAt: Date | string | null
}

/**
 * `survey_tallies`: `_id` `<surveyId>__all` (the whole survey; holds the respondent sequence) or
 * `<surveyId>__<districtId>`. Counts as in `tally.ts`.
 */
export interface TallyDoc extends TallyCounts {
  _id: string
  surveyId: string
  districtId: string | null
  /** `__all` only: the last respondent number handed out. */
  seq?: number
  /** `__all` only: the survey revision answers were last checked against (edits race with submits on it). */
  rev?: number
  updatedAt: Date | string
}

/**
 * `survey_responses`: one submitted questionnaire, `_id` `<surveyId>_<no>`. Holds no phone or ID number;
 * OPENID and nickname only when the survey is not anonymous (export never includes either).
 */
export interface ResponseDoc {
  _id: string
  surveyId: string
  /** Respondent number within the survey (1, 2, …): the stable anonymous id exports use. */
  no: number
  channel: Channel
  districtId: string
  answers: Answers
  /** Questions shown to this respondent (show-if evaluated at submit). */
  visible: string[]
  flags: CarelessFlag[]
  /** Which tally bucket it is in: counted, or flagged and shown separately. */
  bucket: 'm' | 'f'
  elapsedMs: number | null
  submittedAt: Date | string
  openid: string | null
  nickname: string | null
  /** 代录: who entered it and the paper form's number. */
  enteredBy: string | null
  paperNo: string | null
  /** A flagged response staff reviewed and counted. */
  review: { by: string; at: Date | string } | null
}

/**
 * `survey_claims`: who has answered, `_id` `<surveyId>_o<hash of OPENID>` or `<surveyId>_p<hash of person
 * key>` (see `person.ts`); created in the submit transaction, so a second claim of the same id fails.
 */
export interface ClaimDoc {
  _id: string
  surveyId: string
  responseId: string
  kind: 'user' | 'person'
  at: Date | string
}

/** `survey_texts`: one free-text answer, `_id` `<responseId>_<questionId>`, for the paged, searchable list. */
export interface TextDoc {
  _id: string
  surveyId: string
  questionId: string
  districtId: string
  no: number
  text: string
  bucket: 'm' | 'f'
  submittedAt: Date | string
}

/** `survey_profiles`: `_id` = OPENID; the district picked at first answer and the hashed mobile number. */
export interface ProfileDoc {
  _id: string
  districtId: string | null
  /** Secret-keyed hash of the normalised mobile number (never the number). */
  personKey: string | null
  updatedAt: Date | string
}

// -------------------------------------------------------------------------------------------- views

export const phaseSchema = z.enum(SURVEY_PHASES)
export const statusSchema = z.enum(SURVEY_STATUSES)

export const surveySummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  status: statusSchema,
  phase: phaseSchema,
  opensAt: isoDateTime(),
  closesAt: isoDateTime(),
  audience: z.enum(AUDIENCES),
  districtId: z.string().nullable(),
  districtName: z.string().nullable(),
  anonymous: z.boolean(),
  showResults: z.boolean(),
  allowAssisted: z.boolean(),
  seriesId: z.string(),
  wave: z.number().int(),
  questionCount: z.number().int(),
  updatedAt: isoDateTime(),
})
export type SurveySummary = z.infer<typeof surveySummarySchema>

/** Staff list item: with its response counts (read from the `__all` tallies of the page). */
export const surveyListItemSchema = surveySummarySchema.extend({
  responses: z.number().int(),
  flagged: z.number().int(),
})
export type SurveyListItem = z.infer<typeof surveyListItemSchema>

/** Staff detail: everything needed to edit, with what the edit rules allow. */
export const surveyDetailSchema = surveySummarySchema.extend({
  revision: z.number().int(),
  definition: definitionSchema,
  responses: z.number().int(),
  /** True once anyone answered: only wording may change (see `compat.ts`). */
  locked: z.boolean(),
  publishedAt: isoDateTime().nullable(),
  closedAt: isoDateTime().nullable(),
})
export type SurveyDetail = z.infer<typeof surveyDetailSchema>

/** A question as respondents get it: no metric tags or positive answers. */
export const answerQuestionSchema = questionSchema.omit({ metric: true, positive: true })

export const answerSurveySchema = surveySummarySchema.extend({
  intro: z.string(),
  questions: z.array(answerQuestionSchema),
})
export type AnswerSurvey = z.infer<typeof answerSurveySchema>

export const profileViewSchema = z.object({
  districtId: z.string().nullable(),
  districtName: z.string().nullable(),
  hasMobile: z.boolean(),
})
export type ProfileView = z.infer<typeof profileViewSchema>

export const openSurveyItemSchema = surveySummarySchema.extend({
  intro: z.string(),
  answered: z.boolean(),
  /** Why this person cannot answer it (another district …), or null. */
  blockedReason: z.string().nullable(),
})
export type OpenSurveyItem = z.infer<typeof openSurveyItemSchema>

export const rateSchema = z.object({
  positive: z.number(),
  answers: z.number().int(),
  n: z.number().int(),
  rate: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
})

export const metricResultSchema = rateSchema.extend({
  metric: z.enum(METRICS),
  label: z.string(),
  questions: z.array(z.string()),
})

export const questionResultSchema = z.object({
  id: z.string(),
  kind: z.enum(QUESTION_KINDS),
  title: z.string(),
  metric: z.enum(METRICS).nullable(),
  conditional: z.boolean(),
  shown: z.number().int(),
  answered: z.number().int(),
  options: z.array(
    z.object({ id: z.string(), label: z.string(), count: z.number().int(), share: z.number().nullable(), positive: z.boolean() }),
  ),
  rate: rateSchema.nullable(),
})
export type QuestionResult = z.infer<typeof questionResultSchema>

export const districtResultSchema = z.object({
  districtId: z.string(),
  name: z.string(),
  responses: z.number().int(),
  assisted: z.number().int(),
  flagged: z.number().int(),
  metrics: z.array(metricResultSchema),
})
export type DistrictResult = z.infer<typeof districtResultSchema>

export const waveResultSchema = z.object({
  surveyId: z.string(),
  wave: z.number().int(),
  title: z.string(),
  phase: phaseSchema,
  opensAt: isoDateTime(),
  responses: z.number().int(),
  metrics: z.array(metricResultSchema),
})
export type WaveResult = z.infer<typeof waveResultSchema>

export const resultsSchema = z.object({
  survey: surveySummarySchema,
  totals: z.object({
    /** Counted responses (the rates' basis). */
    responses: z.number().int(),
    online: z.number().int(),
    assisted: z.number().int(),
    /** Flagged as careless: not in the rates, shown separately. */
    flagged: z.number().int(),
  }),
  metrics: z.array(metricResultSchema),
  districts: z.array(districtResultSchema),
  waves: z.array(waveResultSchema),
  questions: z.array(questionResultSchema),
  flagged: z.object({
    responses: z.number().int(),
    metrics: z.array(metricResultSchema),
  }),
})
export type SurveyResults = z.infer<typeof resultsSchema>

/** What respondents may see when staff allow it: overall rates and the choice questions' charts. */
export const publicResultsSchema = z.object({
  survey: surveySummarySchema,
  responses: z.number().int(),
  metrics: z.array(metricResultSchema),
  questions: z.array(questionResultSchema),
})
export type PublicResults = z.infer<typeof publicResultsSchema>

export const textAnswerSchema = z.object({
  no: z.number().int(),
  text: z.string(),
  districtName: z.string(),
  flagged: z.boolean(),
  submittedAt: isoDateTime(),
})

export const responseItemSchema = z.object({
  id: z.string(),
  no: z.number().int(),
  channel: z.enum(CHANNELS),
  districtName: z.string(),
  flags: z.array(z.enum(CARELESS_FLAGS)),
  counted: z.boolean(),
  reviewed: z.boolean(),
  elapsedMs: z.number().nullable(),
  submittedAt: isoDateTime(),
  /** Nickname for named surveys; null when anonymous. */
  respondent: z.string().nullable(),
  paperNo: z.string().nullable(),
})
export type ResponseItem = z.infer<typeof responseItemSchema>

// ------------------------------------------------------------------- compile-time agreement checks

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
const agree = <T extends true>(_: T) => _
agree<Equal<z.infer<typeof questionSchema>, SurveyQuestion>>(true)
agree<Equal<z.infer<typeof definitionSchema>, SurveyDefinition>>(true)
