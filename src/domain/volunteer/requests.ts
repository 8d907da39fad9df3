import { z } from 'zod'
import { commentSchema, descriptionSchema, isoSchema, mobileSchema, noteSchema, placeSchema, realNameSchema, serviceTypeSchema, textSchema, type Place, type ServiceType } from './fields'
import { maskMobile, maskName, teamRefSchema, type TeamRef } from './volunteer'

/**
 * 点单 → 派单 → 接单 → 评单 (`volunteer_requests`): a resident asks for a service; staff dispatch it to a
 * 志愿服务队; a volunteer of that team takes it; after it is done the resident rates it and the hours are
 * credited to the volunteer (unrated requests are credited automatically after `AUTO_CREDIT_DAYS`).
 *
 *   submitted → dispatched → taken → done → rated
 *   submitted | dispatched → cancelled (resident) | rejected (staff)
 *   dispatched | taken → dispatched (the volunteer gives it back / staff re-dispatch)
 */
export const REQUEST_STATUSES = ['submitted', 'dispatched', 'taken', 'done', 'rated', 'cancelled', 'rejected'] as const
export const requestStatusSchema = z.enum(REQUEST_STATUSES)
export type RequestStatus = z.infer<typeof requestStatusSchema>
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  submitted: '待派单',
  dispatched: '待接单',
  taken: '服务中',
  done: '待评价',
  rated: '已评价',
  cancelled: '已取消',
  rejected: '未受理',
}

export const REQUEST_ACTIONS = ['dispatch', 'take', 'release', 'complete', 'rate', 'cancel', 'reject', 'autoCredit'] as const
export type RequestAction = (typeof REQUEST_ACTIONS)[number]

const FROM: Record<RequestAction, readonly RequestStatus[]> = {
  dispatch: ['submitted', 'dispatched', 'taken'],
  take: ['dispatched'],
  release: ['taken'],
  complete: ['taken'],
  rate: ['done'],
  cancel: ['submitted', 'dispatched'],
  reject: ['submitted', 'dispatched'],
  autoCredit: ['done'],
}
const TO: Record<RequestAction, RequestStatus> = {
  dispatch: 'dispatched',
  take: 'taken',
  release: 'dispatched',
  complete: 'done',
  rate: 'rated',
  cancel: 'cancelled',
  reject: 'rejected',
  autoCredit: 'rated',
}

/** The status after `action`, or null when the request is not in a status that allows it. */
export const requestTransition = (from: RequestStatus, action: RequestAction): RequestStatus | null => (FROM[action].includes(from) ? TO[action] : null)

/** Service hours a volunteer may report for one request (a visit is not a day's work). */
export const REQUEST_MAX_MINUTES = 8 * 60
/** Unrated requests are credited this long after completion. */
export const AUTO_CREDIT_DAYS = 7

export interface RequestDoc {
  _id: string
  residentId: string
  category: ServiceType
  place: Place
  expectedAt: string
  description: string
  contact: { name: string; mobile: string }
  status: RequestStatus
  team: TeamRef | null
  dispatchedAt: string | null
  dispatchedBy: string | null
  volunteer: { openid: string; name: string } | null
  takenAt: string | null
  doneAt: string | null
  minutes: number | null
  doneNote: string | null
  rating: { score: number; comment: string | null; at: string; auto: boolean } | null
  creditedAt: string | null
  closedReason: string | null
  createdAt: string
  updatedAt: string
  version: number
}

export const submitRequestInputSchema = z.strictObject({
  category: serviceTypeSchema.meta({ title: '服务类别' }),
  place: placeSchema.meta({ title: '服务地点' }),
  expectedAt: isoSchema.meta({ title: '期望时间' }),
  description: descriptionSchema,
  contactName: realNameSchema.meta({ title: '联系人' }),
  contactMobile: mobileSchema.meta({ title: '联系电话' }),
})

export const completeRequestInputSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确'),
  minutes: z.number().int().min(10, '服务时长至少 10 分钟').max(REQUEST_MAX_MINUTES, `单次服务最多 ${REQUEST_MAX_MINUTES / 60} 小时`).meta({ title: '服务时长（分钟）' }),
  note: noteSchema.optional(),
})

export const rateRequestInputSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确'),
  score: z.number().int().min(1, '请评分').max(5).meta({ title: '评分' }),
  comment: commentSchema.optional(),
})

export const requestReasonSchema = textSchema(2, 200, '理由')

/** The resident's own request: their contact in full, the volunteer by masked name. */
export const requestViewSchema = z.object({
  id: z.string(),
  category: serviceTypeSchema,
  place: placeSchema,
  expectedAt: isoSchema,
  description: z.string(),
  status: requestStatusSchema,
  team: teamRefSchema.nullable(),
  volunteerName: z.string().nullable(),
  contactName: z.string(),
  /** In full to the resident and to the volunteer who took the request; masked to anyone else. */
  contactMobile: z.string(),
  minutes: z.number().int().nullable(),
  doneNote: z.string().nullable(),
  rating: z.object({ score: z.number().int(), comment: z.string().nullable(), auto: z.boolean() }).nullable(),
  closedReason: z.string().nullable(),
  createdAt: isoSchema,
  dispatchedAt: isoSchema.nullable(),
  takenAt: isoSchema.nullable(),
  doneAt: isoSchema.nullable(),
  /** The volunteer who took it is the caller. */
  mine: z.boolean(),
})
export type RequestView = z.infer<typeof requestViewSchema>

/**
 * Who is looking: the resident who asked; the volunteer who took it; another member of the team it was
 * dispatched to (browsing open requests); staff. Contact details go in full only to the resident and the
 * taker; staff and the team see them masked.
 */
export type RequestAudience = 'resident' | 'taker' | 'team' | 'staff'

export function toRequestView(r: RequestDoc, audience: RequestAudience): RequestView {
  const fullContact = audience === 'resident' || audience === 'taker'
  const fullVolunteer = audience === 'taker' || audience === 'staff'
  return {
    id: r._id,
    category: r.category,
    place: r.place,
    expectedAt: r.expectedAt,
    description: r.description,
    status: r.status,
    team: r.team,
    volunteerName: r.volunteer ? (fullVolunteer ? r.volunteer.name : maskName(r.volunteer.name)) : null,
    contactName: fullContact || audience === 'staff' ? r.contact.name : maskName(r.contact.name),
    contactMobile: fullContact ? r.contact.mobile : maskMobile(r.contact.mobile),
    minutes: r.minutes,
    doneNote: r.doneNote,
    rating: r.rating ? { score: r.rating.score, comment: r.rating.comment, auto: r.rating.auto } : null,
    closedReason: r.closedReason,
    createdAt: r.createdAt,
    dispatchedAt: r.dispatchedAt,
    takenAt: r.takenAt,
    doneAt: r.doneAt,
    mine: audience === 'taker',
  }
}
