import { z } from 'zod'
import { idSchema, isoSchema, reasonSchema } from './fields'

/**
 * 时长更正: a volunteer who thinks the hours of a participation are wrong asks for a correction; staff
 * approve (the difference is booked as an `adjustment` ledger entry, audited) or reject it.
 */
export const CORRECTION_STATUSES = ['pending', 'approved', 'rejected'] as const
export const correctionStatusSchema = z.enum(CORRECTION_STATUSES)
export type CorrectionStatus = z.infer<typeof correctionStatusSchema>

export interface CorrectionDoc {
  _id: string
  openid: string
  volunteerName: string
  eventId: string
  eventTitle: string
  /** Hours on record when asked (confirmed or pending; 0 when none). */
  currentMinutes: number
  requestedMinutes: number
  reason: string
  status: CorrectionStatus
  resolvedBy: string | null
  resolvedAt: string | null
  resolutionNote: string | null
  /** Minutes finally booked (approved), may differ from the request. */
  appliedMinutes: number | null
  createdAt: string
}

export const requestCorrectionInputSchema = z.strictObject({
  eventId: idSchema.meta({ title: '活动' }),
  requestedMinutes: z.number().int().min(0).max(12 * 60).meta({ title: '应记时长（分钟）' }),
  reason: reasonSchema,
})

export const resolveCorrectionInputSchema = z
  .strictObject({
    id: idSchema,
    decision: z.enum(['approve', 'reject']).meta({ title: '处理结果' }),
    /** Approve with another figure than asked (e.g. capped by the event's length). */
    minutes: z.number().int().min(0).max(12 * 60).optional().meta({ title: '核定时长（分钟）' }),
    note: reasonSchema.meta({ title: '处理说明' }),
  })

export const correctionViewSchema = z.object({
  id: z.string(),
  openid: z.string(),
  volunteerName: z.string(),
  eventId: z.string(),
  eventTitle: z.string(),
  currentMinutes: z.number().int(),
  requestedMinutes: z.number().int(),
  reason: z.string(),
  status: correctionStatusSchema,
  resolutionNote: z.string().nullable(),
  appliedMinutes: z.number().int().nullable(),
  createdAt: isoSchema,
  resolvedAt: isoSchema.nullable(),
})
export type CorrectionView = z.infer<typeof correctionViewSchema>

export const toCorrectionView = (c: CorrectionDoc): CorrectionView => ({
  id: c._id,
  openid: c.openid,
  volunteerName: c.volunteerName,
  eventId: c.eventId,
  eventTitle: c.eventTitle,
  currentMinutes: c.currentMinutes,
  requestedMinutes: c.requestedMinutes,
  reason: c.reason,
  status: c.status,
  resolutionNote: c.resolutionNote,
  appliedMinutes: c.appliedMinutes,
  createdAt: c.createdAt,
  resolvedAt: c.resolvedAt,
})
