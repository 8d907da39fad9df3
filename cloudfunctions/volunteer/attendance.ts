import { ActionError, defineHandler, fetchAll, fetchPage, findById, findByIds, type ActionContext } from '../kernel'
import { volunteerContract as C } from '../../src/domain/contracts/volunteer'
import { COLLECTIONS } from '../../src/domain/collections'
import {
  attendanceTimeProblem,
  distanceToEvent,
  effectiveStatus,
  eventMinutes,
  ledgerIds,
  makeToken,
  manualMinutesProblem,
  recordedMinutes,
  signupId,
  toCorrectionView,
  toRosterRow,
  TOKEN_MESSAGES,
  TOKEN_REFRESH_MS,
  verifyToken,
  CHECKIN_RADIUS_M,
  type AttendanceMark,
  type CorrectionDoc,
  type EventDoc,
  type SignupDoc,
  type SignupHours,
  type TokenKind,
  type VolunteerDoc,
} from '../../src/domain/volunteer'
import { creditInTx } from './credit'
import { hoursMessage, safely, send, type Message } from './notify'
import { audit, HOT_TX_RETRIES, loadEvent, patch, signups, txGet, withoutId } from './repo'
import { checkinSigner, newId } from './secrets'

// ----------------------------------------------------------------------------------------- check-in code

export const checkinToken = defineHandler(C, 'checkinToken', async ({ eventId, kind }, ctx) => {
  const e = await loadEvent(ctx, eventId)
  const now = ctx.now()
  const status = effectiveStatus(e, now)
  if (status === 'draft' || status === 'cancelled') throw new ActionError('CONFLICT', '活动未发布或已取消')
  const problem = attendanceTimeProblem(e, kind, now)
  if (problem) throw new ActionError('CONFLICT', problem)
  return { ...makeToken(checkinSigner, eventId, kind, now.getTime()), refreshAfterMs: TOKEN_REFRESH_MS }
})

/** A blank participation for someone the organiser adds (a walk-in, a past event): not counted against capacity. */
function organiserSignup(e: EventDoc, v: VolunteerDoc, at: string): SignupDoc {
  return {
    _id: signupId(e._id, v._id),
    eventId: e._id,
    openid: v._id,
    name: v.name,
    teamId: v.team?.id ?? null,
    status: 'confirmed',
    seq: 0,
    postId: null,
    signedUpAt: at,
    confirmedAt: at,
    promotedAt: null,
    cancelledAt: null,
    eventTitle: e.title,
    eventType: e.type,
    eventStartAt: e.startAt,
    eventEndAt: e.endAt,
    checkIn: null,
    checkOut: null,
    noShow: false,
    addedByOrganiser: true,
    hours: null,
    updatedAt: at,
  }
}

/**
 * Records a check-in or check-out on a sign-up (inside the caller's transaction). A check-out with a check-in
 * produces recorded hours awaiting confirmation, unless hours were already set by hand or confirmed.
 */
function attendanceFields(e: EventDoc, s: SignupDoc, kind: TokenKind, mark: AttendanceMark): { fields: Partial<SignupDoc>; repeated: boolean } {
  if (kind === 'in') {
    if (s.checkIn) return { fields: {}, repeated: true }
    return { fields: { checkIn: mark, noShow: false, updatedAt: mark.at }, repeated: false }
  }
  if (!s.checkIn) throw new ActionError('CONFLICT', '请先签到再签退')
  if (s.checkOut) return { fields: {}, repeated: true }
  const fields: Partial<SignupDoc> = { checkOut: mark, updatedAt: mark.at }
  if (!s.hours) {
    const hours: SignupHours = {
      minutes: recordedMinutes(s.checkIn.at, mark.at, e),
      source: 'recorded',
      status: 'pending',
      reason: null,
      setBy: mark.by,
      setAt: mark.at,
      confirmedBy: null,
      confirmedAt: null,
    }
    fields.hours = hours
  }
  return { fields, repeated: false }
}

export const scan = defineHandler(C, 'scan', async ({ token, lat, lng }, ctx) => {
  const now = ctx.now()
  const at = now.toISOString()
  const check = verifyToken(checkinSigner, token.trim(), now.getTime())
  if (!check.ok) throw new ActionError('INVALID_INPUT', TOKEN_MESSAGES[check.reason], [{ path: 'token', message: TOKEN_MESSAGES[check.reason] }])
  const e = await loadEvent(ctx, check.eventId)
  const status = effectiveStatus(e, now)
  if (status === 'cancelled' || status === 'draft') throw new ActionError('CONFLICT', '活动已取消')
  const timeProblem = attendanceTimeProblem(e, check.kind, now)
  if (timeProblem) throw new ActionError('CONFLICT', timeProblem)
  const distanceM = distanceToEvent(e, { lat, lng })
  if (distanceM > CHECKIN_RADIUS_M) throw new ActionError('FORBIDDEN', `您距活动地点约 ${distanceM} 米，请到现场后再扫码（${CHECKIN_RADIUS_M} 米内）`)
  const sid = signupId(e._id, ctx.openid)
  const mark: AttendanceMark = { at, method: 'scan', by: ctx.openid, distanceM }
  const res = await ctx.db.runTransaction(async (t) => {
    const s = await txGet<SignupDoc>(t, COLLECTIONS.volunteerSignups, sid)
    if (!s || s.status === 'cancelled') throw new ActionError('FORBIDDEN', '您没有报名该活动，请联系现场组织者')
    if (s.status === 'waitlisted') throw new ActionError('FORBIDDEN', '您还在候补名单中，请联系现场组织者')
    const { fields, repeated } = attendanceFields(e, s, check.kind, mark)
    if (!repeated) await t.collection(COLLECTIONS.volunteerSignups).doc(sid).update({ data: patch(ctx._, fields) })
    return { s: { ...s, ...fields }, repeated }
  })
  const first = check.kind === 'in' ? res.s.checkIn! : res.s.checkOut!
  return {
    eventId: e._id,
    eventTitle: e.title,
    kind: check.kind,
    at: first.at,
    distanceM: first.distanceM ?? distanceM,
    minutes: check.kind === 'out' ? (res.s.hours?.minutes ?? null) : null,
    repeated: res.repeated,
  }
})

async function approvedVolunteer(ctx: ActionContext, openid: string): Promise<VolunteerDoc> {
  const v = await findById<VolunteerDoc>(ctx.db.collection(COLLECTIONS.volunteers), openid)
  if (!v || v.status !== 'approved') throw new ActionError('NOT_FOUND', '该用户不是已注册的志愿者')
  return v
}

export const markAttendance = defineHandler(C, 'markAttendance', async ({ eventId, openid, kind }, ctx) => {
  const now = ctx.now()
  const at = now.toISOString()
  const e = await loadEvent(ctx, eventId)
  const status = effectiveStatus(e, now)
  if (status === 'cancelled' || status === 'draft') throw new ActionError('CONFLICT', '活动未发布或已取消')
  const problem = attendanceTimeProblem(e, kind, now)
  if (problem) throw new ActionError('CONFLICT', problem)
  const v = await approvedVolunteer(ctx, openid)
  const sid = signupId(eventId, openid)
  const mark: AttendanceMark = { at, method: 'organiser', by: ctx.openid, distanceM: null }
  const s = await ctx.db.runTransaction(async (t) => {
    let cur = await txGet<SignupDoc>(t, COLLECTIONS.volunteerSignups, sid)
    if (cur?.status === 'waitlisted') throw new ActionError('CONFLICT', '该志愿者在候补名单中，不能签到')
    if (!cur || cur.status === 'cancelled') {
      // A walk-in the organiser vouches for.
      cur = organiserSignup(e, v, at)
      await t.collection(COLLECTIONS.volunteerSignups).doc(sid).set({ data: withoutId(cur) })
    }
    const { fields, repeated } = attendanceFields(e, cur, kind, mark)
    if (!repeated) {
      await t.collection(COLLECTIONS.volunteerSignups).doc(sid).update({ data: patch(ctx._, fields) })
      await audit(ctx, { t }, { at, by: ctx.openid, action: 'markAttendance', openid, eventId, after: { kind } })
    }
    return { ...cur, ...fields }
  })
  return toRosterRow(s, e.waitlist, v)
})

// ------------------------------------------------------------------------------------------------ hours

const CONFIRM_CONCURRENCY = 5

export const setManualHours = defineHandler(C, 'setManualHours', async ({ eventId, openid, minutes, reason }, ctx) => {
  if (openid === ctx.openid) throw new ActionError('FORBIDDEN', '不能为自己补录服务时长')
  const now = ctx.now()
  const at = now.toISOString()
  const e = await loadEvent(ctx, eventId)
  const status = effectiveStatus(e, now)
  if (status !== 'ongoing' && status !== 'finished') throw new ActionError('CONFLICT', '活动开始后才能补录时长')
  const problem = manualMinutesProblem(minutes, e)
  if (problem) throw new ActionError('INVALID_INPUT', problem, [{ path: 'minutes', message: problem }])
  const v = await approvedVolunteer(ctx, openid)
  const sid = signupId(eventId, openid)
  const s = await ctx.db.runTransaction(async (t) => {
    let cur = await txGet<SignupDoc>(t, COLLECTIONS.volunteerSignups, sid)
    if (cur?.status === 'waitlisted') throw new ActionError('CONFLICT', '该志愿者在候补名单中')
    if (!cur || cur.status === 'cancelled') {
      cur = organiserSignup(e, v, at)
      await t.collection(COLLECTIONS.volunteerSignups).doc(sid).set({ data: withoutId(cur) })
    }
    if (cur.hours?.status === 'confirmed') throw new ActionError('CONFLICT', '时长已确认，如需更改请通过时长更正')
    const hours: SignupHours = { minutes, source: 'manual', status: 'pending', reason, setBy: ctx.openid, setAt: at, confirmedBy: null, confirmedAt: null }
    const fields: Partial<SignupDoc> = { hours, updatedAt: at }
    if (cur.noShow) {
      // They served after all: the no-show is taken back (its entry is the event's end time).
      fields.noShow = false
      const vol = await txGet<VolunteerDoc>(t, COLLECTIONS.volunteers, openid)
      if (vol) {
        const i = vol.noShows.lastIndexOf(e.endAt)
        if (i >= 0) await t.collection(COLLECTIONS.volunteers).doc(openid).update({ data: { noShows: ctx._.set([...vol.noShows.slice(0, i), ...vol.noShows.slice(i + 1)]) } })
      }
    }
    await t.collection(COLLECTIONS.volunteerSignups).doc(sid).update({ data: patch(ctx._, fields) })
    await audit(ctx, { t }, { at, by: ctx.openid, action: 'manualHours', openid, eventId, before: cur.hours, after: hours, reason })
    return { ...cur, ...fields }
  })
  return toRosterRow(s, e.waitlist, v)
})

export const confirmHours = defineHandler(C, 'confirmHours', async ({ eventId, openids }, ctx) => {
  const now = ctx.now()
  const at = now.toISOString()
  const e = await loadEvent(ctx, eventId)
  const status = effectiveStatus(e, now)
  if (status !== 'ongoing' && status !== 'finished') throw new ActionError('CONFLICT', '活动开始后才能确认时长')
  const targets = openids
    ? [...(await findByIds<SignupDoc>(ctx.db, COLLECTIONS.volunteerSignups, openids.map((o) => signupId(eventId, o)))).values()]
    : await fetchAll<SignupDoc>(signups(ctx.db).where({ eventId, 'hours.status': 'pending' }), 2000)
  const skipped: { openid: string; reason: string }[] = []
  if (openids) for (const o of openids) if (!targets.some((s) => s.openid === o)) skipped.push({ openid: o, reason: '未报名该活动' })
  let confirmed = 0
  let total = 0
  const messages: Message[] = []
  const confirmOne = async (s: SignupDoc): Promise<void> => {
    if (s.openid === ctx.openid) {
      skipped.push({ openid: s.openid, reason: '不能确认本人的服务时长' })
      return
    }
    const done = await ctx.db.runTransaction(async (t) => {
      const cur = await txGet<SignupDoc>(t, COLLECTIONS.volunteerSignups, s._id)
      if (!cur || cur.status !== 'confirmed' || !cur.hours) return '没有待确认的时长'
      if (cur.hours.status === 'confirmed') return '时长已确认'
      const v = await txGet<VolunteerDoc>(t, COLLECTIONS.volunteers, s.openid)
      if (!v) return '志愿者档案不存在'
      const credit = await creditInTx(t, ctx._, {
        volunteer: v,
        ledgerId: ledgerIds.eventService(eventId, s.openid),
        kind: 'service',
        minutes: cur.hours.minutes,
        ref: { type: 'event', id: eventId, title: e.title },
        serviceAt: e.startAt,
        period: { startAt: cur.checkIn?.at ?? e.startAt, endAt: cur.checkOut?.at ?? e.endAt },
        source: cur.hours.source,
        serviceType: e.type,
        subject: { type: 'event', id: eventId },
        by: ctx.openid,
        note: cur.hours.reason,
        at,
      })
      await t.collection(COLLECTIONS.volunteerSignups).doc(s._id).update({
        data: patch(ctx._, { hours: { ...cur.hours, status: 'confirmed', confirmedBy: ctx.openid, confirmedAt: at }, updatedAt: at }),
      })
      return credit ? cur.hours.minutes : '时长已记入'
    }, HOT_TX_RETRIES)
    if (typeof done === 'string') skipped.push({ openid: s.openid, reason: done })
    else {
      confirmed++
      total += done
      messages.push(hoursMessage(s.openid, e.title, done, e.startAt, '服务时长已确认并记入时间存折'))
    }
  }
  // One small transaction per volunteer (a failure leaves the others confirmed; re-running is a no-op for
  // them), a few at a time: they share the team's ranking counter.
  for (let i = 0; i < targets.length; i += CONFIRM_CONCURRENCY) await Promise.all(targets.slice(i, i + CONFIRM_CONCURRENCY).map(confirmOne))
  if (confirmed) await audit(ctx, { db: ctx.db }, { at, by: ctx.openid, action: 'confirmHours', eventId, after: { confirmed, minutes: total } })
  await safely('hours messages', () => send(ctx, messages))
  return { confirmed, minutes: total, skipped }
})

// ------------------------------------------------------------------------------------------ corrections

export const requestCorrection = defineHandler(C, 'requestCorrection', async ({ eventId, requestedMinutes, reason }, ctx) => {
  const now = ctx.now()
  const at = now.toISOString()
  const e = await loadEvent(ctx, eventId)
  if (Date.parse(e.startAt) > now.getTime()) throw new ActionError('CONFLICT', '活动开始后才能申请更正时长')
  const s = await findById<SignupDoc>(signups(ctx.db), signupId(eventId, ctx.openid))
  if (!s || s.status !== 'confirmed') throw new ActionError('NOT_FOUND', '您没有参加该活动的记录')
  const max = eventMinutes(e)
  if (requestedMinutes > max) throw new ActionError('INVALID_INPUT', `服务时长不能超过活动时长（${max} 分钟）`, [{ path: 'requestedMinutes', message: '超过活动时长' }])
  const currentMinutes = s.hours?.minutes ?? 0
  if (requestedMinutes === currentMinutes) throw new ActionError('INVALID_INPUT', '申请的时长与现有记录相同')
  const coll = ctx.db.collection(COLLECTIONS.volunteerCorrections)
  const pending = await coll.where({ openid: ctx.openid, status: 'pending', eventId }).limit(1).get()
  if (pending.data.length) throw new ActionError('CONFLICT', '该活动已有待处理的更正申请')
  const v = await findById<VolunteerDoc>(ctx.db.collection(COLLECTIONS.volunteers), ctx.openid)
  const doc: CorrectionDoc = {
    _id: newId('c'),
    openid: ctx.openid,
    volunteerName: v?.name ?? s.name,
    eventId,
    eventTitle: e.title,
    currentMinutes,
    requestedMinutes,
    reason,
    status: 'pending',
    resolvedBy: null,
    resolvedAt: null,
    resolutionNote: null,
    appliedMinutes: null,
    createdAt: at,
  }
  await coll.add({ data: { ...doc } })
  return toCorrectionView(doc)
})

export const myCorrections = defineHandler(C, 'myCorrections', async ({ offset, limit }, ctx) => {
  const q = ctx.db.collection(COLLECTIONS.volunteerCorrections).where({ openid: ctx.openid }).orderBy('createdAt', 'desc')
  const page = await fetchPage<CorrectionDoc>(q, offset, limit)
  return { items: page.items.map(toCorrectionView), hasMore: page.hasMore }
})

export const listCorrections = defineHandler(C, 'listCorrections', async ({ status, offset, limit }, ctx) => {
  const q = ctx.db.collection(COLLECTIONS.volunteerCorrections).where({ status }).orderBy('createdAt', status === 'pending' ? 'asc' : 'desc')
  const page = await fetchPage<CorrectionDoc>(q, offset, limit)
  return { items: page.items.map(toCorrectionView), hasMore: page.hasMore }
})

export const resolveCorrection = defineHandler(C, 'resolveCorrection', async ({ id, decision, minutes, note }, ctx) => {
  const now = ctx.now()
  const at = now.toISOString()
  const c0 = await findById<CorrectionDoc>(ctx.db.collection(COLLECTIONS.volunteerCorrections), id)
  if (!c0) throw new ActionError('NOT_FOUND', '更正申请不存在')
  if (c0.openid === ctx.openid) throw new ActionError('FORBIDDEN', '不能处理本人的更正申请')
  const e = await loadEvent(ctx, c0.eventId)
  const target = minutes ?? c0.requestedMinutes
  if (decision === 'approve') {
    const problem = target === 0 ? null : manualMinutesProblem(target, e)
    if (problem) throw new ActionError('INVALID_INPUT', problem, [{ path: 'minutes', message: problem }])
  }
  const res = await ctx.db.runTransaction(async (t) => {
    const c = await txGet<CorrectionDoc>(t, COLLECTIONS.volunteerCorrections, id)
    if (!c || c.status !== 'pending') throw new ActionError('CONFLICT', '该申请已处理')
    const fields: Partial<CorrectionDoc> = { status: decision === 'approve' ? 'approved' : 'rejected', resolvedBy: ctx.openid, resolvedAt: at, resolutionNote: note }
    let delta = 0
    if (decision === 'approve') {
      const sid = signupId(c.eventId, c.openid)
      const s = await txGet<SignupDoc>(t, COLLECTIONS.volunteerSignups, sid)
      if (!s) throw new ActionError('NOT_FOUND', '参加记录不存在')
      fields.appliedMinutes = target
      if (s.hours?.status === 'confirmed') {
        delta = target - s.hours.minutes
        const v = await txGet<VolunteerDoc>(t, COLLECTIONS.volunteers, c.openid)
        if (!v) throw new ActionError('NOT_FOUND', '志愿者档案不存在')
        if (delta !== 0) {
          await creditInTx(t, ctx._, {
            volunteer: v,
            ledgerId: ledgerIds.correction(c._id),
            kind: 'adjustment',
            minutes: delta,
            ref: { type: 'correction', id: c._id, title: `${e.title}（时长更正）` },
            serviceAt: e.startAt,
            period: null,
            source: 'manual',
            serviceType: e.type,
            subject: { type: 'event', id: e._id },
            by: ctx.openid,
            note,
            at,
          })
        }
        await t.collection(COLLECTIONS.volunteerSignups).doc(sid).update({ data: patch(ctx._, { hours: { ...s.hours, minutes: target }, updatedAt: at }) })
      } else {
        // Not yet confirmed: the corrected figure replaces it, as organiser-entered hours awaiting confirmation.
        const hours: SignupHours = { minutes: target, source: 'manual', status: 'pending', reason: note, setBy: ctx.openid, setAt: at, confirmedBy: null, confirmedAt: null }
        await t.collection(COLLECTIONS.volunteerSignups).doc(sid).update({ data: patch(ctx._, { hours, updatedAt: at }) })
      }
    }
    await t.collection(COLLECTIONS.volunteerCorrections).doc(id).update({ data: patch(ctx._, fields) })
    await audit(ctx, { t }, { at, by: ctx.openid, action: 'correction', openid: c.openid, eventId: c.eventId, before: { minutes: c.currentMinutes }, after: { decision, minutes: fields.appliedMinutes ?? null, delta }, reason: note })
    return { c: { ...c, ...fields } as CorrectionDoc, delta }
  })
  if (res.delta) await safely('hours message', () => send(ctx, [hoursMessage(res.c.openid, e.title, target, e.startAt, `时长已更正为${(target / 60).toFixed(1)}小时`)]))
  return toCorrectionView(res.c)
})
