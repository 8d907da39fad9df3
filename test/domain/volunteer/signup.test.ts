import {
  effectiveStatus,
  NO_SHOW_RULE,
  noShowState,
  overlaps,
  planCancel,
  planSignup,
  signupId,
  signupWindow,
  withNoShow,
  type EventDoc,
  type SignupDoc,
  type VolunteerDoc,
} from '../../../src/domain/volunteer'
import { anEvent, aVolunteer } from './fixtures'

const now = new Date('2026-11-23T02:00:00.000Z')
const DAY = 24 * 3600_000

function signup(e: EventDoc, openid: string, status: SignupDoc['status']): SignupDoc {
  return {
    _id: signupId(e._id, openid),
    eventId: e._id,
    openid,
    name: 'x',
    teamId: null,
    status,
    seq: 1,
    postId: null,
    signedUpAt: now.toISOString(),
    confirmedAt: null,
    promotedAt: null,
    cancelledAt: null,
    eventTitle: e.title,
    eventType: e.type,
    eventStartAt: e.startAt,
    eventEndAt: e.endAt,
    checkIn: null,
    checkOut: null,
    noShow: false,
    addedByOrganiser: false,
    hours: null,
    updatedAt: now.toISOString(),
  }
}

/** Applies sign-up plans in order, as the transactions would, returning each outcome. */
function runSignups(e: EventDoc, openids: string[]) {
  const out: { openid: string; status: string; position: number | null }[] = []
  for (const o of openids) {
    const plan = planSignup({ event: e, volunteer: aVolunteer(o, now), existing: null, postId: null, now })
    if (!plan.ok) throw new Error(plan.message)
    e.signupSeq = plan.seq
    if (plan.status === 'confirmed') e.confirmedCount++
    else e.waitlist.push(o)
    out.push({ openid: o, status: plan.status, position: plan.position })
  }
  return out
}

describe('sign-up, capacity and the waitlist', () => {
  it('confirms until full, then waitlists in arrival order with positions 1, 2, 3 …', () => {
    const e = anEvent(now, { capacity: 2 })
    const res = runSignups(e, ['a', 'b', 'c', 'd', 'e'])
    expect(res).toEqual([
      { openid: 'a', status: 'confirmed', position: null },
      { openid: 'b', status: 'confirmed', position: null },
      { openid: 'c', status: 'waitlisted', position: 1 },
      { openid: 'd', status: 'waitlisted', position: 2 },
      { openid: 'e', status: 'waitlisted', position: 3 },
    ])
    expect(e.waitlist).toEqual(['c', 'd', 'e'])
    expect(e.signupSeq).toBe(5)
  })

  it('a cancelled confirmed place goes to the first waiting; a waiting cancellation just leaves the queue', () => {
    const e = anEvent(now, { capacity: 2 })
    runSignups(e, ['a', 'b', 'c', 'd', 'e'])
    const first = planCancel({ event: e, signup: signup(e, 'a', 'confirmed'), now })
    expect(first).toEqual({ ok: true, freedPlace: true, promote: 'c', waitlist: ['d', 'e'] })
    e.waitlist = first.ok ? first.waitlist : e.waitlist
    const waiting = planCancel({ event: e, signup: signup(e, 'e', 'waitlisted'), now })
    expect(waiting).toEqual({ ok: true, freedPlace: false, promote: null, waitlist: ['d'] })
    e.waitlist = ['d']
    const second = planCancel({ event: e, signup: signup(e, 'b', 'confirmed'), now })
    expect(second).toMatchObject({ promote: 'd', waitlist: [] })
    const third = planCancel({ event: { ...e, waitlist: [] }, signup: signup(e, 'c', 'confirmed'), now })
    expect(third).toMatchObject({ freedPlace: true, promote: null, waitlist: [] })
  })

  it('answers an existing place unchanged (a double tap takes no second place)', () => {
    const e = anEvent(now, { capacity: 1, confirmedCount: 1, waitlist: ['b'] })
    expect(planSignup({ event: e, volunteer: aVolunteer('a', now), existing: signup(e, 'a', 'confirmed'), postId: null, now })).toMatchObject({ ok: true, unchanged: true, status: 'confirmed' })
    expect(planSignup({ event: e, volunteer: aVolunteer('b', now), existing: signup(e, 'b', 'waitlisted'), postId: null, now })).toMatchObject({ ok: true, unchanged: true, status: 'waitlisted', position: 1 })
  })

  it('refuses the unregistered, the paused, other teams, and closed windows', () => {
    const e = anEvent(now)
    expect(planSignup({ event: e, volunteer: null, existing: null, postId: null, now })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(planSignup({ event: e, volunteer: aVolunteer('a', now, { status: 'pending' }), existing: null, postId: null, now })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const paused = aVolunteer('a', now, { noShows: [1, 2, 3].map((d) => new Date(now.getTime() - d * DAY).toISOString()) })
    expect(planSignup({ event: e, volunteer: paused, existing: null, postId: null, now })).toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringContaining('爽约') })
    const teamOnly = anEvent(now, { team: { id: 't1', name: '文明交通志愿服务队' } })
    expect(planSignup({ event: teamOnly, volunteer: aVolunteer('a', now), existing: null, postId: null, now })).toMatchObject({ ok: false, message: '本活动仅限文明交通志愿服务队队员报名' })
    expect(planSignup({ event: teamOnly, volunteer: aVolunteer('a', now, { team: { id: 't1', name: 'x' } }), existing: null, postId: null, now })).toMatchObject({ ok: true })
    const far = anEvent(now, { startInH: 8 * 24 })
    expect(planSignup({ event: far, volunteer: aVolunteer('a', now), existing: null, postId: null, now })).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('报名尚未开始') })
    const soon = anEvent(now, { startInH: 1 })
    expect(planSignup({ event: soon, volunteer: aVolunteer('a', now), existing: null, postId: null, now })).toMatchObject({ ok: false, message: '报名已截止' })
    expect(planSignup({ event: anEvent(now, { status: 'cancelled' }), volunteer: aVolunteer('a', now), existing: null, postId: null, now })).toMatchObject({ ok: false, message: '活动已取消' })
    expect(planSignup({ event: anEvent(now, { waitlist: Array.from({ length: 300 }, (_, i) => `w${i}`), confirmedCount: 2 }), volunteer: aVolunteer('a', now), existing: null, postId: null, now })).toMatchObject({ ok: false, message: '名额已满，候补人数也已满' })
  })

  it('refuses a sign-up overlapping another event the volunteer holds (back-to-back is fine)', () => {
    const e = anEvent(now, { startInH: 48, hours: 2 })
    const clash = { eventId: 'other', startAt: new Date(Date.parse(e.startAt) + 3600_000).toISOString(), endAt: new Date(Date.parse(e.endAt) + 3600_000).toISOString() }
    expect(planSignup({ event: e, volunteer: aVolunteer('a', now, { slots: [clash] }), existing: null, postId: null, now })).toMatchObject({ ok: false, message: '您在该时段已报名其他活动' })
    const after = { eventId: 'other', startAt: e.endAt, endAt: new Date(Date.parse(e.endAt) + 3600_000).toISOString() }
    const ok = planSignup({ event: e, volunteer: aVolunteer('a', now, { slots: [after] }), existing: null, postId: null, now })
    expect(ok.ok && ok.slots.map((s) => s.eventId)).toEqual(['other', 'ev1'])
    expect(overlaps({ startAt: '2026-01-01T01:00:00Z', endAt: '2026-01-01T02:00:00Z' }, { startAt: '2026-01-01T02:00:00Z', endAt: '2026-01-01T03:00:00Z' })).toBe(false)
  })

  it('takes a chosen post only while it has room', () => {
    const e = anEvent(now, { capacity: 5 })
    const a = planSignup({ event: e, volunteer: aVolunteer('a', now), existing: null, postId: 'p1', now })
    expect(a.ok && a.postId).toBe('p1')
    e.posts[0].assigned = 1
    const b = planSignup({ event: e, volunteer: aVolunteer('b', now), existing: null, postId: 'p1', now })
    expect(b.ok && b.postId).toBeNull()
    expect(planSignup({ event: e, volunteer: aVolunteer('c', now), existing: null, postId: 'p9', now })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })

  it('cancelling is refused after the deadline and for someone not signed up', () => {
    const e = anEvent(now, { startInH: 1 })
    expect(planCancel({ event: e, signup: signup(e, 'a', 'confirmed'), now })).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(planCancel({ event: anEvent(now), signup: null, now })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })
})

describe('event status by the clock', () => {
  it('published → ongoing → finished follow the times; draft and cancelled stay', () => {
    const e = anEvent(now, { startInH: 1, hours: 2 })
    expect(effectiveStatus(e, now)).toBe('published')
    expect(effectiveStatus(e, new Date(now.getTime() + 90 * 60_000))).toBe('ongoing')
    expect(effectiveStatus(e, new Date(now.getTime() + 3 * 3600_000))).toBe('finished')
    expect(effectiveStatus({ ...e, status: 'draft' }, new Date(now.getTime() + 3 * 3600_000))).toBe('draft')
    expect(signupWindow(e, new Date(now.getTime() + 90 * 60_000))).toBe('closed')
  })
})

describe('no-shows', () => {
  const v = (times: number[], clearedDaysAgo: number | null = null): Pick<VolunteerDoc, 'noShows' | 'noShowsClearedAt'> => ({
    noShows: times.map((d) => new Date(now.getTime() - d * DAY).toISOString()),
    noShowsClearedAt: clearedDaysAgo === null ? null : new Date(now.getTime() - clearedDaysAgo * DAY).toISOString(),
  })
  it(`pauses at ${NO_SHOW_RULE.threshold} no-shows within ${NO_SHOW_RULE.windowDays} days`, () => {
    expect(noShowState(v([1, 20]), now)).toEqual({ recent: 2, paused: false })
    expect(noShowState(v([1, 20, 89]), now)).toEqual({ recent: 3, paused: true })
    expect(noShowState(v([1, 20, 91]), now)).toEqual({ recent: 2, paused: false })
  })
  it('staff clearing forgives the no-shows before it', () => {
    expect(noShowState(v([1, 20, 30], 10), now)).toEqual({ recent: 1, paused: false })
    expect(noShowState(v([1, 2, 3, 30], 10), now)).toEqual({ recent: 3, paused: true })
  })
  it('keeps a bounded list', () => {
    let list: string[] = []
    for (let i = 0; i < 30; i++) list = withNoShow(list, new Date(now.getTime() + i).toISOString())
    expect(list).toHaveLength(NO_SHOW_RULE.keep)
  })
})
