import { z } from 'zod'
import { idSchema } from './fields'
import { eventFieldsShape } from './event'
import { atChinaTime, dateKey, MINUTE_MS, nextWeekdays } from './time'

/**
 * A weekly series (e.g. 每周五环境整治) generated from one template: `createSeries` stores the template
 * (`volunteer_series`) and creates the events of the next N weeks; calling it again for the same series
 * fills in only the weeks still missing — an event's id is `<seriesId>-<YYYYMMDD>`, so generating is
 * idempotent by date. The timer keeps every active series `SERIES_AHEAD_WEEKS` ahead.
 */
export const SERIES_AHEAD_WEEKS = 2
export const SERIES_WEEKS_MAX = 12

/** An event's fields without its times: each occurrence gets its own. */
export const seriesTemplateSchema = z.strictObject(eventFieldsShape).omit({ startAt: true, endAt: true, signupDeadline: true })
export type SeriesTemplate = z.output<typeof seriesTemplateSchema>

export const hhmmSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 14:30')

export const createSeriesInputSchema = z.strictObject({
  /** Extend an existing series (its stored template is used; other fields are ignored). */
  seriesId: idSchema.optional().meta({ title: '系列' }),
  template: seriesTemplateSchema.optional().meta({ title: '活动模板' }),
  /** ISO weekday: 1 Monday … 7 Sunday; 5 = every Friday. */
  weekday: z.number().int().min(1).max(7).default(5).meta({ title: '每周几' }),
  startTime: hhmmSchema.default('15:00').meta({ title: '开始时间' }),
  durationMinutes: z.number().int().min(30).max(12 * 60).default(120).meta({ title: '活动时长（分钟）' }),
  /** 报名截止: minutes before the start. */
  deadlineMinutes: z.number().int().min(0).max(7 * 24 * 60).default(120).meta({ title: '提前截止（分钟）' }),
  weeks: z.number().int().min(1).max(SERIES_WEEKS_MAX).default(4).meta({ title: '生成周数' }),
  publish: z.boolean().default(true).meta({ title: '直接发布' }),
})

export interface SeriesDoc {
  _id: string
  template: SeriesTemplate
  weekday: number
  startTime: string
  durationMinutes: number
  deadlineMinutes: number
  publish: boolean
  active: boolean
  createdBy: string
  createdAt: string
  updatedAt: string
}

export const seriesEventId = (seriesId: string, day: number): string => `${seriesId}-${dateKey(atChinaTime(day, '12:00'))}`

/** The events of the next `weeks` occurrences: ids and times. */
export function seriesOccurrences(s: Pick<SeriesDoc, '_id' | 'weekday' | 'startTime' | 'durationMinutes' | 'deadlineMinutes'>, now: Date, weeks: number) {
  // Only weeks whose sign-up deadline is still ahead: an event nobody can sign up to is no use.
  const earliest = new Date(now.getTime() + s.deadlineMinutes * MINUTE_MS)
  return nextWeekdays(earliest, s.weekday, s.startTime, weeks).map((day) => {
    const start = atChinaTime(day, s.startTime)
    return {
      id: seriesEventId(s._id, day),
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + s.durationMinutes * MINUTE_MS).toISOString(),
      signupDeadline: new Date(start.getTime() - s.deadlineMinutes * MINUTE_MS).toISOString(),
    }
  })
}
