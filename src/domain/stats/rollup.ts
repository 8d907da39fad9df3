import type { EventType, TimelineEvent } from '../report/report'
import type { RatingScore, ReportStatus } from '../report/status'
import { dayOfIso, dayString } from '../board/period'
import { NO_DISTRICT, bump, emptyDay, safeKey, type DayCounts } from './counters'
import { cellKeyOf } from './hotspots'
import { deadlineKey } from './unit-metrics'

/**
 * The rollup: timeline events (append-only, `report_events`) in, counter increments out. Pure, so every
 * figure can be checked against hand-computed events; the `stats` function reads a batch of events after
 * its checkpoint, the few report fields and earlier events they need, and stores the result of this
 * together with the new checkpoint in one transaction.
 */
export type RollupEvent = Pick<TimelineEvent, 'at' | 'type' | 'from' | 'to' | 'unit' | 'deadline' | 'score'> & { _id: string; reportId: string }

/** What the rollup needs of the report itself (where and what; fixed at submit). */
export interface ReportInfo {
  createdAt: string
  categoryId: string
  districtId: string | null
  gridId: string | null
  microGridId: string | null
  lat: number
  lng: number
}

/** Events that carry a new dispatch (unit and 整改时限). */
const DISPATCHES: readonly EventType[] = ['acceptDispatch', 'redispatch', 'sendBack']
/** Events attributed to the dispatch in force, which they do not carry: they need the report's earlier events. */
export const NEEDS_HISTORY: readonly EventType[] = ['rectify', 'returnToStaff', 'verifyClose', 'escalate', 'rate', 'revisit']
/** Events that need the report's own fields (area, category, place, submit time). */
export const NEEDS_REPORT: readonly EventType[] = ['submit', 'acceptDispatch', 'verifyClose']
/** The earlier events the history needs (escalations are not: they only happen when already late; a rating replaces the report's earlier one). */
export const HISTORY_TYPES: readonly EventType[] = [...DISPATCHES, 'rectify', 'returnToStaff', 'rate']

/**
 * Changes to what the checkpoint keeps: reports per status now, open tasks per unit by deadline day, rated
 * reports by their latest 评价 (a report rated again after 重新处理 moves from its old score to the new), and
 * on-time 销号 undone by 重新处理: the city's 按时整改率 over all time leaves those out, as a count over reports
 * does (a late one stays in: the reopened report had missed its deadline, which counts against the rate).
 */
export interface StateDelta {
  status: Partial<Record<ReportStatus, number>>
  open: Record<string, Record<string, number>>
  rated: Partial<Record<RatingScore, number>>
  reopened: { closedOnTime?: number }
}

export interface RollupResult {
  days: Map<string, DayCounts>
  state: StateDelta
}

/** Event order: time, then id (ids are `<reportId>_<version>`, so one report's events keep their order). */
export const eventOrder = (a: Pick<RollupEvent, 'at' | '_id'>, b: Pick<RollupEvent, 'at' | '_id'>): number =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a._id < b._id ? -1 : a._id > b._id ? 1 : 0

interface InForce {
  unitId: string
  dispatchedAt: string
  deadline: string
}

/** The dispatch in force just before `event`, from the report's earlier events (sorted). */
function dispatchBefore(history: readonly RollupEvent[], event: RollupEvent): InForce | null {
  let found: InForce | null = null
  for (const e of history) {
    if (eventOrder(e, event) >= 0) break
    if (DISPATCHES.includes(e.type) && e.unit && e.deadline) found = { unitId: e.unit.id, dispatchedAt: e.at, deadline: e.deadline }
  }
  return found
}

/** Whether `unitId` handed in any 整改 or 退回 on this report after the 时限 in force, before `event`. */
function missedBefore(history: readonly RollupEvent[], event: RollupEvent, unitId: string): boolean {
  let inForce: InForce | null = null
  for (const e of history) {
    if (eventOrder(e, event) >= 0) break
    if (DISPATCHES.includes(e.type) && e.unit && e.deadline) inForce = { unitId: e.unit.id, dispatchedAt: e.at, deadline: e.deadline }
    else if ((e.type === 'rectify' || e.type === 'returnToStaff') && inForce?.unitId === unitId && e.at > inForce.deadline) return true
  }
  return false
}

const ms = (from: string, to: string) => Math.max(0, Date.parse(to) - Date.parse(from))

/**
 * Increments for a batch of events. `reports` must hold the report of every event in NEEDS_REPORT, and
 * `history` every report's earlier events of HISTORY_TYPES (sorted, may include the batch's own) for
 * every event in NEEDS_HISTORY; an event whose report or dispatch is missing adds only what it can.
 */
export function rollup(events: readonly RollupEvent[], reports: ReadonlyMap<string, ReportInfo>, history: ReadonlyMap<string, readonly RollupEvent[]>): RollupResult {
  const days = new Map<string, DayCounts>()
  const state: StateDelta = { status: {}, open: {}, rated: {}, reopened: {} }
  const dayOf = (at: string) => {
    const key = dayString(dayOfIso(at))
    let d = days.get(key)
    if (!d) days.set(key, (d = emptyDay()))
    return d
  }
  const openTask = (f: InForce | { unitId: string; deadline: string }, n: number) =>
    bump(state.open, [safeKey(f.unitId), deadlineKey(dayOfIso(f.deadline))], n)

  for (const e of [...events].sort(eventOrder)) {
    if (e.from !== e.to) {
      if (e.from) bump(state.status, [e.from], -1)
      bump(state.status, [e.to], 1)
    }
    const day = dayOf(e.at)
    const report = reports.get(e.reportId)
    const past = history.get(e.reportId) ?? []
    const area = (key: 'submitted' | 'accepted' | 'closed') => {
      if (!report) return
      bump(day.district, [safeKey(report.districtId ?? NO_DISTRICT), key])
      bump(day.category, [safeKey(report.categoryId), key])
    }
    switch (e.type) {
      case 'submit':
        bump(day.city, ['submitted'])
        area('submitted')
        if (report) {
          const grid = report.microGridId ?? report.gridId
          if (grid) bump(day.grid, [safeKey(grid)])
          bump(day.cell, [cellKeyOf(report.lat, report.lng)])
        }
        break
      case 'acceptDispatch':
        bump(day.city, ['accepted'])
        area('accepted')
      // falls through: it is also a dispatch
      case 'redispatch':
      case 'sendBack':
        if (e.unit && e.deadline) {
          bump(day.unit, [safeKey(e.unit.id), e.type === 'sendBack' ? 'sentBack' : 'dispatched'])
          openTask({ unitId: e.unit.id, deadline: e.deadline }, 1)
        }
        break
      case 'rectify':
      case 'returnToStaff': {
        const f = dispatchBefore(past, e)
        if (!f) break
        const unit = safeKey(f.unitId)
        openTask(f, -1)
        if (e.type === 'returnToStaff') {
          bump(day.unit, [unit, 'returned'])
          break
        }
        bump(day.unit, [unit, 'rectified'])
        bump(day.unit, [unit, 'handlingMs'], ms(f.dispatchedAt, e.at))
        if (e.at > f.deadline) bump(day.unit, [unit, 'rectifiedLate'])
        break
      }
      case 'verifyClose': {
        bump(day.city, ['closed'])
        area('closed')
        const closeMs = report ? ms(report.createdAt, e.at) : 0
        bump(day.city, ['closeMs'], closeMs)
        const f = dispatchBefore(past, e)
        if (!f) break
        const unit = safeKey(f.unitId)
        bump(day.unit, [unit, 'closed'])
        bump(day.unit, [unit, 'closeMs'], closeMs)
        if (!missedBefore(past, e, f.unitId)) bump(day.unit, [unit, 'closedOnTime'])
        break
      }
      case 'escalate': {
        bump(day.city, ['escalated'])
        const f = dispatchBefore(past, e)
        if (f) bump(day.unit, [safeKey(f.unitId), 'escalations'])
        break
      }
      case 'reject':
        bump(day.city, ['rejected'])
        break
      case 'merge':
        bump(day.city, ['duplicate'])
        break
      case 'outOfScope':
        bump(day.city, ['outOfScope'])
        break
      case 'rate':
      case 'revisit': {
        if (e.type === 'rate') {
          const earlier = past.filter((p) => p.type === 'rate' && p.score && eventOrder(p, e) < 0).at(-1)
          if (earlier?.score) bump(state.rated, [earlier.score], -1)
          if (e.score) bump(state.rated, [e.score])
        }
        if (e.to !== 'reopened') break
        bump(day.city, ['reopened'])
        // An on-time 销号 counted for the unit that rectified does not stand.
        const f = e.from === 'closed' ? dispatchBefore(past, e) : null
        if (f && !missedBefore(past, e, f.unitId)) bump(state.reopened, ['closedOnTime'])
        break
      }
      default:
        break
    }
  }
  return { days, state }
}
