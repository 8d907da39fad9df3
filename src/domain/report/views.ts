import { z } from 'zod'
import { roundDistance } from './duplicates'
import { isoSchema } from './fields'
import {
  dispatchSchema,
  flagsSchema,
  handbackSchema,
  locationSchema,
  photoSchema,
  ratingSchema,
  resolutionSchema,
  revisitSchema,
  timelineEventSchema,
  type Photo,
  type ReportDoc,
  type TimelineEvent,
} from './report'
import { reporterHistorySchema, type ReporterHistory } from './stats'
import { ratingScoreSchema, reportStatusSchema, resolutionKindSchema, type ReportStatus } from './status'
import { deadlineState, isOverdue, overdueDays, ratingOpen, revisitOpen } from './time'

/**
 * What each audience may see of a report. The rule of thumb: a photo is visible to whoever uploaded it and
 * to staff; to anyone else only once its content check passed. The reporter's identity is visible to staff
 * on the detail page only; the exact location to the reporter, staff and the unit, never to the public.
 */

const passedIds = (photos: readonly Photo[]): string[] => photos.filter((p) => p.checked === 'pass').map((p) => p.fileId)

// ---------------------------------------------------------------------------------------------------------
// Public: any resident (detail of someone else's report, nearby list)

/** Statuses never shown to other residents: a rejected report may be false or contain what it shouldn't. */
export const PUBLIC_HIDDEN_STATUSES = ['rejected'] as const satisfies readonly ReportStatus[]
export const isPubliclyVisible = (r: Pick<ReportDoc, 'status'>): boolean =>
  !(PUBLIC_HIDDEN_STATUSES as readonly ReportStatus[]).includes(r.status)

export const reportPublicViewSchema = z.object({
  id: z.string(),
  categoryId: z.string(),
  status: reportStatusSchema,
  description: z.string(),
  /** Passed photos only. */
  photos: z.array(z.string()),
  /** Street level at most: no coordinates, no typed address (it may name a doorway). */
  place: z.object({ districtId: z.string().nullable(), streetId: z.string().nullable() }),
  dispatch: z.object({ unitName: z.string(), deadline: isoSchema }).nullable(),
  overdue: z.boolean(),
  rectification: z.object({ photos: z.array(z.string()), note: z.string(), at: isoSchema }).nullable(),
  resolution: z.object({ kind: resolutionKindSchema, at: isoSchema, mergedInto: z.string().optional() }).nullable(),
  cosignCount: z.number().int(),
  createdAt: isoSchema,
  closedAt: isoSchema.nullable(),
})
export type ReportPublicView = z.infer<typeof reportPublicViewSchema>

export function toPublicView(r: ReportDoc, now: Date): ReportPublicView {
  return {
    id: r._id,
    categoryId: r.categoryId,
    status: r.status,
    description: r.description,
    photos: passedIds(r.photos),
    place: { districtId: r.location.districtId, streetId: r.location.streetId },
    dispatch: r.dispatch ? { unitName: r.dispatch.unitName, deadline: r.dispatch.deadline } : null,
    overdue: isOverdue(r, now),
    rectification: r.rectification ? { photos: passedIds(r.rectification.photos), note: r.rectification.note, at: r.rectification.at } : null,
    resolution: r.resolution
      ? { kind: r.resolution.kind, at: r.resolution.at, ...(r.resolution.mergedInto ? { mergedInto: r.resolution.mergedInto } : {}) }
      : null,
    cosignCount: r.cosignCount,
    createdAt: r.createdAt,
    closedAt: r.closedAt,
  }
}

/** A nearby open report, for 附议 instead of reporting again. */
export const nearbyItemSchema = reportPublicViewSchema.extend({ distanceM: z.number().int().nonnegative() })
export type NearbyItem = z.infer<typeof nearbyItemSchema>
export const toNearbyItem = (r: ReportDoc, distanceM: number, now: Date): NearbyItem => ({
  ...toPublicView(r, now),
  distanceM: roundDistance(distanceM),
})

// ---------------------------------------------------------------------------------------------------------
// Own: the reporter

export const reportOwnViewSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  categoryId: z.string(),
  status: reportStatusSchema,
  description: z.string(),
  /** All their photos, with the check state (a pending one shows as 审核中). */
  photos: z.array(photoSchema),
  location: locationSchema,
  dispatch: z.object({ unitName: z.string(), deadline: isoSchema, dispatchedAt: isoSchema, round: z.number().int() }).nullable(),
  overdue: z.boolean(),
  escalations: z.number().int(),
  /** The unit's after-photos, passed ones only. */
  rectification: z.object({ photos: z.array(z.string()), note: z.string(), at: isoSchema }).nullable(),
  resolution: resolutionSchema.nullable(),
  rating: ratingSchema.nullable(),
  revisit: revisitSchema.nullable(),
  canRate: z.boolean(),
  canRevisit: z.boolean(),
  cosignCount: z.number().int(),
  createdAt: isoSchema,
  updatedAt: isoSchema,
  closedAt: isoSchema.nullable(),
})
export type ReportOwnView = z.infer<typeof reportOwnViewSchema>

export function toOwnView(r: ReportDoc, now: Date): ReportOwnView {
  return {
    id: r._id,
    clientId: r.clientId,
    categoryId: r.categoryId,
    status: r.status,
    description: r.description,
    photos: r.photos,
    location: r.location,
    dispatch: r.dispatch
      ? { unitName: r.dispatch.unitName, deadline: r.dispatch.deadline, dispatchedAt: r.dispatch.dispatchedAt, round: r.dispatch.round }
      : null,
    overdue: isOverdue(r, now),
    escalations: r.flags.escalations,
    rectification: r.rectification ? { photos: passedIds(r.rectification.photos), note: r.rectification.note, at: r.rectification.at } : null,
    resolution: r.resolution,
    rating: r.rating,
    revisit: r.revisit,
    canRate: ratingOpen(r, now),
    canRevisit: revisitOpen(r, now),
    cosignCount: r.cosignCount,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    closedAt: r.closedAt,
  }
}

export const reportOwnDetailSchema = reportOwnViewSchema.extend({ timeline: z.array(timelineEventSchema) })
export type ReportOwnDetail = z.infer<typeof reportOwnDetailSchema>

/** The reporter's timeline: every step, but only after-photos that passed the check (earlier rounds' drop out). */
export function toOwnDetail(r: ReportDoc, events: readonly TimelineEvent[], now: Date): ReportOwnDetail {
  const visible = new Set(r.rectification ? passedIds(r.rectification.photos) : [])
  const timeline = events.map((e) => (e.photos ? { ...e, photos: e.photos.filter((id) => visible.has(id)) } : e))
  return { ...toOwnView(r, now), timeline }
}

// ---------------------------------------------------------------------------------------------------------
// Staff: the 创城办

export const reportStaffViewSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  categoryId: z.string(),
  status: reportStatusSchema,
  description: z.string(),
  photos: z.array(photoSchema),
  location: locationSchema,
  dispatch: dispatchSchema.nullable(),
  rectification: z.object({ photos: z.array(photoSchema), note: z.string(), at: isoSchema, late: z.boolean() }).nullable(),
  flags: flagsSchema,
  overdue: z.boolean(),
  overdueDays: z.number().int(),
  cosignCount: z.number().int(),
  resolution: resolutionSchema.nullable(),
  rating: ratingSchema.nullable(),
  revisit: revisitSchema.nullable(),
  handback: handbackSchema.nullable(),
  /** The reporter's track record, without who they are. */
  reporterHistory: reporterHistorySchema,
  createdAt: isoSchema,
  updatedAt: isoSchema,
  statusAt: isoSchema,
  closedAt: isoSchema.nullable(),
})
export type ReportStaffView = z.infer<typeof reportStaffViewSchema>

export function toStaffView(r: ReportDoc, history: ReporterHistory, now: Date): ReportStaffView {
  return {
    id: r._id,
    version: r.version,
    categoryId: r.categoryId,
    status: r.status,
    description: r.description,
    photos: r.photos,
    location: r.location,
    dispatch: r.dispatch,
    rectification: r.rectification,
    flags: r.flags,
    overdue: isOverdue(r, now),
    overdueDays: overdueDays(r, now),
    cosignCount: r.cosignCount,
    resolution: r.resolution,
    rating: r.rating,
    revisit: r.revisit,
    handback: r.handback,
    reporterHistory: history,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    statusAt: r.statusAt,
    closedAt: r.closedAt,
  }
}

export const duplicateSuggestionSchema = z.object({
  id: z.string(),
  status: reportStatusSchema,
  description: z.string(),
  distanceM: z.number().int().nonnegative(),
  createdAt: isoSchema,
})
export type DuplicateSuggestion = z.infer<typeof duplicateSuggestionSchema>

export const reportStaffDetailSchema = reportStaffViewSchema.extend({
  /** Who reported it: for a call-back when the report is unclear. Never shown in lists. */
  reporter: z.object({ id: z.string(), nickname: z.string() }),
  timeline: z.array(timelineEventSchema),
  /** Open reports nearby in the same category: merge candidates. */
  duplicates: z.array(duplicateSuggestionSchema),
})
export type ReportStaffDetail = z.infer<typeof reportStaffDetailSchema>

export function toStaffDetail(
  r: ReportDoc,
  more: {
    history: ReporterHistory
    nickname: string
    events: readonly TimelineEvent[]
    duplicates: readonly { report: Pick<ReportDoc, '_id' | 'status' | 'description' | 'createdAt'>; distanceM: number }[]
  },
  now: Date,
): ReportStaffDetail {
  return {
    ...toStaffView(r, more.history, now),
    reporter: { id: r.reporterId, nickname: more.nickname },
    timeline: [...more.events],
    duplicates: more.duplicates.map((d) => ({
      id: d.report._id,
      status: d.report.status,
      description: d.report.description,
      distanceM: Math.round(d.distanceM),
      createdAt: d.report.createdAt,
    })),
  }
}

// ---------------------------------------------------------------------------------------------------------
// Unit: the 责任单位 it is dispatched to

export const reportUnitViewSchema = z.object({
  id: z.string(),
  categoryId: z.string(),
  status: reportStatusSchema,
  description: z.string(),
  /** The resident's photos, passed ones only. */
  photos: z.array(z.string()),
  /** Exact: they have to go there. */
  location: locationSchema,
  dispatch: dispatchSchema.nullable(),
  deadlineState: z.enum(['none', 'ok', 'due_soon', 'overdue']),
  overdueDays: z.number().int(),
  escalations: z.number().int(),
  /** Their own after-photos, with check state. */
  rectification: z.object({ photos: z.array(photoSchema), note: z.string(), at: isoSchema, late: z.boolean() }).nullable(),
  /** The resident's verdict on their work (score only). */
  ratingScore: ratingScoreSchema.nullable(),
  cosignCount: z.number().int(),
  createdAt: isoSchema,
  statusAt: isoSchema,
})
export type ReportUnitView = z.infer<typeof reportUnitViewSchema>

export function toUnitView(r: ReportDoc, now: Date): ReportUnitView {
  return {
    id: r._id,
    categoryId: r.categoryId,
    status: r.status,
    description: r.description,
    photos: passedIds(r.photos),
    location: r.location,
    dispatch: r.dispatch,
    deadlineState: deadlineState(r, now),
    overdueDays: overdueDays(r, now),
    escalations: r.flags.escalations,
    rectification: r.rectification,
    ratingScore: r.rating?.score ?? null,
    cosignCount: r.cosignCount,
    createdAt: r.createdAt,
    statusAt: r.statusAt,
  }
}

export const reportUnitDetailSchema = reportUnitViewSchema.extend({ timeline: z.array(timelineEventSchema) })
export type ReportUnitDetail = z.infer<typeof reportUnitDetailSchema>

export const toUnitDetail = (r: ReportDoc, events: readonly TimelineEvent[], now: Date): ReportUnitDetail => ({
  ...toUnitView(r, now),
  timeline: [...events],
})
