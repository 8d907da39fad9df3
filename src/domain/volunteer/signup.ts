import { z } from 'zod'
import { isoSchema, serviceTypeSchema } from './fields'
import { signupWindow, SIGNUP_WINDOW_MESSAGES, WAITLIST_MAX, type EventDoc, type EventStatus, type MySignupState } from './event'
import { noShowState, NO_SHOW_RULE } from './noshow'
import type { Slot, VolunteerDoc } from './volunteer'
import { maskMobile } from './volunteer'

/**
 * 报名 (a sign-up), stored in `volunteer_signups` with `_id` = `<eventId>:<openid>` — one per person and
 * event by construction, so a double tap cannot take two places. It also carries the attendance (签到/签退)
 * and the hours of that participation.
 */
export const SIGNUP_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const
export const signupStatusSchema = z.enum(SIGNUP_STATUSES)
export type SignupStatus = z.infer<typeof signupStatusSchema>
export const SIGNUP_STATUS_LABELS: Record<SignupStatus, string> = { confirmed: '已报名', waitlisted: '候补中', cancelled: '已取消' }

export const signupId = (eventId: string, openid: string): string => `${eventId}:${openid}`

export const HOURS_SOURCES = ['recorded', 'manual'] as const
export const hoursSourceSchema = z.enum(HOURS_SOURCES)
export type HoursSource = z.infer<typeof hoursSourceSchema>
export const HOURS_SOURCE_LABELS: Record<HoursSource, string> = { recorded: '签到记录', manual: '组织者补录' }

export const hoursStatusSchema = z.enum(['pending', 'confirmed'])
export type HoursStatus = z.infer<typeof hoursStatusSchema>

export const attendanceMarkSchema = z.object({
  at: isoSchema,
  /** `scan`: the volunteer scanned the organiser's code on site; `organiser`: marked by hand. */
  method: z.enum(['scan', 'organiser']),
  by: z.string(),
  /** Distance from the event's place or post when scanned (metres). */
  distanceM: z.number().int().nullable(),
})
export type AttendanceMark = z.infer<typeof attendanceMarkSchema>

export interface SignupHours {
  minutes: number
  source: HoursSource
  status: HoursStatus
  reason: string | null
  setBy: string
  setAt: string
  confirmedBy: string | null
  confirmedAt: string | null
}

export interface SignupDoc {
  _id: string
  eventId: string
  openid: string
  /** Real name, for the organiser's roster (denormalised; never the mobile). */
  name: string
  teamId: string | null
  status: SignupStatus
  /** Arrival order on this event (the event's signupSeq when this sign-up was made). */
  seq: number
  postId: string | null
  signedUpAt: string
  confirmedAt: string | null
  promotedAt: string | null
  cancelledAt: string | null
  /** Denormalised from the event for the volunteer's own list. */
  eventTitle: string
  eventType: z.infer<typeof serviceTypeSchema>
  eventStartAt: string
  eventEndAt: string
  checkIn: AttendanceMark | null
  checkOut: AttendanceMark | null
  noShow: boolean
  /** Added by an organiser after the fact (a past event the volunteer served at without signing up). */
  addedByOrganiser: boolean
  hours: SignupHours | null
  updatedAt: string
}

// ------------------------------------------------------------------------------------------- planning

export type Refusal = { ok: false; code: 'FORBIDDEN' | 'CONFLICT' | 'NOT_FOUND' | 'INVALID_INPUT'; message: string }

/** Two time ranges overlap when each starts before the other ends (back-to-back events do not). */
export const overlaps = (a: { startAt: string; endAt: string }, b: { startAt: string; endAt: string }): boolean =>
  Date.parse(a.startAt) < Date.parse(b.endAt) && Date.parse(b.startAt) < Date.parse(a.endAt)

/** Slots still relevant (not yet ended). */
export const liveSlots = (slots: readonly Slot[], now: Date): Slot[] => slots.filter((s) => Date.parse(s.endAt) > now.getTime())

export type SignupPlan =
  | Refusal
  | {
      ok: true
      status: 'confirmed' | 'waitlisted'
      /** 1-based waitlist position, null when confirmed. */
      position: number | null
      seq: number
      postId: string | null
      /** The volunteer's slots after this sign-up. */
      slots: Slot[]
      /** The caller already holds this place: nothing to write. */
      unchanged: boolean
    }

/**
 * The sign-up rule, decided on the documents read inside the transaction:
 * approved volunteer, not paused, the window open, the team restriction, no overlap with another event
 * the volunteer is on (confirmed or waitlisted — a waitlisted place must be takeable when promoted),
 * then a place if one is free, else the waitlist.
 */
export function planSignup(opts: {
  event: EventDoc
  volunteer: VolunteerDoc | null
  existing: SignupDoc | null
  postId: string | null
  now: Date
}): SignupPlan {
  const { event, volunteer, existing, now } = opts
  if (!volunteer || volunteer.status !== 'approved') return { ok: false, code: 'FORBIDDEN', message: '请先完成志愿者实名注册并通过审核' }
  if (existing && existing.status !== 'cancelled') {
    const position = existing.status === 'waitlisted' ? event.waitlist.indexOf(volunteer._id) + 1 || null : null
    return { ok: true, status: existing.status, position, seq: existing.seq, postId: existing.postId, slots: volunteer.slots, unchanged: true }
  }
  const window = signupWindow(event, now)
  if (window !== 'open') return { ok: false, code: 'CONFLICT', message: SIGNUP_WINDOW_MESSAGES[window] }
  if (noShowState(volunteer, now).paused) {
    return {
      ok: false,
      code: 'FORBIDDEN',
      message: `近 ${NO_SHOW_RULE.windowDays} 天内爽约已达 ${NO_SHOW_RULE.threshold} 次，报名已暂停，请联系创城办恢复`,
    }
  }
  if (event.team && volunteer.team?.id !== event.team.id) return { ok: false, code: 'FORBIDDEN', message: `本活动仅限${event.team.name}队员报名` }
  const slots = liveSlots(volunteer.slots, now).filter((s) => s.eventId !== event._id)
  const clash = slots.find((s) => overlaps(s, event))
  if (clash) return { ok: false, code: 'CONFLICT', message: '您在该时段已报名其他活动' }
  let postId: string | null = null
  if (opts.postId) {
    const post = event.posts.find((p) => p.id === opts.postId)
    if (!post) return { ok: false, code: 'NOT_FOUND', message: '点位不存在' }
    postId = post.id
  }
  const seq = event.signupSeq + 1
  const withSlot = [...slots, { eventId: event._id, startAt: event.startAt, endAt: event.endAt }]
  if (event.confirmedCount < event.capacity) {
    // A chosen post with no room left is not an error: the organiser assigns later.
    const post = postId ? event.posts.find((p) => p.id === postId) : undefined
    return { ok: true, status: 'confirmed', position: null, seq, postId: post && post.assigned < post.needed ? postId : null, slots: withSlot, unchanged: false }
  }
  if (event.waitlist.length >= WAITLIST_MAX) return { ok: false, code: 'CONFLICT', message: '名额已满，候补人数也已满' }
  return { ok: true, status: 'waitlisted', position: event.waitlist.length + 1, seq, postId: null, slots: withSlot, unchanged: false }
}

export type CancelPlan =
  | Refusal
  | {
      ok: true
      /** The caller had a confirmed place (so the first waiting volunteer, if any, is promoted). */
      freedPlace: boolean
      /** Who takes the freed place. */
      promote: string | null
      waitlist: string[]
    }

/** Cancelling is allowed until the sign-up deadline; a confirmed place goes to the first on the waitlist. */
export function planCancel(opts: { event: EventDoc; signup: SignupDoc | null; now: Date }): CancelPlan {
  const { event, signup, now } = opts
  if (!signup || signup.status === 'cancelled') return { ok: false, code: 'NOT_FOUND', message: '您没有报名该活动' }
  const window = signupWindow(event, now)
  if (window !== 'open' && window !== 'not_open') {
    return { ok: false, code: 'CONFLICT', message: window === 'closed' ? '报名已截止，不能取消；如不能参加请联系组织者' : SIGNUP_WINDOW_MESSAGES[window] }
  }
  if (signup.status === 'waitlisted') {
    return { ok: true, freedPlace: false, promote: null, waitlist: event.waitlist.filter((id) => id !== signup.openid) }
  }
  const [promote = null, ...rest] = event.waitlist
  return { ok: true, freedPlace: true, promote, waitlist: promote ? rest : event.waitlist }
}

/** The event's status allows attendance (check-in, hand marking) now. */
export const attendanceOpen = (status: EventStatus): boolean => status === 'published' || status === 'ongoing' || status === 'finished'

export function mySignupState(s: SignupDoc | null | undefined, event: Pick<EventDoc, 'waitlist'>): MySignupState | null {
  if (!s || s.status === 'cancelled') return null
  return {
    status: s.status,
    position: s.status === 'waitlisted' ? event.waitlist.indexOf(s.openid) + 1 || null : null,
    postId: s.postId,
    checkedIn: !!s.checkIn,
    checkedOut: !!s.checkOut,
  }
}

// ---------------------------------------------------------------------------------------------- views

export const hoursViewSchema = z.object({
  minutes: z.number().int(),
  source: hoursSourceSchema,
  status: hoursStatusSchema,
  reason: z.string().nullable(),
  confirmedAt: isoSchema.nullable(),
})
export type HoursView = z.infer<typeof hoursViewSchema>
const toHoursView = (h: SignupHours | null): HoursView | null =>
  h ? { minutes: h.minutes, source: h.source, status: h.status, reason: h.reason, confirmedAt: h.confirmedAt } : null

/** One of the volunteer's own participations. */
export const mySignupViewSchema = z.object({
  eventId: z.string(),
  eventTitle: z.string(),
  eventType: serviceTypeSchema,
  startAt: isoSchema,
  endAt: isoSchema,
  status: signupStatusSchema,
  position: z.number().int().nullable(),
  postId: z.string().nullable(),
  signedUpAt: isoSchema,
  checkInAt: isoSchema.nullable(),
  checkOutAt: isoSchema.nullable(),
  noShow: z.boolean(),
  hours: hoursViewSchema.nullable(),
})
export type MySignupView = z.infer<typeof mySignupViewSchema>

export function toMySignupView(s: SignupDoc, waitlist: readonly string[] | null): MySignupView {
  return {
    eventId: s.eventId,
    eventTitle: s.eventTitle,
    eventType: s.eventType,
    startAt: s.eventStartAt,
    endAt: s.eventEndAt,
    status: s.status,
    position: s.status === 'waitlisted' && waitlist ? waitlist.indexOf(s.openid) + 1 || null : null,
    postId: s.postId,
    signedUpAt: s.signedUpAt,
    checkInAt: s.checkIn?.at ?? null,
    checkOutAt: s.checkOut?.at ?? null,
    noShow: s.noShow,
    hours: toHoursView(s.hours),
  }
}

/** A row of the organiser's roster: real name and masked mobile (to call a late volunteer), never the ID. */
export const rosterRowSchema = z.object({
  openid: z.string(),
  name: z.string(),
  mobileMasked: z.string(),
  team: z.string().nullable(),
  status: signupStatusSchema,
  position: z.number().int().nullable(),
  seq: z.number().int(),
  postId: z.string().nullable(),
  signedUpAt: isoSchema,
  checkIn: attendanceMarkSchema.nullable(),
  checkOut: attendanceMarkSchema.nullable(),
  noShow: z.boolean(),
  addedByOrganiser: z.boolean(),
  hours: hoursViewSchema.nullable(),
})
export type RosterRow = z.infer<typeof rosterRowSchema>

export function toRosterRow(s: SignupDoc, waitlist: readonly string[], v: Pick<VolunteerDoc, 'mobile' | 'team'> | undefined): RosterRow {
  return {
    openid: s.openid,
    name: s.name,
    mobileMasked: v ? maskMobile(v.mobile) : '****',
    team: v?.team?.name ?? null,
    status: s.status,
    position: s.status === 'waitlisted' ? waitlist.indexOf(s.openid) + 1 || null : null,
    seq: s.seq,
    postId: s.postId,
    signedUpAt: s.signedUpAt,
    checkIn: s.checkIn,
    checkOut: s.checkOut,
    noShow: s.noShow,
    addedByOrganiser: s.addedByOrganiser,
    hours: toHoursView(s.hours),
  }
}

