import type { Command, Transaction } from 'wx-server-sdk'
import { COLLECTIONS } from '../../src/domain/collections'
import {
  balancesOf,
  creditMinutes,
  rankingBumps,
  type LedgerDoc,
  type LedgerKind,
  type LedgerRef,
  type RankingDoc,
  type VolunteerDoc,
} from '../../src/domain/volunteer'
import { patch, txGet, withoutId } from './repo'

/**
 * Credits (or corrects) service minutes inside a transaction the caller holds: the ledger entry (with a
 * deterministic id — crediting the same participation twice is a no-op), the volunteer's balances and the
 * monthly ranking counters, all committed together.
 */
export async function creditInTx(
  t: Transaction,
  _: Command,
  opts: {
    volunteer: VolunteerDoc
    ledgerId: string
    kind: Extract<LedgerKind, 'service' | 'adjustment'>
    minutes: number
    ref: LedgerRef
    /** When the service was done (its month ranks it). */
    serviceAt: string
    /** The service's own start/end, for the export. */
    period: { startAt: string; endAt: string } | null
    source: LedgerDoc['source']
    serviceType: LedgerDoc['serviceType']
    subject: LedgerDoc['subject']
    by: string | null
    note: string | null
    at: string
  },
): Promise<{ entry: LedgerDoc; volunteer: VolunteerDoc } | null> {
  if (await txGet(t, COLLECTIONS.volunteerLedger, opts.ledgerId)) return null
  const v = opts.volunteer
  const countsAsService = opts.kind === 'service'
  const { balances, points } = creditMinutes(balancesOf(v), opts.minutes, { serviceAt: opts.serviceAt, countsAsService })
  const applied = balances.totalMinutes - v.totalMinutes
  const entry: LedgerDoc = {
    _id: opts.ledgerId,
    openid: v._id,
    at: opts.at,
    kind: opts.kind,
    minutes: applied,
    points,
    balanceMinutes: balances.totalMinutes,
    balancePoints: balances.points,
    ref: opts.ref,
    serviceAt: opts.serviceAt,
    source: opts.source,
    serviceType: opts.serviceType,
    subject: opts.subject,
    teamId: v.team?.id ?? null,
    by: opts.by,
    note: opts.note,
    period: opts.period,
  }
  await t.collection(COLLECTIONS.volunteerLedger).doc(entry._id).set({ data: withoutId(entry) })
  await t.collection(COLLECTIONS.volunteers).doc(v._id).update({ data: patch(_, { ...balances, updatedAt: opts.at }) })
  for (const b of rankingBumps({ serviceAt: opts.serviceAt, openid: v._id, name: v.name, team: v.team, minutes: applied, services: countsAsService ? 1 : 0 })) {
    const cur = await txGet<RankingDoc>(t, COLLECTIONS.volunteerRankings, b.id)
    const next: RankingDoc = {
      _id: b.id,
      month: b.month,
      kind: b.kind,
      subjectId: b.subjectId,
      name: b.name,
      minutes: Math.max(0, (cur?.minutes ?? 0) + b.minutes),
      services: (cur?.services ?? 0) + b.services,
      updatedAt: opts.at,
    }
    await t.collection(COLLECTIONS.volunteerRankings).doc(b.id).set({ data: withoutId(next) })
  }
  return { entry, volunteer: { ...v, ...balances, updatedAt: opts.at } }
}
