import { ActionError, defineHandler, fetchAll, fetchPage, findById, findByIds } from '../kernel'
import { volunteerContract as C } from '../../src/domain/contracts/volunteer'
import { COLLECTIONS } from '../../src/domain/collections'
import {
  buildPosts,
  CANCELLABLE_STATUSES,
  defaultDeadline,
  EDITABLE_STATUSES,
  effectiveStatus,
  eventTimesProblem,
  mySignupState,
  seriesOccurrences,
  signupId,
  signupOpensAt,
  toEventDetail,
  toEventSummary,
  toRosterRow,
  type EventDoc,
  type SeriesDoc,
  type SeriesTemplate,
  type SignupDoc,
  type TeamDoc,
  type VolunteerDoc,
} from '../../src/domain/volunteer'
import type { ActionContext } from '../kernel'
import { cancelledMessage, safely, send, signupMessage } from './notify'
import { events, loadEvent, loadTeam, patch, signups, txGet, type Ctx } from './repo'
import { newId } from './secrets'

const isStaff = (ctx: ActionContext) => ctx.roles.includes('staff')

/** The caller's sign-ups on these events, by event id. */
async function myStates(ctx: ActionContext, list: EventDoc[]) {
  const docs = await findByIds<SignupDoc>(ctx.db, COLLECTIONS.volunteerSignups, list.map((e) => signupId(e._id, ctx.openid)))
  return (e: EventDoc) => mySignupState(docs.get(signupId(e._id, ctx.openid)), e)
}

export const listEvents = defineHandler(C, 'listEvents', async ({ scope, type, teamId, offset, limit }, ctx) => {
  const _ = ctx._
  const now = ctx.now()
  const at = now.toISOString()
  const filters: Record<string, unknown> = {}
  if (type) filters.type = type
  if (teamId) filters['team.id'] = teamId
  // The stored status may lag the clock by one timer run, so time decides upcoming/past.
  const page =
    scope === 'upcoming'
      ? await fetchPage<EventDoc>(events(ctx.db).where({ ...filters, status: _.in(['published', 'ongoing']), endAt: _.gt(at) }).orderBy('startAt', 'asc'), offset, limit)
      : await pastEvents(ctx, filters, at, offset, limit)
  const my = await myStates(ctx, page.items)
  return { items: page.items.map((e) => toEventSummary(e, now, my(e))), hasMore: page.hasMore }
})

const MAX_QUERY_LIMIT = 1000

/**
 * Past events, newest first. Years of them pile up, so a page must not read them all: `finished` ones (the
 * timer sets it only after the end) page straight off the (…status, startAt) index and stop at the page;
 * the few that have ended but whose status lags the timer come from the (status, endAt) index. Both are
 * merged by start time — one parallel wave.
 */
async function pastEvents(ctx: ActionContext, filters: Record<string, unknown>, at: string, offset: number, limit: number) {
  const _ = ctx._
  const want = offset + limit + 1
  if (want > MAX_QUERY_LIMIT) {
    // Very deep pages (past the database's 1000-document limit): one query over everything that ended.
    const query = events(ctx.db).where({ ...filters, status: _.in(['published', 'ongoing', 'finished']), endAt: _.lte(at) }).orderBy('startAt', 'desc')
    return fetchPage<EventDoc>(query, offset, limit)
  }
  const [finished, lagging] = await Promise.all([
    events(ctx.db).where({ ...filters, status: 'finished' }).orderBy('startAt', 'desc').limit(want).get(),
    events(ctx.db).where({ ...filters, status: _.in(['published', 'ongoing']), endAt: _.lte(at) }).orderBy('startAt', 'desc').limit(want).get(),
  ])
  const merged = [...(finished.data as EventDoc[]), ...(lagging.data as EventDoc[])].sort((a, b) => (a.startAt === b.startAt ? 0 : a.startAt < b.startAt ? 1 : -1))
  return { items: merged.slice(offset, offset + limit), hasMore: merged.length > offset + limit }
}

export const getEvent = defineHandler(C, 'getEvent', async ({ id }, ctx) => {
  const e = await findById<EventDoc>(events(ctx.db), id)
  if (!e || (e.status === 'draft' && !isStaff(ctx))) throw new ActionError('NOT_FOUND', '活动不存在')
  const my = await myStates(ctx, [e])
  return toEventDetail(e, ctx.now(), my(e))
})

export const staffEvents = defineHandler(C, 'staffEvents', async ({ status, seriesId, offset, limit }, ctx) => {
  const where: Record<string, unknown> = {}
  if (status) where.status = status
  if (seriesId) where.seriesId = seriesId
  const coll = events(ctx.db)
  const query = (Object.keys(where).length ? coll.where(where) : coll).orderBy('startAt', 'desc')
  const page = await fetchPage<EventDoc>(query, offset, limit)
  const now = ctx.now()
  return { items: page.items.map((e) => toEventSummary(e, now, null)), hasMore: page.hasMore }
})

type EventFields = Pick<EventDoc, 'title' | 'type' | 'place' | 'meetingPoint' | 'startAt' | 'endAt' | 'capacity' | 'signupOpensAt' | 'signupDeadline' | 'team' | 'notes' | 'posts'> & {
  organiserName: string
}

/** Notifies volunteers promoted from the waitlist. */
async function notifyPromoted(ctx: Ctx, e: EventDoc, openids: string[]) {
  if (!openids.length) return
  await safely('promotion messages', () => send(ctx, openids.map((o) => signupMessage(o, e, '候补成功，已为您保留名额'))))
}

/**
 * Promotes waiting volunteers into free places, in order (inside the caller's transaction). Returns who
 * was promoted and the event's new counters.
 */
export async function promoteInTx(
  t: import('wx-server-sdk').Transaction,
  ctx: Ctx,
  e: Pick<EventDoc, '_id' | 'capacity' | 'confirmedCount' | 'waitlist'>,
  at: string,
): Promise<{ promoted: string[]; confirmedCount: number; waitlist: string[] }> {
  const waitlist = [...e.waitlist]
  let confirmedCount = e.confirmedCount
  const promoted: string[] = []
  while (confirmedCount < e.capacity && waitlist.length) {
    const openid = waitlist.shift()!
    const sid = signupId(e._id, openid)
    const s = await txGet<SignupDoc>(t, COLLECTIONS.volunteerSignups, sid)
    if (!s || s.status !== 'waitlisted') continue
    await t.collection(COLLECTIONS.volunteerSignups).doc(sid).update({ data: { status: 'confirmed', confirmedAt: at, promotedAt: at, updatedAt: at } })
    confirmedCount++
    promoted.push(openid)
  }
  return { promoted, confirmedCount, waitlist }
}

export const saveEvent = defineHandler(C, 'saveEvent', async (input, ctx) => {
  const now = ctx.now()
  const at = now.toISOString()
  const team = input.teamId ? await loadTeam(ctx, input.teamId) : null
  const signupDeadline = input.signupDeadline ?? defaultDeadline(input.startAt)
  const problem = eventTimesProblem({ startAt: input.startAt, endAt: input.endAt, signupDeadline }, now)
  if (problem) throw new ActionError('INVALID_INPUT', problem)
  const fields: EventFields = {
    title: input.title,
    type: input.type,
    place: input.place,
    meetingPoint: input.meetingPoint ?? null,
    startAt: input.startAt,
    endAt: input.endAt,
    capacity: input.capacity,
    signupOpensAt: signupOpensAt(input.startAt),
    signupDeadline,
    organiserName: input.organiserName,
    team: team ? { id: team._id, name: team.name } : null,
    notes: input.notes ?? null,
    posts: buildPosts(input.posts),
  }
  if (!input.id) {
    const { organiserName, ...rest } = fields
    const doc: EventDoc = {
      _id: newId('e'),
      ...rest,
      organiser: { name: organiserName, openid: ctx.openid },
      status: 'draft',
      seriesId: null,
      confirmedCount: 0,
      waitlist: [],
      signupSeq: 0,
      cancelReason: null,
      cancelledAt: null,
      publishedAt: null,
      startedAt: null,
      finishedAt: null,
      noShowsMarkedAt: null,
      createdBy: ctx.openid,
      createdAt: at,
      updatedAt: at,
    }
    await events(ctx.db).add({ data: { ...doc } })
    return toEventDetail(doc, now, null)
  }
  const id = input.id
  const { event, promoted } = await ctx.db.runTransaction(async (t) => {
    const cur = await txGet<EventDoc>(t, COLLECTIONS.volunteerEvents, id)
    if (!cur) throw new ActionError('NOT_FOUND', '活动不存在')
    if (!EDITABLE_STATUSES.includes(effectiveStatus(cur, now))) throw new ActionError('CONFLICT', '活动已开始或已结束，不能修改')
    const hasSignups = cur.confirmedCount > 0 || cur.waitlist.length > 0
    if (hasSignups && (cur.startAt !== fields.startAt || cur.endAt !== fields.endAt)) {
      throw new ActionError('CONFLICT', '已有志愿者报名，不能修改活动时间；如需改期请取消后重新发布')
    }
    if (fields.capacity < cur.confirmedCount) throw new ActionError('CONFLICT', `已有 ${cur.confirmedCount} 人报名，招募人数不能少于已报名人数`)
    if (hasSignups && fields.team && cur.team?.id !== fields.team.id) throw new ActionError('CONFLICT', '已有志愿者报名，不能再限定服务队')
    const posts = buildPosts(input.posts, cur.posts)
    const kept = new Set(posts.map((p) => p.id))
    const dropped = cur.posts.find((p) => !kept.has(p.id) && p.assigned > 0)
    if (dropped) throw new ActionError('CONFLICT', `点位“${dropped.name}”已分配志愿者，请先取消分配`)
    // More places: the waitlist moves up at once.
    const promotion = await promoteInTx(t, ctx, { _id: id, capacity: fields.capacity, confirmedCount: cur.confirmedCount, waitlist: cur.waitlist }, at)
    const { organiserName, ...rest } = fields
    const next = {
      ...rest,
      posts,
      organiser: { name: organiserName, openid: cur.organiser.openid },
      confirmedCount: promotion.confirmedCount,
      waitlist: promotion.waitlist,
      updatedAt: at,
    }
    await t.collection(COLLECTIONS.volunteerEvents).doc(id).update({ data: patch(ctx._, next) })
    return { event: { ...cur, ...next } as EventDoc, promoted: promotion.promoted }
  })
  await notifyPromoted(ctx, event, promoted)
  return toEventDetail(event, now, null)
})

export const publishEvent = defineHandler(C, 'publishEvent', async ({ id }, ctx) => {
  const now = ctx.now()
  const at = now.toISOString()
  const event = await ctx.db.runTransaction(async (t) => {
    const cur = await txGet<EventDoc>(t, COLLECTIONS.volunteerEvents, id)
    if (!cur) throw new ActionError('NOT_FOUND', '活动不存在')
    if (cur.status !== 'draft') throw new ActionError('CONFLICT', '只有草稿可以发布')
    const problem = eventTimesProblem(cur, now)
    if (problem) throw new ActionError('CONFLICT', problem)
    await t.collection(COLLECTIONS.volunteerEvents).doc(id).update({ data: { status: 'published', publishedAt: at, updatedAt: at } })
    return { ...cur, status: 'published' as const, publishedAt: at, updatedAt: at }
  })
  return toEventDetail(event, now, null)
})

/** Drops an event from its volunteers' slots and marks their sign-ups cancelled (one small transaction each). */
async function releaseSignups(ctx: Ctx, eventId: string, at: string): Promise<SignupDoc[]> {
  const list = await fetchAll<SignupDoc>(signups(ctx.db).where({ eventId, status: ctx._.in(['confirmed', 'waitlisted']) }), 1000)
  await Promise.all(
    list.map((s) =>
      ctx.db.runTransaction(async (t) => {
        const v = await txGet<VolunteerDoc>(t, COLLECTIONS.volunteers, s.openid)
        if (v) await t.collection(COLLECTIONS.volunteers).doc(v._id).update({ data: { slots: ctx._.set(v.slots.filter((x) => x.eventId !== eventId)) } })
        await t.collection(COLLECTIONS.volunteerSignups).doc(s._id).update({ data: { status: 'cancelled', cancelledAt: at, updatedAt: at } })
      }),
    ),
  )
  return list
}

export const cancelEvent = defineHandler(C, 'cancelEvent', async ({ id, reason }, ctx) => {
  const now = ctx.now()
  const at = now.toISOString()
  const event = await ctx.db.runTransaction(async (t) => {
    const cur = await txGet<EventDoc>(t, COLLECTIONS.volunteerEvents, id)
    if (!cur) throw new ActionError('NOT_FOUND', '活动不存在')
    if (!CANCELLABLE_STATUSES.includes(effectiveStatus(cur, now))) throw new ActionError('CONFLICT', '活动已开始或已结束，不能取消')
    const fields = { status: 'cancelled' as const, cancelReason: reason, cancelledAt: at, updatedAt: at }
    await t.collection(COLLECTIONS.volunteerEvents).doc(id).update({ data: fields })
    return { ...cur, ...fields }
  })
  const released = await releaseSignups(ctx, id, at)
  let notified = 0
  await safely('cancel messages', async () => {
    notified = await send(ctx, released.map((s) => cancelledMessage(s.openid, event, reason)))
  })
  return { event: toEventDetail(event, now, null), notified }
})

// --------------------------------------------------------------------------------------------- series

export const createSeries = defineHandler(C, 'createSeries', async (input, ctx) => {
  const now = ctx.now()
  const at = now.toISOString()
  const seriesColl = ctx.db.collection(COLLECTIONS.volunteerSeries)
  let series: SeriesDoc
  if (input.seriesId) {
    const found = await findById<SeriesDoc>(seriesColl, input.seriesId)
    if (!found) throw new ActionError('NOT_FOUND', '活动系列不存在')
    series = found
  } else {
    if (!input.template) throw new ActionError('INVALID_INPUT', '请填写活动模板', [{ path: 'template', message: '必填' }])
    if (input.template.teamId) await loadTeam(ctx, input.template.teamId)
    series = {
      _id: newId('s').slice(0, 17),
      template: input.template,
      weekday: input.weekday,
      startTime: input.startTime,
      durationMinutes: input.durationMinutes,
      deadlineMinutes: input.deadlineMinutes,
      publish: input.publish,
      active: true,
      createdBy: ctx.openid,
      createdAt: at,
      updatedAt: at,
    }
    await seriesColl.add({ data: { ...series } })
  }
  const res = await generateSeries(ctx, series, input.weeks, ctx.openid)
  return { seriesId: series._id, ...res }
})

/** Creates the series' events of the next `weeks` weeks that do not exist yet (idempotent by date). */
export async function generateSeries(ctx: Ctx, series: SeriesDoc, weeks: number, by: string): Promise<{ created: string[]; existing: string[] }> {
  const now = ctx.now()
  const at = now.toISOString()
  const occurrences = seriesOccurrences(series, now, weeks)
  if (!occurrences.length) return { created: [], existing: [] }
  // A date is taken when the series already has an event starting then (whatever its id: seeded, or
  // generated before the template's time changed) or the date's own id exists.
  const found = await findByIds<EventDoc>(ctx.db, COLLECTIONS.volunteerEvents, occurrences.map((o) => o.id))
  const sameSeries = await fetchAll<Pick<EventDoc, '_id' | 'startAt'>>(
    events(ctx.db)
      .where({ seriesId: series._id, startAt: ctx._.in(occurrences.map((o) => o.startAt)) })
      .field({ _id: true, startAt: true }),
    100,
  )
  for (const e of sameSeries) {
    const o = occurrences.find((x) => x.startAt === e.startAt)
    if (o && !found.has(o.id)) found.set(o.id, e as EventDoc)
  }
  const tpl: SeriesTemplate = series.template
  const team = tpl.teamId ? await findById<TeamDoc>(ctx.db.collection(COLLECTIONS.volunteerTeams), tpl.teamId) : null
  const created: string[] = []
  const existing: string[] = occurrences.filter((o) => found.has(o.id)).map((o) => found.get(o.id)!._id)
  for (const o of occurrences.filter((x) => !found.has(x.id))) {
    const doc: EventDoc = {
      _id: o.id,
      title: tpl.title,
      type: tpl.type,
      place: tpl.place,
      meetingPoint: tpl.meetingPoint ?? null,
      startAt: o.startAt,
      endAt: o.endAt,
      capacity: tpl.capacity,
      signupOpensAt: signupOpensAt(o.startAt),
      signupDeadline: o.signupDeadline,
      organiser: { name: tpl.organiserName, openid: by },
      team: team ? { id: team._id, name: team.name } : null,
      notes: tpl.notes ?? null,
      posts: buildPosts(tpl.posts),
      status: series.publish ? 'published' : 'draft',
      seriesId: series._id,
      confirmedCount: 0,
      waitlist: [],
      signupSeq: 0,
      cancelReason: null,
      cancelledAt: null,
      publishedAt: series.publish ? at : null,
      startedAt: null,
      finishedAt: null,
      noShowsMarkedAt: null,
      createdBy: by,
      createdAt: at,
      updatedAt: at,
    }
    try {
      await events(ctx.db).add({ data: { ...doc } })
      created.push(o.id)
    } catch (err) {
      // Generated concurrently (a second click, the timer): the date's event exists — that is the point.
      if (await findById(events(ctx.db), o.id)) existing.push(o.id)
      else throw err
    }
  }
  return { created, existing }
}

// --------------------------------------------------------------------------------------------- roster

async function rosterOf(ctx: Ctx, e: EventDoc) {
  const list = await fetchAll<SignupDoc>(signups(ctx.db).where({ eventId: e._id }).orderBy('seq', 'asc'), 2000)
  const vols = await findByIds<VolunteerDoc>(ctx.db, COLLECTIONS.volunteers, list.map((s) => s.openid))
  const rows = list.filter((s) => s.status !== 'cancelled').map((s) => toRosterRow(s, e.waitlist, vols.get(s.openid)))
  const confirmed = rows.filter((r) => r.status === 'confirmed')
  return {
    rows,
    counts: {
      confirmed: confirmed.length,
      waitlisted: rows.filter((r) => r.status === 'waitlisted').length,
      checkedIn: confirmed.filter((r) => r.checkIn).length,
      checkedOut: confirmed.filter((r) => r.checkOut).length,
      noShows: confirmed.filter((r) => r.noShow).length,
      hoursPending: confirmed.filter((r) => r.hours?.status === 'pending').length,
      hoursConfirmed: confirmed.filter((r) => r.hours?.status === 'confirmed').length,
    },
  }
}

export const eventRoster = defineHandler(C, 'eventRoster', async ({ id }, ctx) => {
  const e = await loadEvent(ctx, id)
  const { rows, counts } = await rosterOf(ctx, e)
  return { event: toEventDetail(e, ctx.now(), null), rows, counts }
})

export const assignPost = defineHandler(C, 'assignPost', async ({ eventId, openid, postId }, ctx) => {
  const now = ctx.now()
  const at = now.toISOString()
  const { event, signup } = await ctx.db.runTransaction(async (t) => {
    const e = await txGet<EventDoc>(t, COLLECTIONS.volunteerEvents, eventId)
    if (!e) throw new ActionError('NOT_FOUND', '活动不存在')
    const status = effectiveStatus(e, now)
    if (status === 'cancelled' || status === 'finished') throw new ActionError('CONFLICT', '活动已结束或已取消')
    const sid = signupId(eventId, openid)
    const s = await txGet<SignupDoc>(t, COLLECTIONS.volunteerSignups, sid)
    if (!s || s.status !== 'confirmed') throw new ActionError('NOT_FOUND', '该志愿者没有报名成功')
    if (postId && !e.posts.some((p) => p.id === postId)) throw new ActionError('NOT_FOUND', '点位不存在')
    if (s.postId === postId) return { event: e, signup: s }
    // Organisers may staff a post above its headcount: they know the street.
    const posts = e.posts.map((p) => ({ ...p, assigned: p.assigned + (p.id === postId ? 1 : 0) - (p.id === s.postId ? 1 : 0) }))
    await t.collection(COLLECTIONS.volunteerEvents).doc(eventId).update({ data: { posts: ctx._.set(posts), updatedAt: at } })
    await t.collection(COLLECTIONS.volunteerSignups).doc(sid).update({ data: { postId, updatedAt: at } })
    return { event: { ...e, posts }, signup: { ...s, postId } }
  })
  const v = await findById<VolunteerDoc>(ctx.db.collection(COLLECTIONS.volunteers), openid)
  return { event: toEventDetail(event, now, null), row: toRosterRow(signup, event.waitlist, v ?? undefined) }
})

