import type { ActionContext, SystemContext } from '../kernel'
import { ActionError } from '../../src/domain/core/envelope'
import type { ReportChange } from '../../src/domain/contracts/report'
import { overdueDays, transition, type Actor, type ReportCommand, type TimelineEvent } from '../../src/domain/report'
import { escalationMessage, progressMessage, safely, send, taskMessage, unitHandlers, type Message, type TaskReason } from './notify'
import type { ReportRecord } from './records'
import { adjustReporterHistory, commit, followersOf } from './repository'

/**
 * One state change, the same way for every action: the machine decides (`transition`), the repository
 * writes it with compare-and-set and appends the timeline event, then the side effects run — the
 * reporter's counters and the notifications — none of which can fail the change that already happened.
 */

type Ctx = Pick<ActionContext, 'db' | '_' | 'cloud' | 'now'> & Partial<Pick<ActionContext, 'audit'>>

/** What the 操作日志 keeps of a report on either side of a change. */
const auditView = (r: ReportRecord) => ({ status: r.status, version: r.version, unit: r.dispatch?.unitName ?? null, deadline: r.dispatch?.deadline ?? null })

export const staffActor = (ctx: ActionContext): Actor => ({ role: 'staff', userId: ctx.openid })
export const residentActor = (ctx: ActionContext): Actor => ({ role: 'resident', userId: ctx.openid })

/** A unit handler acts for the unit their account is bound to. */
export function unitActor(ctx: ActionContext): Actor {
  const unit = ctx.user?.unit ?? null
  if (!unit) throw new ActionError('FORBIDDEN', '您的账号尚未绑定责任单位，请联系管理员')
  return { role: 'unit', userId: ctx.openid, unitId: unit.id, unitName: unit.name }
}

export interface Changed {
  before: ReportRecord
  after: ReportRecord
  event: TimelineEvent
}

/** Decide, write (CAS) and record one transition. Throws FORBIDDEN / CONFLICT / INVALID_INPUT from the machine or the write. */
export async function applyCommand(ctx: Ctx, report: ReportRecord, command: ReportCommand, actor: Actor): Promise<Changed> {
  const result = transition(report, command, actor, ctx.now())
  const after = await commit(ctx, report, result)
  ctx.audit?.({ targetType: 'report', targetId: after._id, summary: result.event.type, before: auditView(report), after: auditView(after) })
  return { before: report, after, event: result.event }
}

export const changeOf = (c: Changed): ReportChange => ({ id: c.after._id, status: c.after.status, version: c.after.version, event: c.event })

export interface Effects {
  /** Who acted (not notified of their own action). */
  actor?: string | null
  /** Tell the unit's handlers about a new task. */
  task?: TaskReason
  /** Tell the unit's handlers about a 督办. */
  escalation?: boolean
}

/**
 * After a change: the reporter's track record, and notifications — to the reporter and followers when the
 * status changed, to the unit's handlers on a new task or a 督办. Awaited (a cloud function may be frozen
 * once it answers) but never thrown.
 */
export async function afterChange(ctx: Ctx | SystemContext, c: Changed, effects: Effects = {}): Promise<void> {
  const { before, after, event } = c
  const statusChanged = before.status !== after.status
  const unitId = after.dispatch?.unitId
  const needUnit = !!unitId && (effects.task !== undefined || effects.escalation)
  await Promise.all([
    adjustReporterHistory(ctx, before, after),
    safely('notifications', async () => {
      const [followers, handlers] = await Promise.all([
        statusChanged ? followersOf(ctx, after._id) : Promise.resolve([] as string[]),
        needUnit ? unitHandlers(ctx, [unitId]) : Promise.resolve(new Map<string, string[]>()),
      ])
      const messages: Message[] = []
      if (statusChanged) for (const to of [after.reporterId, ...followers]) messages.push(progressMessage(to, after, event))
      const unitUsers = (unitId && handlers.get(unitId)) || []
      if (effects.task) for (const to of unitUsers) messages.push(taskMessage(to, after, effects.task))
      if (effects.escalation) for (const to of unitUsers) messages.push(escalationMessage(to, after, overdueDays(after, ctx.now())))
      await send(ctx, messages, [effects.actor])
    }),
  ])
}
