import { z } from 'zod'
import { ROLES } from '../core/roles'
import {
  addressSchema,
  categoryIdSchema,
  clientIdSchema,
  descriptionSchema,
  fileIdSchema,
  idSchema,
  isoSchema,
  latSchema,
  lngSchema,
  photoFileIdsSchema,
  PHOTOS_MAX,
} from './fields'
import { rejectionReasonSchema } from './reasons'
import {
  photoCheckSchema,
  ratingScoreSchema,
  reportStatusSchema,
  resolutionKindSchema,
  revisitAnswerSchema,
} from './status'

// ---------------------------------------------------------------------------------------------------------
// Parts

/** A photo and its content-check verdict; it stays private (reporter and staff only) until `pass`. */
export const photoSchema = z.object({ fileId: fileIdSchema, checked: photoCheckSchema })
export type Photo = z.infer<typeof photoSchema>

/**
 * Where the problem is. The resident sends lat/lng/address; district, street and grid are derived by the
 * server from the point (never trusted from the client) and are null outside every mapped area.
 */
export const locationSchema = z.object({
  lat: latSchema,
  lng: lngSchema,
  address: addressSchema,
  districtId: z.string().nullable(),
  streetId: z.string().nullable(),
  gridId: z.string().nullable(),
})
export type ReportLocation = z.infer<typeof locationSchema>

/** The current (latest) dispatch to a 责任单位. `round` counts dispatches: 2+ means sent back or re-dispatched. */
export const dispatchSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  deadline: isoSchema,
  dispatchedAt: isoSchema,
  round: z.number().int().positive(),
})
export type Dispatch = z.infer<typeof dispatchSchema>

/** The unit's latest 整改 (after-photos and what was done); `late` = submitted after the deadline in force. */
export const rectificationSchema = z.object({
  photos: z.array(photoSchema).min(1).max(PHOTOS_MAX),
  note: z.string(),
  at: isoSchema,
  late: z.boolean(),
})
export type Rectification = z.infer<typeof rectificationSchema>

/**
 * Overdue is a flag, not a status. `overdue`: the unit is past its deadline right now (set by the timer,
 * cleared when the unit rectifies or hands back, or a new deadline is set). `everOverdue`: it missed a
 * deadline at least once — what the 按时整改率 counts. `escalations`: 督办 count, never decreases.
 */
export const flagsSchema = z.object({
  overdue: z.boolean(),
  everOverdue: z.boolean(),
  escalations: z.number().int().nonnegative(),
  lastEscalatedAt: isoSchema.nullable(),
})
export type ReportFlags = z.infer<typeof flagsSchema>

/** How the report ended; null while open, cleared again when a closed report reopens. */
export const resolutionSchema = z.object({
  kind: resolutionKindSchema,
  at: isoSchema,
  /** 不予受理 only. */
  reason: rejectionReasonSchema.optional(),
  /** The reply the resident reads (rejection text, 不属于本市职责 guidance, 销号 note). */
  note: z.string().optional(),
  /** 重复 only: the original report. */
  mergedInto: z.string().optional(),
})
export type Resolution = z.infer<typeof resolutionSchema>

export const ratingSchema = z.object({ score: ratingScoreSchema, comment: z.string(), at: isoSchema })
export type Rating = z.infer<typeof ratingSchema>

/** 回访 scheduled at 销号; `answer` null until the reporter answers. */
export const revisitSchema = z.object({
  dueAt: isoSchema,
  answer: revisitAnswerSchema.nullable(),
  comment: z.string(),
  answeredAt: isoSchema.nullable(),
})
export type Revisit = z.infer<typeof revisitSchema>

/** Why a report is back on the 创城办's desk (退回 by the unit, or reopened by the resident). */
export const handbackSchema = z.object({
  kind: z.enum(['returned', 'unsatisfied', 'not_fixed']),
  reason: z.string(),
  at: isoSchema,
  /** The unit that returned it (so staff do not re-dispatch to the same one by mistake). */
  unitId: z.string().optional(),
  unitName: z.string().optional(),
})
export type Handback = z.infer<typeof handbackSchema>

// ---------------------------------------------------------------------------------------------------------
// The stored report (`reports` collection)

export const reportDocSchema = z.object({
  _id: idSchema,
  /** Unique per reporter: the idempotency key of `submit`. */
  clientId: clientIdSchema,
  /** The reporter's OPENID. Private: no view but the staff detail exposes it. */
  reporterId: z.string(),
  categoryId: categoryIdSchema,
  description: z.string(),
  photos: z.array(photoSchema).min(1).max(PHOTOS_MAX),
  location: locationSchema,
  status: reportStatusSchema,
  /** Incremented by every transition; the compare-and-set guard together with `status`. */
  version: z.number().int().nonnegative(),
  dispatch: dispatchSchema.nullable(),
  rectification: rectificationSchema.nullable(),
  flags: flagsSchema,
  /** 附议: other residents saying "me too". Kept by the server from a per-user cosign record. */
  cosignCount: z.number().int().nonnegative(),
  resolution: resolutionSchema.nullable(),
  rating: ratingSchema.nullable(),
  revisit: revisitSchema.nullable(),
  handback: handbackSchema.nullable(),
  createdAt: isoSchema,
  updatedAt: isoSchema,
  /** When the current status was entered: queues sort by it (longest waiting first). */
  statusAt: isoSchema,
  closedAt: isoSchema.nullable(),
})
export type ReportDoc = z.infer<typeof reportDocSchema>

// ---------------------------------------------------------------------------------------------------------
// Timeline (append-only; one event per transition, stored apart from the report, e.g. `report_events`)

/** Who acts: a role, or the timer. */
export const ACTOR_ROLES = [...ROLES, 'system'] as const
export const actorRoleSchema = z.enum(ACTOR_ROLES)
export type ActorRole = z.infer<typeof actorRoleSchema>

export const EVENT_TYPES = [
  'submit',
  'acceptDispatch',
  'reject',
  'merge',
  'outOfScope',
  'acknowledge',
  'rectify',
  'returnToStaff',
  'verifyClose',
  'sendBack',
  'redispatch',
  'rate',
  'revisit',
  'escalate',
] as const
export const eventTypeSchema = z.enum(EVENT_TYPES)
export type EventType = z.infer<typeof eventTypeSchema>

export const EVENT_LABELS: Record<EventType, string> = {
  submit: '提交随手拍',
  acceptDispatch: '受理并派单',
  reject: '不予受理',
  merge: '合并为重复问题',
  outOfScope: '不属于本市职责',
  acknowledge: '责任单位接单',
  rectify: '提交整改结果',
  returnToStaff: '责任单位退回',
  verifyClose: '核验销号',
  sendBack: '核验未通过，退回重新整改',
  redispatch: '重新派单',
  rate: '市民评价',
  revisit: '回访',
  escalate: '超期督办',
}

/**
 * One step on the timeline. The actor is a role (and for a unit its name) — never a person's name, OPENID
 * or phone, because the reporter and the unit both read this timeline.
 */
export const timelineEventSchema = z.object({
  at: isoSchema,
  type: eventTypeSchema,
  actor: z.object({ role: actorRoleSchema, unitName: z.string().optional() }),
  from: reportStatusSchema.nullable(),
  to: reportStatusSchema,
  note: z.string().optional(),
  /** After-photos of a 整改 (fileIDs). */
  photos: z.array(z.string()).optional(),
  /** The unit a dispatch went to, and its deadline. */
  unit: z.object({ id: z.string(), name: z.string() }).optional(),
  deadline: isoSchema.optional(),
  reason: rejectionReasonSchema.optional(),
  mergedInto: z.string().optional(),
  score: ratingScoreSchema.optional(),
  answer: revisitAnswerSchema.optional(),
  /** The 督办 count after this escalation. */
  escalation: z.number().int().positive().optional(),
})
export type TimelineEvent = z.infer<typeof timelineEventSchema>

// ---------------------------------------------------------------------------------------------------------
// Submit input (the resident's form)

export const submitInputSchema = z.strictObject({
  clientId: clientIdSchema,
  categoryId: categoryIdSchema,
  description: descriptionSchema,
  photos: photoFileIdsSchema,
  location: z.strictObject({ lat: latSchema, lng: lngSchema, address: addressSchema }),
})
export type SubmitInput = z.infer<typeof submitInputSchema>
