/**
 * 考评 vocabulary, zod-free so the app's screens import it as is (the schemes in scheme.ts are built on it).
 */

/** The three 考评 systems of the seed city's 精神文明建设考评系统. */
export const SCHEME_KINDS = ['city', 'unit', 'village'] as const
export type SchemeKind = (typeof SCHEME_KINDS)[number]
export const SCHEME_KIND_LABELS: Record<SchemeKind, string> = {
  city: '创建全国文明城市',
  unit: '文明单位',
  village: '文明村镇',
}

/**
 * How an item is scored: `material` — the unit uploads material, staff review it (通过 with a score, or
 * 退回补充); `field` — staff enter the score of a 督查 field inspection; `data` — scored from the records.
 */
export const ITEM_KINDS = ['material', 'field', 'data'] as const
export type ItemKind = (typeof ITEM_KINDS)[number]
export const ITEM_KIND_LABELS: Record<ItemKind, string> = { material: '材料审核', field: '实地考察', data: '数据评分' }

/** Figures a `data` item scores itself from (per unit, over the scheme's period). */
export const DATA_METRICS = ['on_time_rate', 'escalations', 'overdue', 'friday_turnout', 'survey_rate'] as const
export type DataMetric = (typeof DATA_METRICS)[number]
export const DATA_METRIC_LABELS: Record<DataMetric, string> = {
  on_time_rate: '按时整改率',
  escalations: '超期督办次数',
  overdue: '超期未整改件数',
  friday_turnout: '周五环境整治出勤率',
  survey_rate: '包保区域问卷测评',
}
/** Rates score linearly between thresholds; counts deduct per occurrence. */
export const RATE_METRICS: readonly DataMetric[] = ['on_time_rate', 'friday_turnout', 'survey_rate']
export const isRateMetric = (m: DataMetric): boolean => RATE_METRICS.includes(m)

/** Survey rates an item may use (the survey function's metrics). */
export const SURVEY_METRICS = ['awareness', 'support', 'satisfaction', 'participation'] as const
export type SurveyMetric = (typeof SURVEY_METRICS)[number]
export const SURVEY_METRIC_LABELS: Record<SurveyMetric, string> = { awareness: '知晓率', support: '支持率', satisfaction: '满意度', participation: '参与率' }

/** draft: items editable → open: units upload, staff review and score → published: 通报 out, frozen. */
export const SCHEME_STATUSES = ['draft', 'open', 'published'] as const
export type SchemeStatus = (typeof SCHEME_STATUSES)[number]
export const SCHEME_STATUS_LABELS: Record<SchemeStatus, string> = { draft: '草稿', open: '考评中', published: '已通报' }

/** Where one unit's item stands. */
export const ITEM_STATES = ['todo', 'submitted', 'approved', 'returned', 'scored'] as const
export type ItemState = (typeof ITEM_STATES)[number]
export const ITEM_STATE_LABELS: Record<ItemState, string> = {
  todo: '待提交',
  submitted: '待审核',
  approved: '已通过',
  returned: '退回补充',
  scored: '已评分',
}

export const MATERIAL_FILES_MAX = 9
/** Scores move in steps of 0.5 when entered by staff; computed scores are rounded to 0.1. */
export const SCORE_STEP = 0.5

/** `12.5` / `12` — a score as the 通报 prints it. */
export function formatScore(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—'
  return String(Math.round(n * 10) / 10)
}
