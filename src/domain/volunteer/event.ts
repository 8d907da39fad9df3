import { z } from 'zod'
import {
  idSchema,
  isoSchema,
  latSchema,
  lngSchema,
  notesSchema,
  placeSchema,
  postKindSchema,
  postTaskSchema,
  serviceTypeSchema,
  textSchema,
  titleSchema,
  type Place,
  type PostKind,
  type PostTask,
  type ServiceType,
} from './fields'
import { DAY_MS, HOUR_MS, MINUTE_MS } from './time'
import { teamRefSchema, type TeamRef } from './volunteer'

/**
 * 志愿活动 (an event), stored in `volunteer_events`:
 *   draft → published → ongoing → finished, or cancelled (from draft or published).
 * published → ongoing → finished follow the clock: a timer moves the stored status, and every rule uses
 * `effectiveStatus`, so a late timer never lets someone sign up to an event that has started.
 *
 * A 周五环境整治 covers a district: the event has posts (点位: streets, compounds, intersections), each
 * with a task and a needed headcount; volunteers are assigned to posts and the organiser sees what is
 * still uncovered.
 */
export const EVENT_STATUSES = ['draft', 'published', 'ongoing', 'finished', 'cancelled'] as const
export const eventStatusSchema = z.enum(EVENT_STATUSES)
export type EventStatus = z.infer<typeof eventStatusSchema>
export const EVENT_STATUS_LABELS: Record<EventStatus, string> = {
  draft: '草稿',
  published: '报名中',
  ongoing: '进行中',
  finished: '已结束',
  cancelled: '已取消',
}

/** Sign-ups open this many days before the start (so the keenest cannot book the whole season). */
export const SIGNUP_OPENS_DAYS = 7
/** Default 报名截止: this long before the start. */
export const DEFAULT_DEADLINE_MINUTES = 120
export const CAPACITY_MAX = 500
/** Waiting places per event: the queue lives in the event document (read inside the sign-up transaction). */
export const WAITLIST_MAX = 300
export const POSTS_MAX = 50
/** The longest event (a whole day of service); longer work is several events. */
export const EVENT_MAX_HOURS = 12

export const postLocationSchema = z.object({ lat: latSchema, lng: lngSchema })

export interface EventPost {
  id: string
  name: string
  kind: PostKind
  task: PostTask
  needed: number
  location: { lat: number; lng: number } | null
  /** Confirmed volunteers assigned to this post. */
  assigned: number
}

export const postInputSchema = z.strictObject({
  /** Keep a post's id when editing, so assignments stay; new posts get one. */
  id: z.string().regex(/^p[0-9]{1,3}$/, '点位编号格式不正确').optional(),
  name: textSchema(1, 40, '点位名称'),
  kind: postKindSchema.default('street'),
  task: postTaskSchema,
  needed: z.number().int().min(1, '所需人数至少 1 人').max(100, '所需人数最多 100 人').meta({ title: '所需人数' }),
  location: postLocationSchema.optional(),
})
export type PostInput = z.input<typeof postInputSchema>

export interface EventDoc {
  _id: string
  title: string
  type: ServiceType
  place: Place
  meetingPoint: string | null
  startAt: string
  endAt: string
  capacity: number
  signupOpensAt: string
  signupDeadline: string
  organiser: { name: string; openid: string }
  /** Only members of this team may sign up. */
  team: TeamRef | null
  notes: string | null
  posts: EventPost[]
  status: EventStatus
  seriesId: string | null
  /** Confirmed sign-ups (never above capacity). */
  confirmedCount: number
  /** OPENIDs waiting, in order. */
  waitlist: string[]
  /** Sign-ups ever made (arrival order of each sign-up). */
  signupSeq: number
  cancelReason: string | null
  cancelledAt: string | null
  publishedAt: string | null
  startedAt: string | null
  finishedAt: string | null
  /** Set once the timer has marked no-shows. */
  noShowsMarkedAt: string | null
  createdBy: string
  createdAt: string
  updatedAt: string
}

/** The fields staff write when creating or editing an event. */
export const eventFieldsShape = {
  title: titleSchema,
  type: serviceTypeSchema.meta({ title: '活动类型' }),
  place: placeSchema.meta({ title: '活动地点' }),
  meetingPoint: textSchema(1, 100, '集合地点').optional(),
  startAt: isoSchema.meta({ title: '开始时间' }),
  endAt: isoSchema.meta({ title: '结束时间' }),
  capacity: z.number().int().min(1, '招募人数至少 1 人').max(CAPACITY_MAX, `招募人数最多 ${CAPACITY_MAX} 人`).meta({ title: '招募人数' }),
  /** Default: two hours before the start. */
  signupDeadline: isoSchema.optional().meta({ title: '报名截止时间' }),
  organiserName: textSchema(2, 40, '组织单位').meta({ title: '组织单位' }),
  teamId: idSchema.optional().meta({ title: '限定志愿服务队' }),
  notes: notesSchema.optional(),
  posts: z.array(postInputSchema).max(POSTS_MAX, `最多 ${POSTS_MAX} 个点位`).default([]).meta({ title: '点位' }),
}

/** Why these times are not acceptable, or null. `now` is checked only for new times (editing a past event is refused elsewhere). */
export function eventTimesProblem(t: { startAt: string; endAt: string; signupDeadline: string }, now: Date): string | null {
  const start = Date.parse(t.startAt)
  const end = Date.parse(t.endAt)
  const deadline = Date.parse(t.signupDeadline)
  if (end <= start) return '结束时间应晚于开始时间'
  if (end - start < 30 * MINUTE_MS) return '活动时长至少 30 分钟'
  if (end - start > EVENT_MAX_HOURS * HOUR_MS) return `活动时长最多 ${EVENT_MAX_HOURS} 小时`
  if (start <= now.getTime()) return '开始时间应晚于现在'
  if (deadline > start) return '报名截止时间不能晚于开始时间'
  if (deadline <= now.getTime()) return '报名截止时间应晚于现在'
  return null
}

export const defaultDeadline = (startAt: string): string => new Date(Date.parse(startAt) - DEFAULT_DEADLINE_MINUTES * MINUTE_MS).toISOString()
export const signupOpensAt = (startAt: string): string => new Date(Date.parse(startAt) - SIGNUP_OPENS_DAYS * DAY_MS).toISOString()

/** Posts from input: ids kept or given (`p1`, `p2` …), assigned counts carried over from `previous`. */
export function buildPosts(inputs: readonly z.output<typeof postInputSchema>[], previous: readonly EventPost[] = []): EventPost[] {
  const prev = new Map(previous.map((p) => [p.id, p]))
  let next = Math.max(0, ...previous.map((p) => Number(p.id.slice(1))), ...inputs.map((p) => (p.id ? Number(p.id.slice(1)) : 0)))
  const seen = new Set<string>()
  return inputs.map((p) => {
    let id = p.id && !seen.has(p.id) ? p.id : `p${++next}`
    if (seen.has(id)) id = `p${++next}`
    seen.add(id)
    return {
      id,
      name: p.name,
      kind: p.kind,
      task: p.task,
      needed: p.needed,
      location: p.location ?? null,
      assigned: prev.get(id)?.assigned ?? 0,
    }
  })
}

/** The status the clock says an event is in. */
export function effectiveStatus(e: Pick<EventDoc, 'status' | 'startAt' | 'endAt'>, now: Date): EventStatus {
  if (e.status === 'draft' || e.status === 'cancelled' || e.status === 'finished') return e.status
  const t = now.getTime()
  if (t >= Date.parse(e.endAt)) return 'finished'
  if (t >= Date.parse(e.startAt)) return 'ongoing'
  return 'published'
}

export type SignupWindow = 'not_published' | 'not_open' | 'open' | 'closed' | 'cancelled'

/** Whether sign-ups (and cancellations) are accepted now. */
export function signupWindow(e: Pick<EventDoc, 'status' | 'startAt' | 'endAt' | 'signupOpensAt' | 'signupDeadline'>, now: Date): SignupWindow {
  const s = effectiveStatus(e, now)
  if (s === 'draft') return 'not_published'
  if (s === 'cancelled') return 'cancelled'
  if (s !== 'published') return 'closed'
  const t = now.getTime()
  if (t < Date.parse(e.signupOpensAt)) return 'not_open'
  if (t > Date.parse(e.signupDeadline)) return 'closed'
  return 'open'
}

export const SIGNUP_WINDOW_MESSAGES: Record<Exclude<SignupWindow, 'open'>, string> = {
  not_published: '活动尚未发布',
  not_open: `报名尚未开始（活动开始前 ${SIGNUP_OPENS_DAYS} 天开放报名）`,
  closed: '报名已截止',
  cancelled: '活动已取消',
}

/** Staff actions by status: what the event may still go through. */
export const EDITABLE_STATUSES: readonly EventStatus[] = ['draft', 'published']
export const CANCELLABLE_STATUSES: readonly EventStatus[] = ['draft', 'published']

// ---------------------------------------------------------------------------------------------- views

export const postViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: postKindSchema,
  task: postTaskSchema,
  needed: z.number().int(),
  assigned: z.number().int(),
  /** needed − assigned, never negative. */
  missing: z.number().int(),
  location: postLocationSchema.nullable(),
})
export type PostView = z.infer<typeof postViewSchema>

export const toPostView = (p: EventPost): PostView => ({ ...p, missing: Math.max(0, p.needed - p.assigned) })

/** The caller's own place on an event, shown on lists and details. */
export const mySignupStateSchema = z.object({
  status: z.enum(['confirmed', 'waitlisted']),
  /** 1-based place in the waitlist; null when confirmed. */
  position: z.number().int().nullable(),
  postId: z.string().nullable(),
  checkedIn: z.boolean(),
  checkedOut: z.boolean(),
})
export type MySignupState = z.infer<typeof mySignupStateSchema>

export const eventSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  type: serviceTypeSchema,
  status: eventStatusSchema,
  startAt: isoSchema,
  endAt: isoSchema,
  place: placeSchema,
  capacity: z.number().int(),
  confirmedCount: z.number().int(),
  waitlistCount: z.number().int(),
  signupOpensAt: isoSchema,
  signupDeadline: isoSchema,
  /** open / not_open / closed … as of now. */
  signupWindow: z.enum(['not_published', 'not_open', 'open', 'closed', 'cancelled']),
  organiserName: z.string(),
  team: teamRefSchema.nullable(),
  seriesId: z.string().nullable(),
  postCount: z.number().int(),
  /** Posts still short of volunteers. */
  uncoveredPosts: z.number().int(),
  /** The caller's sign-up (confirmed or waitlisted), or null. */
  my: mySignupStateSchema.nullable(),
})
export type EventSummary = z.infer<typeof eventSummarySchema>

export const eventDetailSchema = eventSummarySchema.extend({
  meetingPoint: z.string().nullable(),
  notes: z.string().nullable(),
  posts: z.array(postViewSchema),
  cancelReason: z.string().nullable(),
})
export type EventDetail = z.infer<typeof eventDetailSchema>

export function toEventSummary(e: EventDoc, now: Date, my: MySignupState | null): EventSummary {
  return {
    id: e._id,
    title: e.title,
    type: e.type,
    status: effectiveStatus(e, now),
    startAt: e.startAt,
    endAt: e.endAt,
    place: e.place,
    capacity: e.capacity,
    confirmedCount: e.confirmedCount,
    waitlistCount: e.waitlist.length,
    signupOpensAt: e.signupOpensAt,
    signupDeadline: e.signupDeadline,
    signupWindow: signupWindow(e, now),
    organiserName: e.organiser.name,
    team: e.team,
    seriesId: e.seriesId,
    postCount: e.posts.length,
    uncoveredPosts: e.posts.filter((p) => p.assigned < p.needed).length,
    my,
  }
}

export function toEventDetail(e: EventDoc, now: Date, my: MySignupState | null): EventDetail {
  return {
    ...toEventSummary(e, now, my),
    meetingPoint: e.meetingPoint,
    notes: e.notes,
    posts: e.posts.map(toPostView),
    cancelReason: e.cancelReason,
  }
}
