import { ActionError } from '../core/envelope'
import type { Actor, CommandOf, CommandType, ReportCommand } from './commands'
import { iso } from './fields'
import type { ActorRole, ReportDoc, Resolution, TimelineEvent } from './report'
import { EVENT_LABELS } from './report'
import { deadlineFrom, dueForEscalation, isOverdue, overdueDays, ratingOpen, revisitDueAt, revisitOpen } from './time'
import { isOpenStatus, STATUS_LABELS, type ReportStatus } from './status'

/**
 * The 随手拍 state machine — the only way a report's status (and the fields that go with it) changes.
 *
 *   command         who                     from                        to
 *   acceptDispatch  staff                   submitted                   dispatched
 *   reject          staff                   submitted, returned         rejected
 *   merge           staff                   submitted, returned         duplicate      (original must be open)
 *   outOfScope      staff                   submitted, returned         out_of_scope
 *   acknowledge     unit (its own)          dispatched                  in_progress
 *   rectify         unit (its own)          dispatched, in_progress     rectified
 *   returnToStaff   unit (its own)          dispatched, in_progress     returned
 *   verifyClose     staff                   rectified                   closed         (销号; schedules the 回访)
 *   sendBack        staff                   rectified                   dispatched     (new deadline, round + 1)
 *   redispatch      staff                   returned, reopened          dispatched     (any unit, round + 1)
 *   rate            resident (the reporter) closed, unrated, ≤ 7 days   closed | reopened (不满意)
 *   revisit         resident (the reporter) closed, 回访 due, unanswered closed | reopened (未解决)
 *   escalate        system (once a day), staff  dispatched, in_progress, overdue   (same status; 督办 flags)
 */

export type OwnerCheck = 'unit' | 'reporter' | null

export interface TransitionRule {
  roles: readonly ActorRole[]
  from: readonly ReportStatus[]
  /** Every status the command can lead to (rate/revisit/escalate may stay where they are). */
  to: readonly ReportStatus[]
  /** A unit may act only on reports dispatched to it; the reporter only on their own. */
  owner: OwnerCheck
}

export const TRANSITIONS: Record<CommandType, TransitionRule> = {
  acceptDispatch: { roles: ['staff'], from: ['submitted'], to: ['dispatched'], owner: null },
  reject: { roles: ['staff'], from: ['submitted', 'returned'], to: ['rejected'], owner: null },
  merge: { roles: ['staff'], from: ['submitted', 'returned'], to: ['duplicate'], owner: null },
  outOfScope: { roles: ['staff'], from: ['submitted', 'returned'], to: ['out_of_scope'], owner: null },
  acknowledge: { roles: ['unit'], from: ['dispatched'], to: ['in_progress'], owner: 'unit' },
  rectify: { roles: ['unit'], from: ['dispatched', 'in_progress'], to: ['rectified'], owner: 'unit' },
  returnToStaff: { roles: ['unit'], from: ['dispatched', 'in_progress'], to: ['returned'], owner: 'unit' },
  verifyClose: { roles: ['staff'], from: ['rectified'], to: ['closed'], owner: null },
  sendBack: { roles: ['staff'], from: ['rectified'], to: ['dispatched'], owner: null },
  redispatch: { roles: ['staff'], from: ['returned', 'reopened'], to: ['dispatched'], owner: null },
  rate: { roles: ['resident'], from: ['closed'], to: ['closed', 'reopened'], owner: 'reporter' },
  revisit: { roles: ['resident'], from: ['closed'], to: ['closed', 'reopened'], owner: 'reporter' },
  escalate: { roles: ['system', 'staff'], from: ['dispatched', 'in_progress'], to: ['dispatched', 'in_progress'], owner: null },
}

/** The fields a transition writes. Object-valued fields are whole replacements (use `_.set()` in a WeChat update). */
export type ReportPatch = Partial<Omit<ReportDoc, '_id' | 'clientId' | 'reporterId' | 'createdAt'>> &
  Pick<ReportDoc, 'status' | 'version' | 'updatedAt' | 'statusAt'>

export interface TransitionResult {
  /** Compare-and-set guard: update only `where({ _id, status: expectedStatus, version: expectedVersion })`; 0 updated → CONFLICT. */
  expectedStatus: ReportStatus
  expectedVersion: number
  patch: ReportPatch
  /** Append to the timeline in the same step. */
  event: TimelineEvent
  /** The report after the patch, for building the response. */
  report: ReportDoc
}

// ---------------------------------------------------------------------------------------------------------
// Guards

const conflict = (message: string) => new ActionError('CONFLICT', message)

function assertAllowed(report: ReportDoc, type: CommandType, actor: Actor): void {
  const rule = TRANSITIONS[type]
  if (!rule.roles.includes(actor.role)) throw new ActionError('FORBIDDEN', `当前身份不能${EVENT_LABELS[type]}`)
  if (rule.owner === 'unit' && (!actor.unitId || report.dispatch?.unitId !== actor.unitId))
    throw new ActionError('FORBIDDEN', '该问题未派给您所在的单位')
  if (rule.owner === 'reporter' && (!actor.userId || actor.userId !== report.reporterId))
    throw new ActionError('FORBIDDEN', '只有反映人本人可以操作')
  if (!rule.from.includes(report.status))
    throw conflict(`该问题当前为“${STATUS_LABELS[report.status]}”，不能${EVENT_LABELS[type]}，请刷新后查看`)
}

/** The timeline shows a role and, for a unit, its name — never who exactly. */
function timelineActor(actor: Actor): TimelineEvent['actor'] {
  return actor.role === 'unit' && actor.unitName ? { role: 'unit', unitName: actor.unitName } : { role: actor.role }
}

// ---------------------------------------------------------------------------------------------------------
// What each command does (after the guards passed)

type Change = { to: ReportStatus; set: Partial<ReportDoc>; event: Partial<TimelineEvent> }
type Apply<T extends CommandType> = (r: ReportDoc, c: CommandOf<T>, actor: Actor, now: Date) => Change

const dispatchTo = (r: ReportDoc, c: CommandOf<'acceptDispatch' | 'redispatch'>, now: Date): Change => {
  const deadline = iso(deadlineFrom(now, c.deadlineDays))
  return {
    to: 'dispatched',
    set: {
      dispatch: { unitId: c.unit.id, unitName: c.unit.name, deadline, dispatchedAt: iso(now), round: (r.dispatch?.round ?? 0) + 1 },
      rectification: null,
      handback: null,
      resolution: null,
      flags: { ...r.flags, overdue: false },
    },
    event: { unit: { id: c.unit.id, name: c.unit.name }, deadline, note: c.note },
  }
}

/** Closing without a fix: recorded as a resolution so the rates can keep it apart from 已办结. */
const closeNotFixed = (to: 'rejected' | 'duplicate' | 'out_of_scope', resolution: Omit<Resolution, 'kind' | 'at'>, now: Date): Change => ({
  to,
  set: { resolution: compact({ kind: to, at: iso(now), ...resolution }), closedAt: iso(now), handback: null },
  event: { note: resolution.note, reason: resolution.reason, mergedInto: resolution.mergedInto },
})

/** Reopening after 销号: the report is open again, its 销号 undone; rating/回访 stay as the record of why. */
const reopen = (kind: 'unsatisfied' | 'not_fixed', reason: string, now: Date): Partial<ReportDoc> => ({
  resolution: null,
  closedAt: null,
  handback: { kind, reason, at: iso(now) },
})

const APPLY: { [T in CommandType]: Apply<T> } = {
  acceptDispatch: (r, c, _a, now) => dispatchTo(r, c, now),
  redispatch: (r, c, _a, now) => dispatchTo(r, c, now),

  reject: (_r, c, _a, now) => closeNotFixed('rejected', { reason: c.reason, note: c.text }, now),
  merge: (r, c, _a, now) => {
    if (c.original._id === r._id) throw new ActionError('INVALID_INPUT', '不能合并到自身')
    if (!isOpenStatus(c.original.status)) throw conflict('原问题已办结或关闭，不能合并，请作为新问题处理')
    return closeNotFixed('duplicate', { mergedInto: c.original._id, note: c.note }, now)
  },
  outOfScope: (_r, c, _a, now) => closeNotFixed('out_of_scope', { note: c.note }, now),

  acknowledge: (_r, c) => ({ to: 'in_progress', set: {}, event: { note: c.note } }),
  rectify: (r, c, _a, now) => {
    const late = isOverdue(r, now)
    return {
      to: 'rectified',
      set: {
        // After-photos go through the same content check as the resident's before they are public.
        rectification: { photos: c.photos.map((fileId) => ({ fileId, checked: 'pending' as const })), note: c.note, at: iso(now), late },
        flags: { ...r.flags, overdue: false, everOverdue: r.flags.everOverdue || late },
      },
      event: { note: c.note, photos: c.photos },
    }
  },
  returnToStaff: (r, c, _a, now) => ({
    to: 'returned',
    set: {
      handback: compact({ kind: 'returned' as const, reason: c.reason, at: iso(now), unitId: r.dispatch?.unitId, unitName: r.dispatch?.unitName }),
      // Handing back after the deadline still counts as a missed deadline.
      flags: { ...r.flags, overdue: false, everOverdue: r.flags.everOverdue || isOverdue(r, now) },
    },
    event: { note: c.reason },
  }),

  verifyClose: (_r, c, _a, now) => ({
    to: 'closed',
    set: {
      resolution: compact({ kind: 'fixed' as const, at: iso(now), note: c.note }),
      closedAt: iso(now),
      handback: null,
      // A new 销号 opens a new rating and schedules a new 回访.
      rating: null,
      revisit: { dueAt: iso(revisitDueAt(now)), answer: null, comment: '', answeredAt: null },
    },
    event: { note: c.note },
  }),
  sendBack: (r, c, _a, now) => {
    const deadline = iso(deadlineFrom(now, c.deadlineDays))
    const d = r.dispatch! // rectified always has a dispatch
    return {
      to: 'dispatched',
      set: {
        dispatch: { ...d, deadline, dispatchedAt: iso(now), round: d.round + 1 },
        rectification: null,
        flags: { ...r.flags, overdue: false },
      },
      event: { note: c.reason, deadline, unit: { id: d.unitId, name: d.unitName } },
    }
  },

  rate: (r, c, _a, now) => {
    if (!ratingOpen(r, now)) throw conflict('已评价或已超过评价期限')
    const comment = c.comment ?? ''
    const rating = { score: c.score, comment, at: iso(now) }
    if (c.score !== 'unsatisfied') return { to: 'closed', set: { rating }, event: { score: c.score, note: c.comment } }
    return { to: 'reopened', set: { rating, revisit: null, ...reopen('unsatisfied', comment, now) }, event: { score: c.score, note: c.comment } }
  },
  revisit: (r, c, _a, now) => {
    if (!revisitOpen(r, now)) throw conflict('回访尚未开始、已答复或已过期')
    const comment = c.comment ?? ''
    const revisit = { ...r.revisit!, answer: c.answer, comment, answeredAt: iso(now) }
    if (c.answer === 'fixed') return { to: 'closed', set: { revisit }, event: { answer: c.answer, note: c.comment } }
    return { to: 'reopened', set: { revisit, ...reopen('not_fixed', comment, now) }, event: { answer: c.answer, note: c.comment } }
  },

  escalate: (r, c, actor, now) => {
    if (!isOverdue(r, now)) throw conflict('尚未超过整改时限，无需督办')
    // The timer 督办s once a day; staff may 督办 by hand at any time.
    if (actor.role === 'system' && !dueForEscalation(r, now)) throw conflict('今日已督办')
    const escalations = r.flags.escalations + 1
    return {
      to: r.status,
      set: { flags: { overdue: true, everOverdue: true, escalations, lastEscalatedAt: iso(now) } },
      event: { escalation: escalations, note: c.note ?? `已超过整改时限 ${overdueDays(r, now)} 天，请立即整改` },
    }
  },
}

/** Drop undefined keys so stored events stay clean (the cloud database keeps explicit nulls, not undefined). */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
}

/**
 * Apply `command` by `actor` at `now`. Throws FORBIDDEN for a role (or unit, or person) that may not act,
 * CONFLICT when the report is not in a state the command applies to — usually because someone acted first.
 */
export function transition(report: ReportDoc, command: ReportCommand, actor: Actor, now: Date): TransitionResult {
  assertAllowed(report, command.type, actor)
  const change = (APPLY[command.type] as Apply<CommandType>)(report, command, actor, now)
  const at = iso(now)
  const patch: ReportPatch = {
    ...change.set,
    status: change.to,
    version: report.version + 1,
    updatedAt: at,
    statusAt: change.to === report.status ? report.statusAt : at,
  }
  const event: TimelineEvent = compact({
    ...change.event,
    at,
    type: command.type,
    actor: timelineActor(actor),
    from: report.status,
    to: change.to,
  })
  return { expectedStatus: report.status, expectedVersion: report.version, patch, event, report: { ...report, ...patch } }
}

/**
 * The commands `actor` could issue on `report` now — for showing only the buttons that will work.
 * (Input-dependent refusals, like merging into a closed original, are not predicted.)
 */
export function availableCommands(report: ReportDoc, actor: Actor, now: Date): CommandType[] {
  return (Object.keys(TRANSITIONS) as CommandType[]).filter((type) => {
    try {
      assertAllowed(report, type, actor)
    } catch {
      return false
    }
    if (type === 'rate') return ratingOpen(report, now)
    if (type === 'revisit') return revisitOpen(report, now)
    if (type === 'escalate') return actor.role === 'system' ? dueForEscalation(report, now) : isOverdue(report, now)
    return true
  })
}
