import { z } from 'zod'
import { ActionError } from '../core/envelope'
import type { Role } from '../core/roles'
import { idSchema, isoSchema, textSchema } from '../report/fields'
import { isClosedNotFixed, reportStatusSchema, type ReportStatus } from '../report/status'
import type { LinkedReport } from './exposure'
import { cadenceSchema, periodSchema, type Cadence, type Period } from './period'
import { assertAllMasked, boardPhotoSchema, photoInputSchema, publicPhotoSchema, staffRefSchema, toPublicPhoto, type BoardPhoto, type StaffRef } from './photo'
import { figuresSchema, proposalSchema, subjectTypeSchema, type Figures, type Proposal } from './proposals'

/**
 * 红黑榜 issues (期). An issue covers one period of the city's cadence and lists 红榜 entries (表扬: a unit,
 * place, team or person, and why, with a photo) and 黑榜 entries (a unit or place, the problem, the
 * requirement and deadline, and the 随手拍 reports behind it).
 *
 *   draft ──submit──▶ pending ──approve (admin, another person)──▶ published
 *     ▲                  │
 *     └─────return───────┘
 *
 * Two-person rule: whoever drafted or edited an issue cannot approve it; approving needs the admin role.
 * A published issue NEVER changes: the update path refuses it. Corrections and follow-ups (a 黑榜 entry
 * later fixed) are appended as dated notes, kept apart from the issue. What does change is a 黑榜 entry's
 * rectification status, which is read live from its linked reports — the published text stays as it was.
 */

export const ISSUE_STATES = ['draft', 'pending', 'published'] as const
export const issueStateSchema = z.enum(ISSUE_STATES)
export type IssueState = z.infer<typeof issueStateSchema>
export const ISSUE_STATE_LABELS: Record<IssueState, string> = { draft: '草稿', pending: '待审核', published: '已发布' }

export const ENTRIES_MAX = 10
export const LINKED_REPORTS_MAX = 20
export const NAME_MAX = 40
export const ENTRY_TEXT_MAX = 300
export const INTRO_MAX = 500
export const NOTE_TEXT_MAX = 300

export const entryKeySchema = z.string().regex(/^[a-z0-9]{4,16}$/, '条目编号格式不正确')
const nameSchema = textSchema(2, NAME_MAX, '名称')
const reasonSchema = textSchema(5, ENTRY_TEXT_MAX, '表扬理由')
const problemSchema = textSchema(5, ENTRY_TEXT_MAX, '存在问题')
const requirementSchema = textSchema(5, ENTRY_TEXT_MAX, '整改要求')
export const introSchema = z.union([textSchema(1, INTRO_MAX, '导语'), z.literal('')])
export const noteTextSchema = textSchema(5, NOTE_TEXT_MAX, '说明')

// ---------------------------------------------------------------------------------------------------------
// Entries as stored

export const redEntrySchema = z.object({
  key: z.string(),
  subjectType: subjectTypeSchema,
  name: z.string(),
  reason: z.string(),
  photo: boardPhotoSchema.nullable(),
  /** The figures of the proposal it was made from (null for an entry staff wrote themselves). */
  basis: figuresSchema.nullable(),
  proposalKey: z.string().nullable(),
})
export type RedEntry = z.infer<typeof redEntrySchema>

export const blackSubjectTypeSchema = z.enum(['unit', 'place'])
export const blackEntrySchema = z.object({
  key: z.string(),
  subjectType: blackSubjectTypeSchema,
  name: z.string(),
  problem: z.string(),
  requirement: z.string(),
  deadline: isoSchema,
  reportIds: z.array(z.string()).max(LINKED_REPORTS_MAX),
  photo: boardPhotoSchema.nullable(),
  basis: figuresSchema.nullable(),
  proposalKey: z.string().nullable(),
})
export type BlackEntry = z.infer<typeof blackEntrySchema>

// ---------------------------------------------------------------------------------------------------------
// Entries as edited

const proposalKeySchema = z.string().max(80).nullable()
export const redEntryInputSchema = z.strictObject({
  key: entryKeySchema,
  subjectType: subjectTypeSchema,
  name: nameSchema,
  reason: reasonSchema,
  photo: photoInputSchema.nullable(),
  proposalKey: proposalKeySchema,
})
export type RedEntryInput = z.infer<typeof redEntryInputSchema>

export const blackEntryInputSchema = z.strictObject({
  key: entryKeySchema,
  subjectType: blackSubjectTypeSchema,
  name: nameSchema,
  problem: problemSchema,
  requirement: requirementSchema,
  /** `YYYY-MM-DD`: 整改到位 by the end of that day. */
  deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '整改时限格式应为 YYYY-MM-DD'),
  reportIds: z
    .array(idSchema)
    .max(LINKED_REPORTS_MAX, `最多关联 ${LINKED_REPORTS_MAX} 条随手拍`)
    .refine((ids) => new Set(ids).size === ids.length, '随手拍重复'),
  photo: photoInputSchema.nullable(),
  proposalKey: proposalKeySchema,
})
export type BlackEntryInput = z.infer<typeof blackEntryInputSchema>

export const issueSaveInputSchema = z.strictObject({
  id: idSchema,
  version: z.number().int().nonnegative(),
  intro: introSchema,
  red: z.array(redEntryInputSchema).max(ENTRIES_MAX, `红榜最多 ${ENTRIES_MAX} 条`),
  black: z.array(blackEntryInputSchema).max(ENTRIES_MAX, `黑榜最多 ${ENTRIES_MAX} 条`),
})
export type IssueSaveInput = z.infer<typeof issueSaveInputSchema>

/** Entry keys are unique across both lists (notes point at them). */
export function assertUniqueKeys(input: Pick<IssueSaveInput, 'red' | 'black'>): void {
  const seen = new Set<string>()
  for (const e of [...input.red, ...input.black]) {
    if (seen.has(e.key)) throw new ActionError('INVALID_INPUT', '条目编号重复，请刷新后重试', [{ path: 'red', message: `条目编号 ${e.key} 重复` }])
    seen.add(e.key)
  }
}

/** The figures of the proposal an entry names — taken from the stored draft, never from the client. */
export const basisOf = (proposals: readonly Proposal[], key: string | null): { basis: Figures | null; proposalKey: string | null } => {
  const p = key ? proposals.find((x) => x.key === key) : undefined
  return p ? { basis: p.figures, proposalKey: p.key } : { basis: null, proposalKey: null }
}

// ---------------------------------------------------------------------------------------------------------
// The stored issue (`board_issues`)

export interface IssueDoc {
  _id: string
  state: IssueState
  /** 期号: assigned when published (null before). */
  no: number | null
  /** China year of publication (archive), null before. */
  year: number | null
  /** The series title at creation (`示范市创城红黑榜`). */
  series: string
  cadence: Cadence
  period: Period
  intro: string
  red: RedEntry[]
  black: BlackEntry[]
  /** What the period's data proposed, with figures (kept for the editor and for the record). */
  proposals: Proposal[]
  /** Why a kind of proposal is missing (e.g. no volunteer ledger yet). */
  proposalNotes: string[]
  author: StaffRef
  /** Everyone who created or saved it (the approver must not be one of them). */
  editors: string[]
  submittedBy: StaffRef | null
  submittedAt: string | null
  returned: { note: string; at: string; by: StaffRef } | null
  approvedBy: StaffRef | null
  publishedAt: string | null
  createdAt: string
  updatedAt: string
  version: number
}

export const ISSUE_IMMUTABLE = '已发布的红黑榜不能修改；如需更正，请追加更正说明'

/** Editing: drafts only. */
export function assertIssueEditable(issue: Pick<IssueDoc, 'state'>): void {
  if (issue.state === 'published') throw new ActionError('CONFLICT', ISSUE_IMMUTABLE)
  if (issue.state === 'pending') throw new ActionError('CONFLICT', '本期已提交审核，请先撤回后再修改')
}

const photoGroups = (issue: Pick<IssueDoc, 'red' | 'black'>) => [
  ...issue.red.map((e, i) => ({ photos: e.photo ? [e.photo] : [], where: `红榜“${e.name}”的照片`, path: `red.${i}.photo` })),
  ...issue.black.map((e, i) => ({ photos: e.photo ? [e.photo] : [], where: `黑榜“${e.name}”的照片`, path: `black.${i}.photo` })),
]

export function assertSubmittable(issue: Pick<IssueDoc, 'state' | 'red' | 'black'>): void {
  if (issue.state !== 'draft') throw new ActionError('CONFLICT', issue.state === 'published' ? ISSUE_IMMUTABLE : '本期已提交审核')
  if (!issue.red.length && !issue.black.length) throw new ActionError('CONFLICT', '请至少添加一条红榜或黑榜')
  assertAllMasked(photoGroups(issue))
}

/**
 * Approving (= publishing): pending, by an admin who neither drafted nor edited it, every photo masked.
 */
export function assertApprovable(issue: Pick<IssueDoc, 'state' | 'editors' | 'red' | 'black'>, approver: { id: string; roles: readonly Role[] }): void {
  if (!approver.roles.includes('admin')) throw new ActionError('FORBIDDEN', '发布红黑榜须由管理员审核')
  if (issue.state === 'published') throw new ActionError('CONFLICT', '本期已发布')
  if (issue.state !== 'pending') throw new ActionError('CONFLICT', '本期尚未提交审核')
  if (issue.editors.includes(approver.id)) throw new ActionError('FORBIDDEN', '发布须经另一人审核：您参与了本期的起草或修改，不能审核发布')
  assertAllMasked(photoGroups(issue))
}

/** Returning to draft: a pending issue (the admin sends it back, or an editor recalls it). */
export function assertReturnable(issue: Pick<IssueDoc, 'state'>): void {
  if (issue.state === 'published') throw new ActionError('CONFLICT', ISSUE_IMMUTABLE)
  if (issue.state !== 'pending') throw new ActionError('CONFLICT', '本期不在待审核状态')
}

// ---------------------------------------------------------------------------------------------------------
// Notes: corrections and follow-ups (`board_notes`), appended to published issues only

export const NOTE_KINDS = ['correction', 'followup'] as const
export const noteKindSchema = z.enum(NOTE_KINDS)
export type NoteKind = z.infer<typeof noteKindSchema>
export const NOTE_KIND_LABELS: Record<NoteKind, string> = { correction: '更正', followup: '跟进' }

export interface NoteDoc {
  _id: string
  issueId: string
  kind: NoteKind
  /** The entry it is about, or null for the issue as a whole. */
  entryKey: string | null
  text: string
  /** A follow-up saying the 黑榜 entry has been fixed (for entries without linked reports). */
  fixed: boolean
  at: string
  byRole: 'staff' | 'admin'
}

export const noteInputSchema = z.strictObject({
  id: idSchema,
  kind: noteKindSchema,
  entryKey: entryKeySchema.optional(),
  text: noteTextSchema,
  fixed: z.boolean().default(false),
})
export type NoteInput = z.infer<typeof noteInputSchema>

export function assertCanAppendNote(issue: Pick<IssueDoc, 'state' | 'red' | 'black'>, input: Pick<NoteInput, 'kind' | 'entryKey' | 'fixed'>): void {
  if (issue.state !== 'published') throw new ActionError('CONFLICT', '只能对已发布的红黑榜追加更正或跟进；草稿请直接修改')
  if (input.entryKey && !issue.red.some((e) => e.key === input.entryKey) && !issue.black.some((e) => e.key === input.entryKey))
    throw new ActionError('NOT_FOUND', '条目不存在', [{ path: 'entryKey', message: '条目不存在' }])
  if (input.fixed && (input.kind !== 'followup' || !issue.black.some((e) => e.key === input.entryKey)))
    throw new ActionError('INVALID_INPUT', '只有黑榜条目的跟进可以标记为已整改', [{ path: 'fixed', message: '请选择黑榜条目' }])
}

export const notePublicSchema = z.object({
  kind: noteKindSchema,
  entryKey: z.string().nullable(),
  text: z.string(),
  fixed: z.boolean(),
  at: isoSchema,
})
export type NotePublic = z.infer<typeof notePublicSchema>
export const toNotePublic = (n: NoteDoc): NotePublic => ({ kind: n.kind, entryKey: n.entryKey, text: n.text, fixed: n.fixed, at: n.at })

// ---------------------------------------------------------------------------------------------------------
// 黑榜 entry status, live

export const BLACK_STATUSES = ['rectifying', 'overdue', 'fixed'] as const
export const blackStatusSchema = z.enum(BLACK_STATUSES)
export type BlackStatus = z.infer<typeof blackStatusSchema>
export const BLACK_STATUS_LABELS: Record<BlackStatus, string> = { rectifying: '整改中', overdue: '逾期未整改', fixed: '已整改' }

export const blackProgressSchema = z.object({
  state: blackStatusSchema,
  /** Linked reports fixed / linked reports that count (closed without a fix leave the count). */
  fixed: z.number().int(),
  total: z.number().int(),
  fixedAt: isoSchema.nullable(),
})
export type BlackProgress = z.infer<typeof blackProgressSchema>

/**
 * Where a 黑榜 entry stands now. Fixed: with linked reports, when every one that counts is 已办结 (the date
 * of the last 销号); without, when a follow-up said so. Otherwise overdue once the deadline the 黑榜 set has
 * passed — the entry's own deadline, not the reports' (being listed gives the unit a new one) — else
 * rectifying.
 */
export function blackProgress(
  entry: Pick<BlackEntry, 'key' | 'reportIds' | 'deadline'>,
  reports: ReadonlyMap<string, LinkedReport>,
  notes: readonly Pick<NoteDoc, 'entryKey' | 'fixed' | 'at'>[],
  now: Date,
): BlackProgress {
  const linked = entry.reportIds.map((id) => reports.get(id)).filter((r): r is LinkedReport => !!r && !isClosedNotFixed(r.status))
  if (linked.length) {
    const fixed = linked.filter((r) => r.status === 'closed')
    const all = fixed.length === linked.length
    const fixedAt = all ? fixed.map((r) => r.closedAt ?? r.statusAt).sort().pop() ?? null : null
    const state: BlackStatus = all ? 'fixed' : now.getTime() > Date.parse(entry.deadline) ? 'overdue' : 'rectifying'
    return { state, fixed: fixed.length, total: linked.length, fixedAt }
  }
  const done = notes.filter((n) => n.entryKey === entry.key && n.fixed).map((n) => n.at).sort()
  if (done.length) return { state: 'fixed', fixed: 0, total: 0, fixedAt: done[0] }
  return { state: now.getTime() > Date.parse(entry.deadline) ? 'overdue' : 'rectifying', fixed: 0, total: 0, fixedAt: null }
}

// ---------------------------------------------------------------------------------------------------------
// Views

export const issueCardSchema = z.object({
  id: z.string(),
  no: z.number().int(),
  title: z.string(),
  periodLabel: z.string(),
  cadence: cadenceSchema,
  publishedAt: isoSchema,
  redCount: z.number().int(),
  blackCount: z.number().int(),
  /** The first names of each list, for the archive card. */
  red: z.array(z.string()).max(3),
  black: z.array(z.string()).max(3),
  /** A 红榜 photo thumbnail for the card, if any. */
  thumb: z.string().nullable(),
})
export type IssueCard = z.infer<typeof issueCardSchema>

export function toIssueCard(issue: IssueDoc, title: string): IssueCard {
  const photo = issue.red.find((e) => e.photo?.masked)?.photo ?? null
  return {
    id: issue._id,
    no: issue.no ?? 0,
    title,
    periodLabel: issue.period.label,
    cadence: issue.cadence,
    publishedAt: issue.publishedAt ?? issue.updatedAt,
    redCount: issue.red.length,
    blackCount: issue.black.length,
    red: issue.red.slice(0, 3).map((e) => e.name),
    black: issue.black.slice(0, 3).map((e) => e.name),
    thumb: photo ? (photo.thumb ?? photo.masked) : null,
  }
}

export const redPublicSchema = z.object({
  key: z.string(),
  subjectType: subjectTypeSchema,
  name: z.string(),
  reason: z.string(),
  photo: publicPhotoSchema.nullable(),
  basis: figuresSchema.nullable(),
})
export const blackPublicSchema = z.object({
  key: z.string(),
  subjectType: blackSubjectTypeSchema,
  name: z.string(),
  problem: z.string(),
  requirement: z.string(),
  deadline: isoSchema,
  photo: publicPhotoSchema.nullable(),
  basis: figuresSchema.nullable(),
  progress: blackProgressSchema,
  /** The linked reports and where each stands (numbers only; details are on the report's public page). */
  reports: z.array(z.object({ id: z.string(), status: reportStatusSchema })),
})
export type RedPublic = z.infer<typeof redPublicSchema>
export type BlackPublic = z.infer<typeof blackPublicSchema>

export const issuePublicSchema = z.object({
  id: z.string(),
  no: z.number().int(),
  title: z.string(),
  cadence: cadenceSchema,
  period: periodSchema,
  intro: z.string(),
  publishedAt: isoSchema,
  red: z.array(redPublicSchema),
  black: z.array(blackPublicSchema),
  /** Corrections and follow-ups, oldest first. */
  notes: z.array(notePublicSchema),
  /** Neighbouring issues by number (older / newer). */
  prevId: z.string().nullable(),
  nextId: z.string().nullable(),
})
export type IssuePublic = z.infer<typeof issuePublicSchema>

export function toIssuePublic(
  issue: IssueDoc,
  more: { title: string; reports: ReadonlyMap<string, LinkedReport>; notes: readonly NoteDoc[]; prevId: string | null; nextId: string | null },
  now: Date,
): IssuePublic {
  return {
    id: issue._id,
    no: issue.no ?? 0,
    title: more.title,
    cadence: issue.cadence,
    period: issue.period,
    intro: issue.intro,
    publishedAt: issue.publishedAt ?? issue.updatedAt,
    red: issue.red.map((e) => ({ key: e.key, subjectType: e.subjectType, name: e.name, reason: e.reason, photo: e.photo ? toPublicPhoto(e.photo) : null, basis: e.basis })),
    black: issue.black.map((e) => ({
      key: e.key,
      subjectType: e.subjectType,
      name: e.name,
      problem: e.problem,
      requirement: e.requirement,
      deadline: e.deadline,
      photo: e.photo ? toPublicPhoto(e.photo) : null,
      basis: e.basis,
      progress: blackProgress(e, more.reports, more.notes, now),
      reports: e.reportIds.flatMap((id) => {
        const r = more.reports.get(id)
        return r ? [{ id, status: r.status as ReportStatus }] : []
      }),
    })),
    notes: more.notes.map(toNotePublic),
    prevId: more.prevId,
    nextId: more.nextId,
  }
}

export const issueStaffSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  state: issueStateSchema,
  no: z.number().int().nullable(),
  title: z.string(),
  series: z.string(),
  cadence: cadenceSchema,
  period: periodSchema,
  intro: z.string(),
  red: z.array(redEntrySchema),
  black: z.array(blackEntrySchema.extend({ progress: blackProgressSchema })),
  proposals: z.array(proposalSchema),
  proposalNotes: z.array(z.string()),
  author: staffRefSchema,
  editors: z.number().int(),
  submittedBy: staffRefSchema.nullable(),
  submittedAt: isoSchema.nullable(),
  returned: z.object({ note: z.string(), at: isoSchema, by: staffRefSchema }).nullable(),
  approvedBy: staffRefSchema.nullable(),
  publishedAt: isoSchema.nullable(),
  createdAt: isoSchema,
  updatedAt: isoSchema,
  notes: z.array(notePublicSchema),
  /** Photos still to mask. */
  unmasked: z.number().int(),
  /** The caller drafted or edited it (so may not approve it). */
  iEdited: z.boolean(),
})
export type IssueStaff = z.infer<typeof issueStaffSchema>

export const allPhotos = (issue: Pick<IssueDoc, 'red' | 'black'>): BoardPhoto[] =>
  [...issue.red, ...issue.black].map((e) => e.photo).filter((p): p is BoardPhoto => p !== null)

export function toIssueStaff(
  issue: IssueDoc,
  more: { title: string; reports: ReadonlyMap<string, LinkedReport>; notes: readonly NoteDoc[]; viewer: string },
  now: Date,
): IssueStaff {
  return {
    id: issue._id,
    version: issue.version,
    state: issue.state,
    no: issue.no,
    title: more.title,
    series: issue.series,
    cadence: issue.cadence,
    period: issue.period,
    intro: issue.intro,
    red: issue.red,
    black: issue.black.map((e) => ({ ...e, progress: blackProgress(e, more.reports, more.notes, now) })),
    proposals: issue.proposals,
    proposalNotes: issue.proposalNotes,
    author: issue.author,
    editors: issue.editors.length,
    submittedBy: issue.submittedBy,
    submittedAt: issue.submittedAt,
    returned: issue.returned,
    approvedBy: issue.approvedBy,
    publishedAt: issue.publishedAt,
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
    notes: more.notes.map(toNotePublic),
    unmasked: allPhotos(issue).filter((p) => !p.masked).length,
    iEdited: issue.editors.includes(more.viewer),
  }
}

export const issueStaffCardSchema = z.object({
  id: z.string(),
  state: issueStateSchema,
  no: z.number().int().nullable(),
  title: z.string(),
  periodLabel: z.string(),
  redCount: z.number().int(),
  blackCount: z.number().int(),
  author: staffRefSchema,
  updatedAt: isoSchema,
  publishedAt: isoSchema.nullable(),
})
export type IssueStaffCard = z.infer<typeof issueStaffCardSchema>

export const toIssueStaffCard = (issue: IssueDoc, title: string): IssueStaffCard => ({
  id: issue._id,
  state: issue.state,
  no: issue.no,
  title,
  periodLabel: issue.period.label,
  redCount: issue.red.length,
  blackCount: issue.black.length,
  author: issue.author,
  updatedAt: issue.updatedAt,
  publishedAt: issue.publishedAt,
})

/** Title as shown: `… 第12期` once published, `…（草稿）` before. */
export const displayTitle = (issue: Pick<IssueDoc, 'series' | 'no' | 'state'>): string =>
  issue.no !== null ? `${issue.series} 第${issue.no}期` : `${issue.series}（${ISSUE_STATE_LABELS[issue.state]}）`
