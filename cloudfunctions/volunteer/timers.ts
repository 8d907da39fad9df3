import type { SystemContext } from '../kernel'
import { fetchAll } from '../kernel'
import { COLLECTIONS } from '../../src/domain/collections'
import { liveSlots, SERIES_AHEAD_WEEKS, withNoShow, type EventDoc, type SeriesDoc, type SignupDoc, type VolunteerDoc } from '../../src/domain/volunteer'
import { generateSeries } from './events'
import { autoCreditRequests } from './requests'
import { events, patch, signups, txGet } from './repo'

/**
 * The `tick` timer (every 5 minutes): moves events published → ongoing → finished by the clock, marks
 * no-shows once an event has finished, keeps weekly series generated ahead, and credits completed service
 * requests nobody rated. Each step is idempotent, so a missed or doubled run only delays or repeats nothing.
 */
export async function tick(ctx: SystemContext) {
  const now = ctx.now()
  const at = now.toISOString()
  const _ = ctx._
  const started = await events(ctx.db).where({ status: 'published', startAt: _.lte(at), endAt: _.gt(at) }).update({ data: { status: 'ongoing', startedAt: at, updatedAt: at } })
  const finished = await events(ctx.db).where({ status: _.in(['published', 'ongoing']), endAt: _.lte(at) }).update({ data: { status: 'finished', finishedAt: at, updatedAt: at } })

  let noShows = 0
  const toMark = await fetchAll<EventDoc>(events(ctx.db).where({ status: 'finished', noShowsMarkedAt: null }).orderBy('endAt', 'asc'), 100)
  for (const e of toMark) noShows += await markNoShows(ctx, e, at)

  let generated = 0
  const series = await fetchAll<SeriesDoc>(ctx.db.collection(COLLECTIONS.volunteerSeries).where({ active: true }), 200)
  for (const s of series) generated += (await generateSeries(ctx, s, SERIES_AHEAD_WEEKS, s.createdBy)).created.length

  const credited = await autoCreditRequests(ctx)
  return { started: started.stats.updated ?? 0, finished: finished.stats.updated ?? 0, noShows, generated, credited }
}

/** Confirmed volunteers who never checked in are no-shows; each counts once (a transaction per sign-up). */
async function markNoShows(ctx: SystemContext, e: EventDoc, at: string): Promise<number> {
  const absent = await fetchAll<SignupDoc>(signups(ctx.db).where({ eventId: e._id, status: 'confirmed', checkIn: null, noShow: false, addedByOrganiser: false }), 1000)
  let n = 0
  for (const s of absent) {
    const marked = await ctx.db.runTransaction(async (t) => {
      const cur = await txGet<SignupDoc>(t, COLLECTIONS.volunteerSignups, s._id)
      if (!cur || cur.status !== 'confirmed' || cur.checkIn || cur.noShow || cur.hours) return false
      await t.collection(COLLECTIONS.volunteerSignups).doc(s._id).update({ data: { noShow: true, updatedAt: at } })
      const v = await txGet<VolunteerDoc>(t, COLLECTIONS.volunteers, s.openid)
      // The no-show is dated by the event's end (so taking it back later finds it).
      if (v) await t.collection(COLLECTIONS.volunteers).doc(v._id).update({ data: patch(ctx._, { noShows: withNoShow(v.noShows, e.endAt), slots: liveSlots(v.slots, new Date(at)), updatedAt: at }) })
      return true
    })
    if (marked) n++
  }
  await events(ctx.db).doc(e._id).update({ data: { noShowsMarkedAt: at } })
  return n
}
