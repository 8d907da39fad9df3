import { checkText, createFunction, fetchPage, findById, type ActionContext, type Handlers } from '../kernel'
import { ActionError } from '../../src/domain/core/envelope'
import { userContract } from '../../src/domain/contracts/user'
import { COLLECTIONS } from '../../src/domain/collections'
import { newResident, planRoleChange, toMe, type UserDoc, type UserSummary } from '../../src/domain/user/user'
import { effectiveRoles } from '../../src/domain/core/roles'
import { toIso } from '../../src/domain/shared/time'
import type { UnitDoc } from '../../src/domain/city/unit'
import { OFFICIAL_ROLES, PRIVACY_POLICY_VERSION } from '../../src/domain/user/privacy'
import { eraseAccount } from './erase'
import { exportMyData } from './export'

/**
 * The caller's record, created on first use. `_id` is the OPENID, so concurrent first calls race on a
 * unique key: one insert wins, the others fail and read the winner's record.
 */
export async function ensureUser(ctx: ActionContext): Promise<UserDoc> {
  if (ctx.user) return ctx.user
  const users = ctx.db.collection(COLLECTIONS.users)
  const doc = newResident(ctx.openid, ctx.now())
  try {
    await users.add({ data: { ...doc } })
    return doc
  } catch (err) {
    const existing = await findById<UserDoc>(users, ctx.openid)
    if (existing) return existing
    throw err
  }
}

const toSummary = (u: UserDoc): UserSummary => ({
  openid: u._id,
  nickname: u.nickname,
  roles: effectiveRoles(u.roles),
  unit: u.unit ?? null,
  registeredAt: toIso(u.createdAt),
})

const handlers: Handlers<typeof userContract> = {
  async me(_input, ctx) {
    return toMe(await ensureUser(ctx))
  },

  async updateProfile({ nickname }, ctx) {
    await checkText(ctx, { content: nickname, scene: 1, field: 'nickname', label: '昵称' })
    const user = await ensureUser(ctx)
    const updatedAt = ctx.now()
    await ctx.db.collection(COLLECTIONS.users).doc(ctx.openid).update({ data: { nickname, updatedAt } })
    return toMe({ ...user, nickname, updatedAt })
  },

  async consent({ version }, ctx) {
    if (version !== PRIVACY_POLICY_VERSION) throw new ActionError('CONFLICT', '隐私政策已更新，请阅读新版本后再同意')
    const user = await ensureUser(ctx)
    const updatedAt = ctx.now()
    const consent = { version, at: updatedAt.toISOString() }
    await ctx.db.collection(COLLECTIONS.users).doc(ctx.openid).update({ data: { consent: ctx._.set(consent), updatedAt } })
    return toMe({ ...user, consent, updatedAt })
  },

  exportMyData(_input, ctx) {
    return exportMyData(ctx, ensureUser(ctx))
  },

  // What is erased and what is kept anonymously: src/domain/user/erasure.ts.
  async deleteAccount(_input, ctx) {
    if (ctx.roles.some((r) => (OFFICIAL_ROLES as readonly string[]).includes(r))) {
      throw new ActionError('FORBIDDEN', '您担任创城办、责任单位或管理员角色，其工作记录需要交接，请先由管理员取消角色后再注销')
    }
    const erased = await eraseAccount(ctx)
    return { deletedAt: ctx.now().toISOString(), erased }
  },

  async listUsers({ role, unitId, offset, limit }, ctx) {
    const coll = ctx.db.collection(COLLECTIONS.users)
    // `resident` is everyone; other roles are stored (equality on an array field matches an element).
    const where: Record<string, unknown> = {}
    if (role && role !== 'resident') where.roles = role
    if (unitId) where['unit.id'] = unitId
    const query = (Object.keys(where).length ? coll.where(where) : coll).orderBy('createdAt', 'desc')
    const page = await fetchPage<UserDoc>(query, offset, limit)
    return { items: page.items.map(toSummary), hasMore: page.hasMore }
  },

  // Nickname prefix on the `nickname` index, plus an exact OPENID: two indexed queries, never a scan.
  async searchUsers({ q, limit }, ctx) {
    const users = ctx.db.collection(COLLECTIONS.users)
    const _ = ctx._
    const [byId, byName] = await Promise.all([
      /^[A-Za-z0-9_-]+$/.test(q) ? findById<UserDoc>(users, q) : Promise.resolve(null),
      users.where({ nickname: _.and(_.gte(q), _.lt(`${q}\uffff`)) }).orderBy('nickname', 'asc').limit(limit).get(),
    ])
    const found = [...(byId ? [byId] : []), ...(byName.data as UserDoc[]).filter((u) => u._id !== byId?._id)]
    return { items: found.slice(0, limit).map(toSummary) }
  },

  async setRoles({ openid, roles, unitId }, ctx) {
    const users = ctx.db.collection(COLLECTIONS.users)
    const [target, unit] = await Promise.all([
      findById<UserDoc>(users, openid),
      unitId ? findById<UnitDoc>(ctx.db.collection(COLLECTIONS.units), unitId) : Promise.resolve(null),
    ])
    if (!target) throw new ActionError('NOT_FOUND', '该用户还没有使用过小程序')
    const plan = planRoleChange({ actorOpenid: ctx.openid, targetOpenid: openid, roles, unitId: unitId ?? null })
    if (!plan.ok) throw new ActionError(plan.code, plan.message)
    if (plan.unitId && !unit) throw new ActionError('NOT_FOUND', '责任单位不存在')
    const updatedAt = ctx.now()
    const unitRef = plan.unitId && unit ? { id: unit._id, name: unit.name } : null
    await users.doc(openid).update({ data: { roles: plan.roles, unit: unitRef, updatedAt } })
    ctx.audit({
      targetType: 'user',
      targetId: openid,
      summary: `${target.nickname} 的角色`,
      before: { roles: target.roles, unit: target.unit ?? null },
      after: { roles: plan.roles, unit: unitRef },
    })
    return toSummary({ ...target, roles: plan.roles, unit: unitRef, updatedAt })
  },
}

const fn = createFunction(userContract, handlers)
export const main = fn.main
export const contract = fn.contract
