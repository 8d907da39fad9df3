import { ActionError, defineHandler, fetchPage, findByIds } from '../kernel'
import { volunteerContract as C } from '../../src/domain/contracts/volunteer'
import { COLLECTIONS } from '../../src/domain/collections'
import {
  liveSlots,
  planCancel,
  planSignup,
  signupId,
  toEventSummary,
  toMySignupView,
  type EventDoc,
  type SignupDoc,
  type VolunteerDoc,
} from '../../src/domain/volunteer'
import { safely, send, signupMessage } from './notify'
import { HOT_TX_RETRIES, patch, signups, txGet } from './repo'

/**
 * 报名 and 取消报名. Each is one transaction over the event document (confirmed count, waitlist queue,
 * post headcounts), the volunteer document (time slots, for overlaps) and the sign-up document
 * (`<eventId>:<openid>`): capacity can never be exceeded and the waitlist keeps arrival order, however many
 * sign up at once — devcloud serialises transactions like WeChat's isolation does.
 */
export const signUp = defineHandler(C, 'signUp', async ({ eventId, postId }, ctx) => {
  const now = ctx.now()
  const at = now.toISOString()
  const sid = signupId(eventId, ctx.openid)
  const result = await ctx.db.runTransaction(async (t) => {
    const event = await txGet<EventDoc>(t, COLLECTIONS.volunteerEvents, eventId)
    if (!event || event.status === 'draft') throw new ActionError('NOT_FOUND', '活动不存在')
    const volunteer = await txGet<VolunteerDoc>(t, COLLECTIONS.volunteers, ctx.openid)
    const existing = await txGet<SignupDoc>(t, COLLECTIONS.volunteerSignups, sid)
    const plan = planSignup({ event, volunteer, existing, postId: postId ?? null, now })
    if (!plan.ok) throw new ActionError(plan.code, plan.message)
    if (plan.unchanged) return { event, signup: existing!, fresh: false }

    const signup: SignupDoc = {
      _id: sid,
      eventId,
      openid: ctx.openid,
      name: volunteer!.name,
      teamId: volunteer!.team?.id ?? null,
      status: plan.status,
      seq: plan.seq,
      postId: plan.postId,
      signedUpAt: at,
      confirmedAt: plan.status === 'confirmed' ? at : null,
      promotedAt: null,
      cancelledAt: null,
      eventTitle: event.title,
      eventType: event.type,
      eventStartAt: event.startAt,
      eventEndAt: event.endAt,
      checkIn: null,
      checkOut: null,
      noShow: false,
      addedByOrganiser: false,
      hours: null,
      updatedAt: at,
    }
    const { _id, ...data } = signup
    void _id
    await t.collection(COLLECTIONS.volunteerSignups).doc(sid).set({ data })
    const eventFields: Partial<EventDoc> = { signupSeq: plan.seq, updatedAt: at }
    if (plan.status === 'confirmed') {
      eventFields.confirmedCount = event.confirmedCount + 1
      if (plan.postId) eventFields.posts = event.posts.map((p) => (p.id === plan.postId ? { ...p, assigned: p.assigned + 1 } : p))
    } else {
      eventFields.waitlist = [...event.waitlist, ctx.openid]
    }
    await t.collection(COLLECTIONS.volunteerEvents).doc(eventId).update({ data: patch(ctx._, eventFields) })
    await t.collection(COLLECTIONS.volunteers).doc(ctx.openid).update({ data: patch(ctx._, { slots: plan.slots, updatedAt: at }) })
    return { event: { ...event, ...eventFields } as EventDoc, signup, fresh: true }
  }, HOT_TX_RETRIES)
  if (result.fresh && result.signup.status === 'confirmed') {
    await safely('signup message', () => send(ctx, [signupMessage(ctx.openid, result.event, '报名成功，请准时到集合点签到')]))
  }
  return { signup: toMySignupView(result.signup, result.event.waitlist), event: toEventSummary(result.event, now, null) }
})

export const cancelSignUp = defineHandler(C, 'cancelSignUp', async ({ eventId }, ctx) => {
  const now = ctx.now()
  const at = now.toISOString()
  const sid = signupId(eventId, ctx.openid)
  const result = await ctx.db.runTransaction(async (t) => {
    const event = await txGet<EventDoc>(t, COLLECTIONS.volunteerEvents, eventId)
    if (!event) throw new ActionError('NOT_FOUND', '活动不存在')
    const signup = await txGet<SignupDoc>(t, COLLECTIONS.volunteerSignups, sid)
    const plan = planCancel({ event, signup, now })
    if (!plan.ok) throw new ActionError(plan.code, plan.message)
    await t.collection(COLLECTIONS.volunteerSignups).doc(sid).update({ data: { status: 'cancelled', cancelledAt: at, postId: null, updatedAt: at } })
    const eventFields: Partial<EventDoc> = { waitlist: plan.waitlist, updatedAt: at }
    let posts = event.posts
    if (plan.freedPlace) {
      eventFields.confirmedCount = event.confirmedCount - 1
      if (signup!.postId) posts = posts.map((p) => (p.id === signup!.postId ? { ...p, assigned: Math.max(0, p.assigned - 1) } : p))
    }
    let promoted: string | null = null
    if (plan.promote) {
      const pid = signupId(eventId, plan.promote)
      const next = await txGet<SignupDoc>(t, COLLECTIONS.volunteerSignups, pid)
      if (next && next.status === 'waitlisted') {
        await t.collection(COLLECTIONS.volunteerSignups).doc(pid).update({ data: { status: 'confirmed', confirmedAt: at, promotedAt: at, updatedAt: at } })
        eventFields.confirmedCount = event.confirmedCount
        promoted = plan.promote
      }
    }
    eventFields.posts = posts
    await t.collection(COLLECTIONS.volunteerEvents).doc(eventId).update({ data: patch(ctx._, eventFields) })
    const v = await txGet<VolunteerDoc>(t, COLLECTIONS.volunteers, ctx.openid)
    if (v) {
      const slots = liveSlots(v.slots, now).filter((s) => s.eventId !== eventId)
      await t.collection(COLLECTIONS.volunteers).doc(ctx.openid).update({ data: patch(ctx._, { slots, updatedAt: at }) })
    }
    return { event: { ...event, ...eventFields } as EventDoc, promoted }
  }, HOT_TX_RETRIES)
  if (result.promoted) {
    const promoted = result.promoted
    await safely('promotion message', () => send(ctx, [signupMessage(promoted, result.event, '候补成功，已为您保留名额')]))
  }
  return { eventId, cancelled: true as const, event: toEventSummary(result.event, now, null) }
})

export const mySignUps = defineHandler(C, 'mySignUps', async ({ scope, offset, limit }, ctx) => {
  const _ = ctx._
  const at = ctx.now().toISOString()
  // Upcoming: places held (confirmed or waiting) on events not yet ended, soonest first; past: the events served, latest first.
  const query =
    scope === 'upcoming'
      ? signups(ctx.db).where({ openid: ctx.openid, status: _.in(['confirmed', 'waitlisted']), eventEndAt: _.gt(at) }).orderBy('eventStartAt', 'asc')
      : signups(ctx.db).where({ openid: ctx.openid, status: 'confirmed', eventEndAt: _.lte(at) }).orderBy('eventStartAt', 'desc')
  const page = await fetchPage<SignupDoc>(query, offset, limit)
  const items = page.items
  const waiting = items.filter((s) => s.status === 'waitlisted')
  const evs = waiting.length ? await findByIds<EventDoc>(ctx.db, COLLECTIONS.volunteerEvents, waiting.map((s) => s.eventId)) : new Map<string, EventDoc>()
  return { items: items.map((s) => toMySignupView(s, evs.get(s.eventId)?.waitlist ?? null)), hasMore: page.hasMore }
})
