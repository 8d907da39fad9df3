import { ActionError, defineHandler, fetchAll, fetchPage, findById } from '../kernel'
import { volunteerContract as C } from '../../src/domain/contracts/volunteer'
import { COLLECTIONS } from '../../src/domain/collections'
import type { DistrictDoc, StreetDoc } from '../../src/domain/city/district'
import { newResident, type UserDoc } from '../../src/domain/user/user'
import {
  maskIdNumber,
  newVolunteer,
  toTeamView,
  toVolunteerOwnView,
  toVolunteerStaffView,
  type ServiceArea,
  type TeamDoc,
  type TeamRef,
  type VolunteerDoc,
} from '../../src/domain/volunteer'
import { audit, loadTeam, loadVolunteer, patch, txGet, volunteers, type Ctx } from './repo'
import { idNumberHash, newId } from './secrets'
import { reviewMessage, safely, send } from './notify'

/** 服务区域 from district/street ids: both must exist and belong together; the label is what people read. */
async function areaOf(ctx: Ctx, districtId: string | null | undefined, streetId: string | null | undefined): Promise<ServiceArea | null> {
  if (!districtId && !streetId) return null
  const [district, street] = await Promise.all([
    districtId ? findById<DistrictDoc>(ctx.db.collection(COLLECTIONS.districts), districtId) : Promise.resolve(null),
    streetId ? findById<StreetDoc>(ctx.db.collection(COLLECTIONS.streets), streetId) : Promise.resolve(null),
  ])
  if (districtId && !district) throw new ActionError('NOT_FOUND', '服务区域（区）不存在')
  if (streetId && !street) throw new ActionError('NOT_FOUND', '服务区域（街道）不存在')
  if (district && street && street.districtId !== district._id) throw new ActionError('INVALID_INPUT', '街道不属于所选的区')
  const d = district ?? (street ? await findById<DistrictDoc>(ctx.db.collection(COLLECTIONS.districts), street.districtId) : null)
  return { districtId: d?._id ?? null, streetId: street?._id ?? null, label: [d?.name, street?.name].filter(Boolean).join(' ') }
}

const teamRef = (t: TeamDoc): TeamRef => ({ id: t._id, name: t.name })

export const register = defineHandler(C, 'register', async (input, ctx) => {
  const now = ctx.now()
  const existing = await loadVolunteer(ctx, ctx.openid)
  if (existing?.status === 'approved') throw new ActionError('CONFLICT', '您已是注册志愿者，如需修改资料请到“我的志愿者档案”')
  const idNumber = input.idNumber?.toUpperCase()
  const idHash = idNumber ? idNumberHash(idNumber) : null
  if (idHash) {
    const same = await volunteers(ctx.db).where({ idHash }).field({ _id: true }).limit(2).get()
    if (same.data.some((d) => d._id !== ctx.openid)) throw new ActionError('CONFLICT', '该身份证号码已注册过志愿者，如有疑问请联系创城办')
  }
  const [area, team] = await Promise.all([
    areaOf(ctx, input.districtId, input.streetId),
    input.teamId ? loadTeam(ctx, input.teamId).then(teamRef) : Promise.resolve(null),
  ])
  const fresh = newVolunteer(
    ctx.openid,
    { ...input, idNumberMasked: idNumber ? maskIdNumber(idNumber) : null, idHash, area, team },
    now,
  )
  if (!existing) {
    try {
      await volunteers(ctx.db).add({ data: { ...fresh } })
      return toVolunteerOwnView(fresh, now)
    } catch (err) {
      // A concurrent first registration won the `_id`: fall through and resubmit over it.
      if (!(await loadVolunteer(ctx, ctx.openid))) throw err
    }
  }
  // Resubmission (pending or rejected): the application is replaced, balances and history untouched.
  const fields = {
    name: fresh.name,
    mobile: fresh.mobile,
    idNumberMasked: fresh.idNumberMasked ?? existing?.idNumberMasked ?? null,
    idHash: fresh.idHash ?? existing?.idHash ?? null,
    gender: fresh.gender,
    skills: fresh.skills,
    services: fresh.services,
    area: fresh.area,
    availability: fresh.availability,
    team: fresh.team,
    consentAt: fresh.consentAt,
    status: 'pending' as const,
    appliedAt: fresh.appliedAt,
    reviewNote: null,
    updatedAt: fresh.updatedAt,
  }
  const updated = await ctx.db.runTransaction(async (t) => {
    const cur = await txGet<VolunteerDoc>(t, COLLECTIONS.volunteers, ctx.openid)
    if (!cur) throw new ActionError('CONFLICT')
    if (cur.status === 'approved') throw new ActionError('CONFLICT', '您已是注册志愿者')
    await t.collection(COLLECTIONS.volunteers).doc(ctx.openid).update({ data: patch(ctx._, fields) })
    return { ...cur, ...fields }
  })
  return toVolunteerOwnView(updated, now)
})

export const myProfile = defineHandler(C, 'myProfile', async (_input, ctx) => {
  const v = await loadVolunteer(ctx, ctx.openid)
  return { profile: v ? toVolunteerOwnView(v, ctx.now()) : null }
})

export const updateProfile = defineHandler(C, 'updateProfile', async (input, ctx) => {
  const v = await loadVolunteer(ctx, ctx.openid)
  if (!v) throw new ActionError('NOT_FOUND', '请先完成志愿者注册')
  const fields: Partial<VolunteerDoc> = { updatedAt: ctx.now().toISOString() }
  if (input.mobile) fields.mobile = input.mobile
  if (input.skills) fields.skills = input.skills
  if (input.services) fields.services = input.services
  if (input.availability) fields.availability = input.availability
  if (input.districtId !== undefined || input.streetId !== undefined) {
    fields.area = await areaOf(ctx, input.districtId === undefined ? v.area?.districtId : input.districtId, input.streetId === undefined ? v.area?.streetId : input.streetId)
  }
  await volunteers(ctx.db).doc(ctx.openid).update({ data: patch(ctx._, fields) })
  return toVolunteerOwnView({ ...v, ...fields }, ctx.now())
})

// ------------------------------------------------------------------------------------------------ teams

export const listTeams = defineHandler(C, 'listTeams', async ({ districtId }, ctx) => {
  const where: Record<string, unknown> = { active: true }
  if (districtId) where.districtId = districtId
  const docs = await fetchAll<TeamDoc>(ctx.db.collection(COLLECTIONS.volunteerTeams).where(where).orderBy('order', 'asc'), 500)
  return { items: docs.map(toTeamView) }
})

export const saveTeam = defineHandler(C, 'saveTeam', async (input, ctx) => {
  const at = ctx.now().toISOString()
  const coll = ctx.db.collection(COLLECTIONS.volunteerTeams)
  const fields = {
    name: input.name,
    districtId: input.districtId,
    intro: input.intro,
    services: input.services,
    leaderName: input.leaderName,
    active: input.active,
    order: input.order,
    updatedAt: at,
  }
  if (input.id) {
    const cur = await findById<TeamDoc>(coll, input.id)
    if (!cur) throw new ActionError('NOT_FOUND', '志愿服务队不存在')
    await coll.doc(input.id).update({ data: patch(ctx._, fields) })
    return toTeamView({ ...cur, ...fields })
  }
  const doc: TeamDoc = { _id: newId('t'), ...fields, memberCount: 0, createdAt: at }
  await coll.add({ data: { ...doc } })
  return toTeamView(doc)
})

// ------------------------------------------------------------------------------------------------ staff

export const listRegistrations = defineHandler(C, 'listRegistrations', async ({ status, teamId, offset, limit }, ctx) => {
  const where: Record<string, unknown> = {}
  if (teamId) where['team.id'] = teamId
  if (status) where.status = status
  const coll = volunteers(ctx.db)
  const query = (Object.keys(where).length ? coll.where(where) : coll).orderBy('appliedAt', 'desc')
  const page = await fetchPage<VolunteerDoc>(query, offset, limit)
  const now = ctx.now()
  return { items: page.items.map((v) => toVolunteerStaffView(v, now)), hasMore: page.hasMore }
})

export const getVolunteer = defineHandler(C, 'getVolunteer', async ({ openid }, ctx) => {
  const v = await loadVolunteer(ctx, openid)
  if (!v) throw new ActionError('NOT_FOUND', '志愿者不存在')
  return toVolunteerStaffView(v, ctx.now())
})

/** Grants the `volunteer` role (creating the user record if the applicant never opened 我的). */
async function grantRole(ctx: Ctx, openid: string, now: Date): Promise<void> {
  const users = ctx.db.collection(COLLECTIONS.users)
  const user = await findById<UserDoc>(users, openid)
  if (user) {
    if (!user.roles.includes('volunteer')) await users.doc(openid).update({ data: { roles: ctx._.addToSet('volunteer'), updatedAt: now } })
    return
  }
  try {
    await users.add({ data: { ...newResident(openid, now), roles: ['volunteer'] } })
  } catch {
    await users.doc(openid).update({ data: { roles: ctx._.addToSet('volunteer'), updatedAt: now } })
  }
}

export const reviewRegistration = defineHandler(C, 'reviewRegistration', async ({ openid, decision, note }, ctx) => {
  const now = ctx.now()
  const at = now.toISOString()
  const result = await ctx.db.runTransaction(async (t) => {
    const v = await txGet<VolunteerDoc>(t, COLLECTIONS.volunteers, openid)
    if (!v) throw new ActionError('NOT_FOUND', '志愿者注册申请不存在')
    // Approving an approved volunteer again only re-grants the role (a retry after a failed grant).
    if (v.status === 'approved' && decision === 'approve') return { v, changed: false }
    if (v.status !== 'pending') throw new ActionError('CONFLICT', '该申请已审核')
    const fields = { status: decision === 'approve' ? ('approved' as const) : ('rejected' as const), reviewedAt: at, reviewedBy: ctx.openid, reviewNote: note ?? null, updatedAt: at }
    await t.collection(COLLECTIONS.volunteers).doc(openid).update({ data: patch(ctx._, fields) })
    if (decision === 'approve' && v.team) {
      const team = await txGet<TeamDoc>(t, COLLECTIONS.volunteerTeams, v.team.id)
      if (team) await t.collection(COLLECTIONS.volunteerTeams).doc(team._id).update({ data: { memberCount: team.memberCount + 1 } })
    }
    await audit(ctx, { t }, { at, by: ctx.openid, action: 'review', openid, before: { status: v.status }, after: { status: fields.status }, reason: note ?? null })
    return { v: { ...v, ...fields }, changed: true }
  })
  if (decision === 'approve') await grantRole(ctx, openid, now)
  if (result.changed) await safely('review message', () => send(ctx, [reviewMessage(openid, decision === 'approve', note ?? null, at)]))
  return toVolunteerStaffView(result.v, now)
})

export const clearPause = defineHandler(C, 'clearPause', async ({ openid, note }, ctx) => {
  const now = ctx.now()
  const at = now.toISOString()
  const v = await ctx.db.runTransaction(async (t) => {
    const cur = await txGet<VolunteerDoc>(t, COLLECTIONS.volunteers, openid)
    if (!cur) throw new ActionError('NOT_FOUND', '志愿者不存在')
    await t.collection(COLLECTIONS.volunteers).doc(openid).update({ data: { noShowsClearedAt: at, updatedAt: at } })
    await audit(ctx, { t }, { at, by: ctx.openid, action: 'clearPause', openid, before: { noShows: cur.noShows.length }, reason: note })
    return { ...cur, noShowsClearedAt: at }
  })
  return toVolunteerStaffView(v, now)
})
