import type { Database } from 'wx-server-sdk'
import { findById } from '../kernel'
import { COLLECTIONS } from '../../src/domain/collections'
import type { RatingScore, ReportStatus } from '../../src/domain/report/status'

/** The rollup's checkpoint: the last event counted, and what it keeps beside the day counters. */
export interface StateDoc {
  _id: string
  /** The last timeline event counted, in (at, _id) order; null before the first run. */
  cursor: { at: string; id: string } | null
  /** Reports in each status now. */
  status: Partial<Record<ReportStatus, number>>
  /** Open unit tasks: unit → `d<deadline day>` → count (drained days removed). */
  open: Record<string, Record<string, number>>
  /** Rated reports by their latest 评价 (absent in checkpoints written before it was counted). */
  rated?: Partial<Record<RatingScore, number>>
  /** On-time 销号 undone by 重新处理 (absent in older checkpoints likewise). */
  reopened?: { closedOnTime?: number }
  /** Events counted so far. */
  events: number
  updatedAt: string
}

export const STATE_ID = 'rollup'

export const emptyState = (): StateDoc => ({ _id: STATE_ID, cursor: null, status: {}, open: {}, rated: {}, reopened: {}, events: 0, updatedAt: '' })

export async function readState(db: Database): Promise<StateDoc> {
  return (await findById<StateDoc>(db.collection(COLLECTIONS.statsState), STATE_ID)) ?? emptyState()
}

/** Drops zero entries so the open-task map only holds days with tasks. */
export function pruneOpen(open: StateDoc['open']): StateDoc['open'] {
  const out: StateDoc['open'] = {}
  for (const [unit, days] of Object.entries(open)) {
    const kept = Object.fromEntries(Object.entries(days).filter(([, n]) => n !== 0))
    if (Object.keys(kept).length) out[unit] = kept
  }
  return out
}

export const withoutId = <T extends { _id?: string }>(doc: T): Omit<T, '_id'> => {
  const { _id: _ignored, ...rest } = doc
  return rest
}
