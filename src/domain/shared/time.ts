import { z } from 'zod'

/** Timestamps leave the server as ISO-8601 strings in UTC (`2024-05-01T08:00:00.000Z`). */
export const isoDateTime = () => z.iso.datetime({ offset: true })

/**
 * Normalises a stored timestamp to an ISO string. The cloud database hands back `Date` objects for
 * dates written as `Date`; exported/imported data may carry strings, epoch numbers or `{ $date }`.
 */
export function toIso(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  if (typeof value === 'number') return Number.isFinite(value) ? new Date(value).toISOString() : null
  if (typeof value === 'string') {
    const t = Date.parse(value)
    return Number.isNaN(t) ? null : new Date(t).toISOString()
  }
  if (typeof value === 'object' && '$date' in (value as Record<string, unknown>)) return toIso((value as { $date: unknown }).$date)
  return null
}

export const DAY_MS = 24 * 60 * 60 * 1000

/** A 整改时限 of `days` days counted from `from` (whole days of 24 h, as cities count them). */
export function addDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY_MS)
}
