import { z } from 'zod'
import { textSchema } from '../report/fields'
import { cadenceSchema, dayNumberOf, dayStringSchema, DEFAULT_ANCHOR, mondayOf, type Cadence } from './period'

/**
 * How this city runs its 红黑榜 (`board_settings`, `_id` = SETTINGS_ID): the series title, the cadence and
 * the 双周 anchor, plus the 期 counter and the number of issues per year (both advanced only inside the
 * publishing transaction, so numbers have no gaps and no duplicates however many admins publish at once).
 */
export const SETTINGS_ID = 'redblack'

/**
 * One published issue per period: publishing claims `period-<cadence>-<startDay>` in the same transaction
 * that takes the number, so two drafts of one week can never both be published.
 */
export const periodClaimId = (cadence: string, startDay: string): string => `period-${cadence}-${startDay}`
export interface PeriodClaimDoc {
  _id: string
  issueId: string
  no: number
  at: string
}
export const SERIES_MAX = 30

export interface BoardSettingsDoc {
  _id: string
  series: string
  cadence: Cadence
  /** A Monday (`YYYY-MM-DD`) 双周 periods are counted from. */
  anchor: string
  /** The last 期号 given out. */
  lastNo: number
  /** Published issues per China year (`{ "2024": 30 }`): the archive's year tabs. */
  years: Record<string, number>
  updatedAt: string
}

export const DEFAULT_SETTINGS = (series: string, at: string): BoardSettingsDoc => ({
  _id: SETTINGS_ID,
  series,
  cadence: 'weekly',
  anchor: DEFAULT_ANCHOR,
  lastNo: 0,
  years: {},
  updatedAt: at,
})

export const settingsInputSchema = z.strictObject({
  series: textSchema(2, SERIES_MAX, '榜单名称'),
  cadence: cadenceSchema,
  anchor: dayStringSchema.refine((d) => mondayOf(dayNumberOf(d)!) === dayNumberOf(d), '双周起算日须为星期一'),
})
export type SettingsInput = z.infer<typeof settingsInputSchema>

export const settingsViewSchema = z.object({
  series: z.string(),
  cadence: cadenceSchema,
  anchor: z.string(),
  lastNo: z.number().int(),
  years: z.array(z.object({ year: z.number().int(), count: z.number().int() })),
})
export type SettingsView = z.infer<typeof settingsViewSchema>

export const toSettingsView = (s: BoardSettingsDoc): SettingsView => ({
  series: s.series,
  cadence: s.cadence,
  anchor: s.anchor,
  lastNo: s.lastNo,
  years: Object.entries(s.years ?? {})
    .map(([year, count]) => ({ year: Number(year), count }))
    .filter((y) => Number.isInteger(y.year) && y.count > 0)
    .sort((a, b) => b.year - a.year),
})
