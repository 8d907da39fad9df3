import { DAY_MS } from './time'

/**
 * 爽约 (no-shows): a volunteer confirmed for an event who never checked in. Places are scarce on a Friday
 * clean-up, so too many no-shows pause a volunteer's sign-ups until staff clear it (after a talk). Existing
 * sign-ups stay; only new ones are refused.
 */
export const NO_SHOW_RULE = { threshold: 3, windowDays: 90, keep: 20 } as const

export interface NoShowState {
  recent: number
  paused: boolean
}

/** No-shows within the window and since the last clearing; paused at the threshold. */
export function noShowState(v: { noShows: readonly string[]; noShowsClearedAt: string | null }, now: Date): NoShowState {
  const since = Math.max(now.getTime() - NO_SHOW_RULE.windowDays * DAY_MS, v.noShowsClearedAt ? Date.parse(v.noShowsClearedAt) : -Infinity)
  const recent = v.noShows.filter((t) => Date.parse(t) > since).length
  return { recent, paused: recent >= NO_SHOW_RULE.threshold }
}

/** The no-show list after recording one more (bounded, most recent last). */
export const withNoShow = (noShows: readonly string[], at: string): string[] => [...noShows, at].slice(-NO_SHOW_RULE.keep)
