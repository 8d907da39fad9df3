/**
 * 问卷调查 — constants and plain types shared by the server, the contract and the client.
 *
 * This module (like `logic.ts`, `stats.ts`, `careless.ts`, `definition.ts`, `compat.ts`, `person.ts`,
 * `template.ts`) imports nothing from zod, so the mini-program can import it at runtime: the answer
 * screen evaluates show-if rules and validates answers with the very functions the server runs.
 * The zod schemas in `schema.ts` are checked against these types at compile time.
 */

export const QUESTION_KINDS = ['single', 'multi', 'scale', 'yesno', 'text', 'textarea'] as const
export type QuestionKind = (typeof QUESTION_KINDS)[number]

export const KIND_LABELS: Record<QuestionKind, string> = {
  single: '单选题',
  multi: '多选题',
  scale: '满意度（五级）',
  yesno: '是非题',
  text: '简答题',
  textarea: '问答题',
}

/** Kinds answered by picking options (charts, metrics, show-if sources). */
export const CHOICE_KINDS: readonly QuestionKind[] = ['single', 'multi', 'scale', 'yesno']
export const TEXT_KINDS: readonly QuestionKind[] = ['text', 'textarea']
export const isChoiceKind = (k: QuestionKind): boolean => CHOICE_KINDS.includes(k)
export const isTextKind = (k: QuestionKind): boolean => TEXT_KINDS.includes(k)

export interface SurveyOption {
  /** Stable id (`a`, `b` … for staff options; fixed ids for the scale and yes/no). Used as a tally key. */
  id: string
  label: string
}

/** The five-level satisfaction scale, best first, as 创城 测评 questionnaires print it. */
export const SCALE_OPTIONS: readonly SurveyOption[] = [
  { id: 's5', label: '很满意' },
  { id: 's4', label: '满意' },
  { id: 's3', label: '基本满意' },
  { id: 's2', label: '不满意' },
  { id: 's1', label: '很不满意' },
]

export const YESNO_OPTIONS: readonly SurveyOption[] = [
  { id: 'yes', label: '是' },
  { id: 'no', label: '否' },
]

/**
 * What a question can measure. Rates are computed per metric from the questions tagged with it and the
 * answers staff mark as positive.
 */
export const METRICS = ['awareness', 'support', 'satisfaction', 'participation'] as const
export type Metric = (typeof METRICS)[number]
export const METRIC_LABELS: Record<Metric, string> = {
  awareness: '知晓率',
  support: '支持率',
  satisfaction: '满意度',
  participation: '参与率',
}

/**
 * Default positive answers when a question is tagged. 满意度: 很满意 + 满意 + 基本满意 — the way the
 * 文明城市 测评 counts 群众满意度 (基本满意 is a 满意 answer there); staff can narrow it to the top two.
 */
export const DEFAULT_POSITIVE: Partial<Record<QuestionKind, readonly string[]>> = {
  scale: ['s5', 's4', 's3'],
  yesno: ['yes'],
}

export const AUDIENCES = ['all', 'district', 'volunteers'] as const
export type Audience = (typeof AUDIENCES)[number]
export const AUDIENCE_LABELS: Record<Audience, string> = {
  all: '全体市民',
  district: '指定辖区居民',
  volunteers: '注册志愿者',
}

export const SURVEY_STATUSES = ['draft', 'published', 'closed'] as const
export type SurveyStatus = (typeof SURVEY_STATUSES)[number]

/** What the UI shows: a published survey is 未开始 / 进行中 by its dates, and 已结束 after closesAt. */
export const SURVEY_PHASES = ['draft', 'scheduled', 'open', 'closed'] as const
export type SurveyPhase = (typeof SURVEY_PHASES)[number]
export const PHASE_LABELS: Record<SurveyPhase, string> = {
  draft: '草稿',
  scheduled: '未开始',
  open: '进行中',
  closed: '已结束',
}

export const CHANNELS = ['online', 'assisted'] as const
export type Channel = (typeof CHANNELS)[number]
export const CHANNEL_LABELS: Record<Channel, string> = { online: '线上填写', assisted: '工作人员代录' }

export const CARELESS_FLAGS = ['too_fast', 'straightline'] as const
export type CarelessFlag = (typeof CARELESS_FLAGS)[number]
export const CARELESS_LABELS: Record<CarelessFlag, string> = {
  too_fast: '用时过短',
  straightline: '量表题全部相同',
}

export const LIMITS = {
  title: 60,
  intro: 600,
  questionTitle: 120,
  questionDescription: 200,
  optionLabel: 40,
  options: 20,
  questions: 60,
  text: 200,
  textarea: 1000,
  paperNo: 20,
} as const

/** Ids of questions and options: short, lower-case, safe as database field names (tally paths). */
export const KEY_PATTERN = /^[a-z][a-z0-9]{0,15}$/

export interface ShowIf {
  /** An earlier choice question. */
  questionId: string
  /** Show when that question's answer includes any of these options. */
  anyOf: string[]
}

/** One question of a survey definition (the shape `schema.ts` validates). */
export interface SurveyQuestion {
  id: string
  kind: QuestionKind
  title: string
  description: string
  required: boolean
  /** Staff-defined for single/multi; the fixed lists for scale and yes/no; empty for text. */
  options: SurveyOption[]
  /** Multiple choice: how many options must / may be picked (null = no bound). */
  minChoices: number | null
  maxChoices: number | null
  showIf: ShowIf | null
  metric: Metric | null
  /** Option ids counted as positive for `metric`. */
  positive: string[]
}

/** What staff edit: everything about a survey except its lifecycle. */
export interface SurveyDefinition {
  title: string
  intro: string
  /** ISO date-times. */
  opensAt: string
  closesAt: string
  audience: Audience
  /** The district when `audience` is `district`. */
  districtId: string | null
  /** Anonymous: responses keep no OPENID or nickname (only a salted hash to enforce one per person). */
  anonymous: boolean
  /** Respondents see the current results after submitting. */
  showResults: boolean
  /** Staff may enter paper / door-to-door questionnaires (代录); the online form then offers the phone field for dedupe. */
  allowAssisted: boolean
  questions: SurveyQuestion[]
}

export type AnswerValue = string | string[]
export type Answers = Record<string, AnswerValue>

export interface Issue {
  path: string
  message: string
}
