import { z } from 'zod'
import { isoSchema, type ServiceType } from './fields'
import { pointsForCredit } from './hours'
import { monthKey } from './time'
import type { VolunteerDoc } from './volunteer'

/**
 * 时间存折: an append-only ledger of hours and points (`volunteer_ledger`, entries never updated or
 * removed), with the running balance kept in the volunteer's document and written in the same transaction
 * as the entry, so the balance is always the sum of the entries.
 *
 * - `service`: confirmed hours of an event or a service request (+minutes, +points);
 * - `adjustment`: a correction of confirmed hours (±minutes, ±points; a reduction never takes points below 0);
 * - `redeem`: 爱心超市 (−points); `refund`: a cancelled redemption (+points).
 */
export const LEDGER_KINDS = ['service', 'adjustment', 'redeem', 'refund'] as const
export const ledgerKindSchema = z.enum(LEDGER_KINDS)
export type LedgerKind = z.infer<typeof ledgerKindSchema>
export const LEDGER_KIND_LABELS: Record<LedgerKind, string> = { service: '志愿服务', adjustment: '时长更正', redeem: '积分兑换', refund: '兑换退回' }

export const ledgerRefSchema = z.object({
  type: z.enum(['event', 'request', 'correction', 'redemption']),
  id: z.string(),
  title: z.string(),
})
export type LedgerRef = z.infer<typeof ledgerRefSchema>

export interface LedgerDoc {
  _id: string
  openid: string
  at: string
  kind: LedgerKind
  /** Change of confirmed service minutes. */
  minutes: number
  /** Change of the point balance. */
  points: number
  balanceMinutes: number
  balancePoints: number
  ref: LedgerRef
  /** When the service was done (service and adjustment entries): its month is the ranking month. */
  serviceAt: string | null
  /** For service entries: recorded (check-in/out) or manual (organiser). */
  source: 'recorded' | 'manual' | 'request' | null
  /** What the service was (for the certificate's content). */
  serviceType: ServiceType | null
  /** The participation (event or request) the minutes belong to: a correction names the same one as its service. */
  subject: { type: 'event' | 'request'; id: string } | null
  /** Start and end of the service (check-in/out, or the event's times), for the export. */
  period: { startAt: string; endAt: string } | null
  teamId: string | null
  by: string | null
  note: string | null
}

/** Deterministic ledger ids make crediting idempotent: one service entry per participation. */
export const ledgerIds = {
  eventService: (eventId: string, openid: string) => `svc:${eventId}:${openid}`,
  requestService: (requestId: string) => `req:${requestId}`,
  correction: (correctionId: string) => `cor:${correctionId}`,
  redeem: (redemptionId: string) => `red:${redemptionId}`,
  refund: (redemptionId: string) => `ref:${redemptionId}`,
}

export type Balances = Pick<VolunteerDoc, 'totalMinutes' | 'points' | 'pointsEarned' | 'pointsSpent' | 'serviceCount' | 'firstServiceAt' | 'lastServiceAt'>

/**
 * Credits (or, negative, corrects) service minutes: the points a change earns follow `pointsForCredit`; a
 * reduction takes back at most the points the volunteer still has (points already spent stay spent).
 */
export function creditMinutes(b: Balances, minutes: number, opts: { serviceAt: string; countsAsService: boolean }): { balances: Balances; points: number } {
  const totalMinutes = Math.max(0, b.totalMinutes + minutes)
  const delta = totalMinutes - b.totalMinutes
  let points = pointsForCredit(b.totalMinutes, delta)
  if (points < 0) points = Math.max(points, -b.points) || 0 // (no -0)
  const first = b.firstServiceAt && b.firstServiceAt < opts.serviceAt ? b.firstServiceAt : opts.serviceAt
  const last = b.lastServiceAt && b.lastServiceAt > opts.serviceAt ? b.lastServiceAt : opts.serviceAt
  return {
    points,
    balances: {
      totalMinutes,
      points: b.points + points,
      pointsEarned: b.pointsEarned + points,
      pointsSpent: b.pointsSpent,
      serviceCount: b.serviceCount + (opts.countsAsService ? 1 : 0),
      firstServiceAt: opts.countsAsService ? first : b.firstServiceAt,
      lastServiceAt: opts.countsAsService ? last : b.lastServiceAt,
    },
  }
}

export type DebitPlan = { ok: true; balances: Balances } | { ok: false; message: string }

/** Spends points; refused when the balance is short (points never go negative). */
export function debitPoints(b: Balances, points: number): DebitPlan {
  if (!Number.isInteger(points) || points < 0) throw new RangeError(`points must be a non-negative integer, got ${points}`)
  if (b.points < points) return { ok: false, message: `积分不足：需要 ${points} 分，当前 ${b.points} 分` }
  return { ok: true, balances: { ...b, points: b.points - points, pointsSpent: b.pointsSpent + points } }
}

export const refundPoints = (b: Balances, points: number): Balances => ({ ...b, points: b.points + points, pointsSpent: Math.max(0, b.pointsSpent - points) })

export const balancesOf = (v: VolunteerDoc): Balances => ({
  totalMinutes: v.totalMinutes,
  points: v.points,
  pointsEarned: v.pointsEarned,
  pointsSpent: v.pointsSpent,
  serviceCount: v.serviceCount,
  firstServiceAt: v.firstServiceAt,
  lastServiceAt: v.lastServiceAt,
})

export const ledgerEntryViewSchema = z.object({
  id: z.string(),
  at: isoSchema,
  kind: ledgerKindSchema,
  minutes: z.number().int(),
  points: z.number().int(),
  balanceMinutes: z.number().int(),
  balancePoints: z.number().int(),
  title: z.string(),
  refType: ledgerRefSchema.shape.type,
  refId: z.string(),
  serviceAt: isoSchema.nullable(),
  source: z.enum(['recorded', 'manual', 'request']).nullable(),
  note: z.string().nullable(),
})
export type LedgerEntryView = z.infer<typeof ledgerEntryViewSchema>

export const toLedgerEntryView = (e: LedgerDoc): LedgerEntryView => ({
  id: e._id,
  at: e.at,
  kind: e.kind,
  minutes: e.minutes,
  points: e.points,
  balanceMinutes: e.balanceMinutes,
  balancePoints: e.balancePoints,
  title: e.ref.title,
  refType: e.ref.type,
  refId: e.ref.id,
  serviceAt: e.serviceAt,
  source: e.source,
  note: e.note,
})

// --------------------------------------------------------------------------------------------- rankings

/**
 * Monthly rankings are counters (`volunteer_rankings`), one per month × volunteer and month × team, bumped
 * in the transaction that credits hours — a ranking page reads the top documents of a month instead of
 * scanning the ledger. The month is the month the service was done.
 */
export const RANKING_KINDS = ['volunteer', 'team'] as const
export const rankingKindSchema = z.enum(RANKING_KINDS)
export type RankingKind = z.infer<typeof rankingKindSchema>

export interface RankingDoc {
  _id: string
  month: string
  kind: RankingKind
  subjectId: string
  name: string
  minutes: number
  services: number
  updatedAt: string
}

export const rankingId = (month: string, kind: RankingKind, subjectId: string): string => `${month}:${kind === 'volunteer' ? 'v' : 't'}:${subjectId}`

/** The counter changes a credit makes: the volunteer's month and, if they belong to one, their team's. */
export function rankingBumps(opts: { serviceAt: string; openid: string; name: string; team: { id: string; name: string } | null; minutes: number; services: number }) {
  const month = monthKey(opts.serviceAt)
  const out: { id: string; month: string; kind: RankingKind; subjectId: string; name: string; minutes: number; services: number }[] = [
    { id: rankingId(month, 'volunteer', opts.openid), month, kind: 'volunteer', subjectId: opts.openid, name: opts.name, minutes: opts.minutes, services: opts.services },
  ]
  if (opts.team) out.push({ id: rankingId(month, 'team', opts.team.id), month, kind: 'team', subjectId: opts.team.id, name: opts.team.name, minutes: opts.minutes, services: opts.services })
  return out
}

export const monthSchema = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/, '月份格式应为 2026-11')

export const rankingItemSchema = z.object({
  rank: z.number().int(),
  id: z.string(),
  /** Teams by name; volunteers by masked name (王*明) — rankings are public. */
  name: z.string(),
  minutes: z.number().int(),
  services: z.number().int(),
  isMe: z.boolean(),
})
export type RankingItem = z.infer<typeof rankingItemSchema>

/** Competition ranking (1, 2, 2, 4): equal minutes share a rank. */
export function rankItems<T extends { minutes: number }>(items: readonly T[], startRank = 1, prevMinutes: number | null = null, prevRank = 0): (T & { rank: number })[] {
  let rank = prevRank
  let last = prevMinutes
  return items.map((it, i) => {
    if (last === null || it.minutes !== last) rank = startRank + i
    last = it.minutes
    return { ...it, rank }
  })
}
