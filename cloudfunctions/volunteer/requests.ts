import { ActionError, checkText, defineHandler, fetchAll, fetchPage, type ActionContext } from '../kernel'
import { volunteerContract as C } from '../../src/domain/contracts/volunteer'
import { COLLECTIONS } from '../../src/domain/collections'
import {
  AUTO_CREDIT_DAYS,
  DAY_MS,
  ledgerIds,
  MINUTE_MS,
  requestTransition,
  toRequestView,
  type RequestAction,
  type RequestDoc,
  type VolunteerDoc,
} from '../../src/domain/volunteer'
import { creditInTx } from './credit'
import { hoursMessage, requestMessage, safely, send } from './notify'
import { loadTeam, patch, requireApproved, txGet, type Ctx } from './repo'
import { newId } from './secrets'

/**
 * 点单 → 派单 → 接单 → 评单. Every change is a transaction on the request that re-checks its status, so
 * two volunteers tapping 接单 at once cannot both take it; rating credits the taker's hours in the same
 * transaction (ledger id `req:<id>`: once).
 */
const requests = (ctx: Ctx) => ctx.db.collection(COLLECTIONS.volunteerRequests)
/** Requests may be asked for up to this far ahead. */
const MAX_AHEAD_DAYS = 60

type Guard = (r: RequestDoc) => void

async function change(ctx: Ctx, id: string, action: RequestAction, guard: Guard, fields: (r: RequestDoc) => Partial<RequestDoc>, after?: (t: import('wx-server-sdk').Transaction, r: RequestDoc) => Promise<void>) {
  const at = ctx.now().toISOString()
  return ctx.db.runTransaction(async (t) => {
    const r = await txGet<RequestDoc>(t, COLLECTIONS.volunteerRequests, id)
    if (!r) throw new ActionError('NOT_FOUND', '服务需求不存在')
    guard(r)
    const to = requestTransition(r.status, action)
    if (!to) throw new ActionError('CONFLICT', '该需求当前状态不能进行此操作')
    const next = { ...fields(r), status: to, updatedAt: at, version: r.version + 1 }
    await t.collection(COLLECTIONS.volunteerRequests).doc(id).update({ data: patch(ctx._, next) })
    const updated = { ...r, ...next }
    if (after) await after(t, updated)
    return updated
  })
}

const own = (ctx: ActionContext): Guard => (r) => {
  if (r.residentId !== ctx.openid) throw new ActionError('NOT_FOUND', '服务需求不存在')
}
const taker = (ctx: ActionContext): Guard => (r) => {
  if (r.volunteer?.openid !== ctx.openid) throw new ActionError('FORBIDDEN', '这不是您接的需求')
}

export const submitRequest = defineHandler(C, 'submitRequest', async (input, ctx) => {
  const now = ctx.now()
  const t = Date.parse(input.expectedAt)
  if (t < now.getTime() - 60 * MINUTE_MS) throw new ActionError('INVALID_INPUT', '期望时间不能早于现在', [{ path: 'expectedAt', message: '不能早于现在' }])
  if (t > now.getTime() + MAX_AHEAD_DAYS * DAY_MS) throw new ActionError('INVALID_INPUT', `期望时间最多在 ${MAX_AHEAD_DAYS} 天内`, [{ path: 'expectedAt', message: '太远' }])
  await checkText(ctx, { content: `${input.description} ${input.place.address}`, scene: 2, field: 'description', label: '需求描述' })
  const at = now.toISOString()
  const doc: RequestDoc = {
    _id: newId('q'),
    residentId: ctx.openid,
    category: input.category,
    place: input.place,
    expectedAt: input.expectedAt,
    description: input.description,
    contact: { name: input.contactName, mobile: input.contactMobile },
    status: 'submitted',
    team: null,
    dispatchedAt: null,
    dispatchedBy: null,
    volunteer: null,
    takenAt: null,
    doneAt: null,
    minutes: null,
    doneNote: null,
    rating: null,
    creditedAt: null,
    closedReason: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  }
  await requests(ctx).add({ data: { ...doc } })
  return toRequestView(doc, 'resident')
})

export const myRequests = defineHandler(C, 'myRequests', async ({ offset, limit }, ctx) => {
  const page = await fetchPage<RequestDoc>(requests(ctx).where({ residentId: ctx.openid }).orderBy('createdAt', 'desc'), offset, limit)
  return { items: page.items.map((r) => toRequestView(r, 'resident')), hasMore: page.hasMore }
})

export const cancelRequest = defineHandler(C, 'cancelRequest', async ({ id, reason }, ctx) => {
  const r = await change(ctx, id, 'cancel', own(ctx), () => ({ closedReason: reason ?? '市民撤回' }))
  return toRequestView(r, 'resident')
})

/** Credits the taker's minutes for a completed request (inside the rating transaction). */
async function creditRequest(ctx: Ctx, t: import('wx-server-sdk').Transaction, r: RequestDoc, at: string) {
  if (!r.volunteer || !r.minutes || !r.doneAt) return
  const v = await txGet<VolunteerDoc>(t, COLLECTIONS.volunteers, r.volunteer.openid)
  if (!v) return
  await creditInTx(t, ctx._, {
    volunteer: v,
    ledgerId: ledgerIds.requestService(r._id),
    kind: 'service',
    minutes: r.minutes,
    ref: { type: 'request', id: r._id, title: `点单服务：${r.description.slice(0, 20)}` },
    serviceAt: r.doneAt,
    period: { startAt: new Date(Date.parse(r.doneAt) - r.minutes * MINUTE_MS).toISOString(), endAt: r.doneAt },
    source: 'request',
    serviceType: r.category,
    subject: { type: 'request', id: r._id },
    by: null,
    note: r.rating ? `市民评分 ${r.rating.score}` : null,
    at,
  })
  await t.collection(COLLECTIONS.volunteerRequests).doc(r._id).update({ data: { creditedAt: at } })
}

export const rateRequest = defineHandler(C, 'rateRequest', async ({ id, score, comment }, ctx) => {
  const at = ctx.now().toISOString()
  const r = await change(ctx, id, 'rate', own(ctx), () => ({ rating: { score, comment: comment ?? null, at, auto: false } }), (t, updated) => creditRequest(ctx, t, updated, at))
  if (r.volunteer && r.minutes) {
    const v = r.volunteer
    await safely('hours message', () => send(ctx, [hoursMessage(v.openid, '点单服务', r.minutes!, r.doneAt ?? at, `市民评价${score}星，时长已记入`)]))
  }
  return toRequestView(r, 'resident')
})

/** Credits requests done more than AUTO_CREDIT_DAYS ago that the resident never rated (timer). */
export async function autoCreditRequests(ctx: Ctx): Promise<number> {
  const now = ctx.now()
  const cutoff = new Date(now.getTime() - AUTO_CREDIT_DAYS * DAY_MS).toISOString()
  const due = await fetchAll<RequestDoc>(requests(ctx).where({ status: 'done', doneAt: ctx._.lte(cutoff) }).orderBy('doneAt', 'asc'), 200)
  let n = 0
  for (const r of due) {
    const at = now.toISOString()
    try {
      await change(ctx, r._id, 'autoCredit', () => undefined, () => ({ rating: { score: 5, comment: null, at, auto: true } }), (t, updated) => creditRequest(ctx, t, updated, at))
      n++
    } catch (err) {
      if (!(err instanceof ActionError)) throw err
    }
  }
  return n
}

// ------------------------------------------------------------------------------------------- volunteer

export const teamRequests = defineHandler(C, 'teamRequests', async ({ scope, offset, limit }, ctx) => {
  const v = await requireApproved(ctx, ctx.openid)
  if (scope === 'mine') {
    const page = await fetchPage<RequestDoc>(requests(ctx).where({ 'volunteer.openid': ctx.openid }).orderBy('updatedAt', 'desc'), offset, limit)
    return { items: page.items.map((r) => toRequestView(r, 'taker')), hasMore: page.hasMore }
  }
  if (!v.team) return { items: [], hasMore: false }
  const page = await fetchPage<RequestDoc>(requests(ctx).where({ 'team.id': v.team.id, status: 'dispatched' }).orderBy('createdAt', 'asc'), offset, limit)
  return { items: page.items.map((r) => toRequestView(r, 'team')), hasMore: page.hasMore }
})

export const takeRequest = defineHandler(C, 'takeRequest', async ({ id }, ctx) => {
  const v = await requireApproved(ctx, ctx.openid)
  const at = ctx.now().toISOString()
  const r = await change(
    ctx,
    id,
    'take',
    (r) => {
      if (!r.team || r.team.id !== v.team?.id) throw new ActionError('FORBIDDEN', '该需求派给了其他服务队')
      if (r.residentId === ctx.openid) throw new ActionError('FORBIDDEN', '不能接自己提出的需求')
    },
    () => ({ volunteer: { openid: v._id, name: v.name }, takenAt: at }),
  )
  await safely('request message', () => send(ctx, [requestMessage(r.residentId, r, `志愿者${v.name.slice(0, 1)}*已接单，将与您联系`)]))
  return toRequestView(r, 'taker')
})

export const releaseRequest = defineHandler(C, 'releaseRequest', async ({ id, reason }, ctx) => {
  const r = await change(ctx, id, 'release', taker(ctx), () => ({ volunteer: null, takenAt: null, doneNote: `${reason}` }))
  return toRequestView(r, 'team')
})

export const completeRequest = defineHandler(C, 'completeRequest', async ({ id, minutes, note }, ctx) => {
  const at = ctx.now().toISOString()
  const r = await change(ctx, id, 'complete', taker(ctx), () => ({ doneAt: at, minutes, doneNote: note ?? null }))
  await safely('request message', () => send(ctx, [requestMessage(r.residentId, r, '服务已完成，请评价')]))
  return toRequestView(r, 'taker')
})

// ----------------------------------------------------------------------------------------------- staff

export const listRequests = defineHandler(C, 'listRequests', async ({ status, offset, limit }, ctx) => {
  const page = await fetchPage<RequestDoc>(requests(ctx).where({ status }).orderBy('createdAt', 'asc'), offset, limit)
  return { items: page.items.map((r) => toRequestView(r, 'staff')), hasMore: page.hasMore }
})

export const dispatchRequest = defineHandler(C, 'dispatchRequest', async ({ id, teamId }, ctx) => {
  const team = await loadTeam(ctx, teamId)
  const at = ctx.now().toISOString()
  const r = await change(ctx, id, 'dispatch', () => undefined, () => ({ team: { id: team._id, name: team.name }, dispatchedAt: at, dispatchedBy: ctx.openid, volunteer: null, takenAt: null }))
  await safely('dispatch messages', async () => {
    const members = await fetchAll<Pick<VolunteerDoc, '_id'>>(
      ctx.db.collection(COLLECTIONS.volunteers).where({ 'team.id': team._id, status: 'approved' }).field({ _id: true }),
      200,
    )
    await send(ctx, members.map((m) => requestMessage(m._id, r, '新的服务需求，请及时接单')))
  })
  return toRequestView(r, 'staff')
})

export const rejectRequest = defineHandler(C, 'rejectRequest', async ({ id, reason }, ctx) => {
  const r = await change(ctx, id, 'reject', () => undefined, () => ({ closedReason: reason }))
  await safely('request message', () => send(ctx, [requestMessage(r.residentId, r, thingOf(reason))]))
  return toRequestView(r, 'staff')
})

const thingOf = (s: string) => s.slice(0, 20)

