import { z } from 'zod'
import { ActionError } from '../core/envelope'
import { categoryIdSchema, fileIdSchema, idSchema, isoSchema, textSchema } from '../report/fields'
import type { ReportDoc } from '../report/report'
import { isClosedNotFixed, reportStatusSchema, type ReportStatus } from '../report/status'
import { isOverdue } from '../report/time'
import { assertAllMasked, boardPhotoSchema, photoInputSchema, publicPhotos, publicPhotoSchema, staffRefSchema, type BoardPhoto } from './photo'

/**
 * 曝光台: a problem the 创城办 exposes publicly — turned from a resident's 随手拍 report or written directly.
 * An entry names the problem (title, street-level place, category), the 责任单位, masked before-photos, the
 * requirement (整改要求) and the deadline. It FOLLOWS ITS REPORT: the public status is derived from the
 * report's current status (read live, in batch), so when the unit rectifies and staff 销号 the report, the
 * entry shows 已整改 with the unit's after-photos and the date. A direct entry (no report) is marked fixed by
 * staff with their own (masked) after-photos.
 *
 * The named unit may answer (回应); residents follow an entry and are told when it is fixed.
 */

// ---------------------------------------------------------------------------------------------------------
// Public status

export const EXPOSURE_STATUSES = ['rectifying', 'overdue', 'verifying', 'fixed', 'closed'] as const
export const exposureStatusSchema = z.enum(EXPOSURE_STATUSES)
export type ExposureStatus = z.infer<typeof exposureStatusSchema>
export const EXPOSURE_STATUS_LABELS: Record<ExposureStatus, string> = {
  rectifying: '整改中',
  overdue: '逾期未整改',
  verifying: '整改待核验',
  fixed: '已整改',
  closed: '已关闭',
}

/** Lifecycle of the entry itself (not of the problem). */
export const EXPOSURE_STATES = ['draft', 'published', 'withdrawn'] as const
export const exposureStateSchema = z.enum(EXPOSURE_STATES)
export type ExposureState = z.infer<typeof exposureStateSchema>

/** What a report-linked entry needs of its report. */
export type LinkedReport = Pick<ReportDoc, '_id' | 'status' | 'dispatch' | 'rectification' | 'closedAt' | 'statusAt'>

/**
 * The public status of an entry: from its report when it has one (已办结 → 已整改; 待核验 → 整改待核验;
 * closed without a fix → 已关闭; with the unit past the deadline → 逾期未整改; otherwise 整改中), else from
 * its own fix record and deadline. A missing report (deleted) keeps the entry's own view.
 */
export function exposureStatus(entry: Pick<ExposureDoc, 'reportId' | 'fix' | 'deadline'>, report: LinkedReport | null, now: Date): ExposureStatus {
  if (entry.reportId && report) {
    if (report.status === 'closed') return 'fixed'
    if (report.status === 'rectified') return 'verifying'
    if (isClosedNotFixed(report.status)) return 'closed'
    if (isOverdue(report, now)) return 'overdue'
    return 'rectifying'
  }
  if (entry.fix) return 'fixed'
  return now.getTime() > Date.parse(entry.deadline) ? 'overdue' : 'rectifying'
}

/** When it was fixed (the report's 销号, or the staff-recorded fix), if it is. */
export function fixedAtOf(entry: Pick<ExposureDoc, 'reportId' | 'fix'>, report: LinkedReport | null): string | null {
  if (entry.reportId && report) return report.status === 'closed' ? report.closedAt : null
  return entry.fix?.at ?? null
}

// ---------------------------------------------------------------------------------------------------------
// Fields and the stored entry (`exposures`)

export const TITLE_MAX = 40
export const PLACE_MAX = 40
export const REQUIREMENT_MAX = 300
export const REPLY_MAX = 300
export const REPLIES_MAX = 10
export const EXPOSURE_PHOTOS_MAX = 6
export const FIX_NOTE_MAX = 300

export const exposureTitleSchema = textSchema(4, TITLE_MAX, '标题')
export const placeLabelSchema = textSchema(2, PLACE_MAX, '地点')
export const requirementSchema = textSchema(5, REQUIREMENT_MAX, '整改要求')
export const replyTextSchema = textSchema(5, REPLY_MAX, '回应')
export const fixNoteSchema = textSchema(2, FIX_NOTE_MAX, '整改情况')
export const withdrawReasonSchema = textSchema(2, 200, '撤回理由')

/** Street level at most: district, street and a place name — never a house number or a doorway. */
export const exposurePlaceSchema = z.object({
  districtId: z.string().nullable(),
  streetId: z.string().nullable(),
  label: z.string(),
})
export type ExposurePlace = z.infer<typeof exposurePlaceSchema>

/**
 * A place name cut down to street level: the part before a house number, building, unit or room
 * (`解放路88号3单元` → `解放路`, `幸福里小区2号楼` → `幸福里小区`). A suggestion for the editor; staff have the
 * final word.
 */
export function streetLevel(address: string): string {
  const cut = address
    .replace(/\s+/g, '')
    .replace(/(\d+|[一二三四五六七八九十百]+)(号楼|号院|号|栋|幢|单元|楼|层|室|户|弄|巷\d).*$/u, '')
    .replace(/[（(][^）)]*[）)]?$/u, '')
    .replace(/(门前|门口|旁边|附近|对面)$/u, '')
  return (cut || address).slice(0, PLACE_MAX)
}

export const replySchema = z.object({ unitName: z.string(), text: z.string(), at: isoSchema })
export type Reply = z.infer<typeof replySchema>

export const fixRecordSchema = z.object({ note: z.string(), at: isoSchema, photos: z.array(boardPhotoSchema), by: staffRefSchema })
export type FixRecord = z.infer<typeof fixRecordSchema>

export interface ExposureDoc {
  /** `e-<reportId>` for an entry made from a report (one per report), `e-<random>` otherwise. */
  _id: string
  state: ExposureState
  title: string
  categoryId: string
  location: ExposurePlace
  unit: { id: string; name: string }
  /** Before-photos. */
  photos: BoardPhoto[]
  requirement: string
  /** 整改时限 (end of a China day). */
  deadline: string
  reportId: string | null
  /** Direct entries only: the fix staff recorded. */
  fix: FixRecord | null
  /** Denormalised for the feed's status filter; kept up to date by the timer (and on read). */
  publicStatus: ExposureStatus
  fixedAt: string | null
  /** Followers were told about the current fix. */
  fixNotified: boolean
  replies: (Reply & { unitId: string })[]
  views: number
  followers: number
  createdBy: { id: string; name: string }
  createdAt: string
  updatedAt: string
  publishedAt: string | null
  publishedBy: { id: string; name: string } | null
  withdrawn: { reason: string; at: string } | null
  version: number
}

// ---------------------------------------------------------------------------------------------------------
// Editing

export const exposureSaveInputSchema = z.strictObject({
  /** Omit to create. */
  id: idSchema.optional(),
  /** The version last read (compare-and-set); required with `id`. */
  version: z.number().int().nonnegative().optional(),
  /** Create from this report (ignored on update). */
  reportId: idSchema.optional(),
  title: exposureTitleSchema,
  categoryId: categoryIdSchema,
  districtId: idSchema.nullable(),
  streetId: idSchema.nullable(),
  place: placeLabelSchema,
  unitId: idSchema,
  photos: z
    .array(photoInputSchema)
    .min(1, '请至少选择 1 张照片')
    .max(EXPOSURE_PHOTOS_MAX, `最多 ${EXPOSURE_PHOTOS_MAX} 张照片`)
    .refine((ps) => new Set(ps.map((p) => p.original)).size === ps.length, '照片重复'),
  requirement: requirementSchema,
  /** `YYYY-MM-DD`: 整改到位 by the end of that day. */
  deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '整改时限格式应为 YYYY-MM-DD'),
})
export type ExposureSaveInput = z.infer<typeof exposureSaveInputSchema>

export function assertExposureEditable(e: Pick<ExposureDoc, 'state'>): void {
  if (e.state === 'published') throw new ActionError('CONFLICT', '已发布的曝光不能修改；如需更正请先撤回')
}

/** Publishing: a draft (or a withdrawn entry, republished), every before-photo masked. */
export function assertPublishable(e: Pick<ExposureDoc, 'state' | 'photos'>): void {
  if (e.state === 'published') throw new ActionError('CONFLICT', '该曝光已发布')
  if (!e.photos.length) throw new ActionError('CONFLICT', '请至少添加 1 张照片')
  assertAllMasked([{ photos: e.photos, where: '照片', path: 'photos' }])
}

// ---------------------------------------------------------------------------------------------------------
// Views

export const exposureCardSchema = z.object({
  id: z.string(),
  title: z.string(),
  categoryId: z.string(),
  place: exposurePlaceSchema,
  unitName: z.string(),
  /** The first photo's thumbnail (lists never load full photos). */
  thumb: z.string().nullable(),
  photoCount: z.number().int(),
  status: exposureStatusSchema,
  deadline: isoSchema,
  publishedAt: isoSchema,
  fixedAt: isoSchema.nullable(),
  views: z.number().int(),
  followers: z.number().int(),
  replied: z.boolean(),
})
export type ExposureCard = z.infer<typeof exposureCardSchema>

export function toExposureCard(e: ExposureDoc, report: LinkedReport | null, now: Date): ExposureCard {
  const first = e.photos[0]
  return {
    id: e._id,
    title: e.title,
    categoryId: e.categoryId,
    place: e.location,
    unitName: e.unit.name,
    thumb: first?.masked ? (first.thumb ?? first.masked) : null,
    photoCount: e.photos.length,
    status: exposureStatus(e, report, now),
    deadline: e.deadline,
    publishedAt: e.publishedAt ?? e.createdAt,
    fixedAt: fixedAtOf(e, report),
    views: e.views,
    followers: e.followers,
    replied: e.replies.length > 0,
  }
}

/** The after-photos the public sees: the report's checked 整改 photos, or the masked ones staff recorded. */
function afterPhotosOf(e: ExposureDoc, report: LinkedReport | null): { photos: { url: string; thumb: string }[]; note: string | null } {
  if (e.reportId && report) {
    if (report.status !== 'closed' || !report.rectification) return { photos: [], note: null }
    const passed = report.rectification.photos.filter((p) => p.checked === 'pass').map((p) => ({ url: p.fileId, thumb: p.fileId }))
    return { photos: passed, note: report.rectification.note }
  }
  return e.fix ? { photos: publicPhotos(e.fix.photos), note: e.fix.note } : { photos: [], note: null }
}

export const exposurePublicDetailSchema = exposureCardSchema.extend({
  photos: z.array(publicPhotoSchema),
  requirement: z.string(),
  after: z.object({ photos: z.array(publicPhotoSchema), note: z.string().nullable() }),
  replies: z.array(replySchema),
  /** From a resident's 随手拍 (its number, for reference). */
  fromReport: z.boolean(),
  unit: z.object({ id: z.string(), name: z.string() }),
})
export type ExposurePublicDetail = z.infer<typeof exposurePublicDetailSchema>

export function toExposurePublicDetail(e: ExposureDoc, report: LinkedReport | null, now: Date): ExposurePublicDetail {
  return {
    ...toExposureCard(e, report, now),
    photos: publicPhotos(e.photos),
    requirement: e.requirement,
    after: afterPhotosOf(e, report),
    replies: e.replies.map(({ unitName, text, at }) => ({ unitName, text, at })),
    fromReport: e.reportId !== null,
    unit: e.unit,
  }
}

/** Staff see everything, originals and mask confirmations included. */
export const exposureStaffViewSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  state: exposureStateSchema,
  title: z.string(),
  categoryId: z.string(),
  location: exposurePlaceSchema,
  unit: z.object({ id: z.string(), name: z.string() }),
  photos: z.array(boardPhotoSchema),
  requirement: z.string(),
  deadline: isoSchema,
  reportId: z.string().nullable(),
  reportStatus: reportStatusSchema.nullable(),
  fix: fixRecordSchema.nullable(),
  status: exposureStatusSchema,
  fixedAt: isoSchema.nullable(),
  replies: z.array(replySchema),
  views: z.number().int(),
  followers: z.number().int(),
  createdBy: staffRefSchema,
  createdAt: isoSchema,
  updatedAt: isoSchema,
  publishedAt: isoSchema.nullable(),
  publishedBy: staffRefSchema.nullable(),
  withdrawn: z.object({ reason: z.string(), at: isoSchema }).nullable(),
  /** Photos still to be masked before it can be published. */
  unmasked: z.number().int(),
})
export type ExposureStaffView = z.infer<typeof exposureStaffViewSchema>

export function toExposureStaffView(e: ExposureDoc, report: LinkedReport | null, now: Date): ExposureStaffView {
  return {
    id: e._id,
    version: e.version,
    state: e.state,
    title: e.title,
    categoryId: e.categoryId,
    location: e.location,
    unit: e.unit,
    photos: e.photos,
    requirement: e.requirement,
    deadline: e.deadline,
    reportId: e.reportId,
    reportStatus: (report?.status ?? null) as ReportStatus | null,
    fix: e.fix,
    status: exposureStatus(e, report, now),
    fixedAt: fixedAtOf(e, report),
    replies: e.replies.map(({ unitName, text, at }) => ({ unitName, text, at })),
    views: e.views,
    followers: e.followers,
    createdBy: e.createdBy,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    publishedAt: e.publishedAt,
    publishedBy: e.publishedBy,
    withdrawn: e.withdrawn,
    unmasked: e.photos.filter((p) => !p.masked).length,
  }
}

/** A report staff might expose: with a unit, or fixed (to show the result). */
export const exposureCandidateSchema = z.object({
  id: z.string(),
  categoryId: z.string(),
  status: reportStatusSchema,
  description: z.string(),
  address: z.string(),
  unitName: z.string().nullable(),
  deadline: isoSchema.nullable(),
  overdue: z.boolean(),
  escalations: z.number().int(),
  photos: z.array(fileIdSchema),
  createdAt: isoSchema,
  /** Already exposed (its entry id). */
  exposureId: z.string().nullable(),
})
export type ExposureCandidate = z.infer<typeof exposureCandidateSchema>
