import { distanceMeters, type Point } from '../city/geo'
import type { ReportDoc } from './report'
import { isOpenStatus } from './status'
import { DAY_MS } from './time'

/**
 * Duplicate candidates: the same problem reported again — same category, within ~100 m, in the last 7 days,
 * still being handled. Shown to the resident before submitting (附议 instead of a second report) and to
 * staff as merge suggestions. 100 m covers phone GPS error in streets plus "the same stretch of pavement";
 * 7 days is how long a street problem typically stays reported-but-unfixed before it is a new occurrence.
 */
export const DUPLICATE_RADIUS_M = 100
export const DUPLICATE_WINDOW_DAYS = 7

export type DuplicateProbe = Point & {
  /** Omit to match any category (the nearby map). */
  categoryId?: string
  /** The report being reviewed, so it does not match itself. */
  excludeId?: string
}
export type DuplicateCandidateReport = Pick<ReportDoc, '_id' | 'categoryId' | 'location' | 'status' | 'createdAt'>

export interface DuplicateOptions {
  radiusM?: number
  windowDays?: number
}

export function isDuplicateCandidate(probe: DuplicateProbe, r: DuplicateCandidateReport, now: Date, opts: DuplicateOptions = {}): boolean {
  const radius = opts.radiusM ?? DUPLICATE_RADIUS_M
  const since = now.getTime() - (opts.windowDays ?? DUPLICATE_WINDOW_DAYS) * DAY_MS
  return (
    r._id !== probe.excludeId &&
    (probe.categoryId === undefined || r.categoryId === probe.categoryId) &&
    isOpenStatus(r.status) &&
    Date.parse(r.createdAt) >= since &&
    distanceMeters(probe, r.location) <= radius
  )
}

/** Candidates with their distance, nearest first (the older report first at equal distance: it is the original). */
export function findDuplicateCandidates<R extends DuplicateCandidateReport>(
  probe: DuplicateProbe,
  reports: readonly R[],
  now: Date,
  opts: DuplicateOptions = {},
): { report: R; distanceM: number }[] {
  return reports
    .filter((r) => isDuplicateCandidate(probe, r, now, opts))
    .map((report) => ({ report, distanceM: distanceMeters(probe, report.location) }))
    .sort((a, b) => a.distanceM - b.distanceM || a.report.createdAt.localeCompare(b.report.createdAt))
}

/**
 * A lat/lng box enclosing the circle, for a cheap indexed pre-filter in the database
 * (`location.lat` between …, `location.lng` between …) before the exact haversine check above.
 */
export function searchBox(center: Point, radiusM: number): { minLat: number; maxLat: number; minLng: number; maxLng: number } {
  const dLat = radiusM / 110540 + 1e-6
  const dLng = radiusM / (111320 * Math.cos((center.lat * Math.PI) / 180)) + 1e-6
  return { minLat: center.lat - dLat, maxLat: center.lat + dLat, minLng: center.lng - dLng, maxLng: center.lng + dLng }
}

/** Distance for a resident's eyes: rounded to 10 m, so it never pins a reporter's exact spot. */
export const roundDistance = (m: number): number => Math.round(m / 10) * 10
