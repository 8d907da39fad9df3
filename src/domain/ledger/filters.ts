import { z } from 'zod'
import { idSchema } from '../contracts/common'

/**
 * 台账: the three ledgers staff export — 随手拍 reports with their whole timeline, confirmed volunteer
 * hours, and survey responses — filtered by period and, where it applies, district, unit and category.
 */
export const LEDGER_KINDS = ['reports', 'hours', 'surveys'] as const
export const ledgerKindSchema = z.enum(LEDGER_KINDS)
export type LedgerKind = z.infer<typeof ledgerKindSchema>

export const LEDGER_KIND_LABELS: Record<LedgerKind, string> = {
  reports: '随手拍办理台账',
  hours: '志愿服务时长台账',
  surveys: '问卷答卷台账',
}

/** Which time the period filters, per ledger (shown next to the period picker). */
export const LEDGER_PERIOD_LABELS: Record<LedgerKind, string> = {
  reports: '提交时间',
  hours: '确认时间',
  surveys: '提交时间',
}

export const LEDGER_FORMATS = ['csv', 'xlsx'] as const
export const ledgerFormatSchema = z.enum(LEDGER_FORMATS)
export type LedgerFormat = z.infer<typeof ledgerFormatSchema>

/** The filters each ledger understands besides the period; others are refused rather than ignored. */
export const LEDGER_FILTERS: Record<LedgerKind, readonly ('districtId' | 'unitId' | 'categoryId' | 'surveyId')[]> = {
  reports: ['districtId', 'unitId', 'categoryId'],
  hours: ['districtId'],
  surveys: ['districtId', 'surveyId'],
}

/** A period longer than this is refused (and the row cap below still applies). */
export const LEDGER_MAX_DAYS = 400
/** One export holds at most this many rows: far under WeChat's 50 MB file limit, and a sane Excel sheet. */
export const LEDGER_MAX_ROWS = 50_000

const isoDate = z.iso.datetime({ offset: true, error: '时间格式不正确' })

export const ledgerFilterSchema = z
  .object({
    kind: ledgerKindSchema.meta({ title: '台账类型' }),
    from: isoDate.meta({ title: '起始时间' }),
    to: isoDate.meta({ title: '截止时间' }),
    districtId: idSchema.optional().meta({ title: '辖区' }),
    unitId: idSchema.optional().meta({ title: '责任单位' }),
    categoryId: idSchema.optional().meta({ title: '问题类型' }),
    surveyId: idSchema.optional().meta({ title: '问卷' }),
  })
  .strict()
  .refine((f) => Date.parse(f.from) < Date.parse(f.to), { message: '截止时间应晚于起始时间', path: ['to'] })
  .refine((f) => Date.parse(f.to) - Date.parse(f.from) <= LEDGER_MAX_DAYS * 86_400_000, {
    message: `时间范围最长 ${LEDGER_MAX_DAYS} 天`,
    path: ['from'],
  })
  .refine((f) => f.kind !== 'surveys' || !!f.surveyId, { message: '请选择问卷', path: ['surveyId'] })
  .refine((f) => (['unitId', 'categoryId', 'surveyId', 'districtId'] as const).every((k) => !f[k] || LEDGER_FILTERS[f.kind].includes(k)), {
    message: '该台账不支持所选筛选条件',
    path: ['kind'],
  })
export type LedgerFilter = z.infer<typeof ledgerFilterSchema>
