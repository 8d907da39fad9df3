import { z } from 'zod'

/**
 * 星级志愿者 from cumulative confirmed service hours — the tiers of 石嘴山's scheme (and of the national
 * 志愿服务记录 practice): 100 / 300 / 600 / 1000 / 1500 hours. Hours are integer minutes everywhere.
 */
export const LEVELS = [
  { level: 1, name: '一星志愿者', minHours: 100 },
  { level: 2, name: '二星志愿者', minHours: 300 },
  { level: 3, name: '三星志愿者', minHours: 600 },
  { level: 4, name: '四星志愿者', minHours: 1000 },
  { level: 5, name: '五星志愿者', minHours: 1500 },
] as const
export const LEVEL_ZERO = { level: 0, name: '注册志愿者', minHours: 0 } as const

export const levelSchema = z.object({ level: z.number().int().min(0).max(5), name: z.string(), minHours: z.number().int() })
export type Level = z.infer<typeof levelSchema>

/** The level reached with `totalMinutes` of confirmed service (a tier is reached at exactly its hours). */
export function levelFor(totalMinutes: number): Level {
  let reached: Level = { ...LEVEL_ZERO }
  for (const l of LEVELS) if (totalMinutes >= l.minHours * 60) reached = { ...l }
  return reached
}

export const levelProgressSchema = z.object({
  current: levelSchema,
  next: levelSchema.nullable(),
  /** Minutes still needed for the next level (0 at the top). */
  remainingMinutes: z.number().int().min(0),
})
export type LevelProgress = z.infer<typeof levelProgressSchema>

export function levelProgress(totalMinutes: number): LevelProgress {
  const current = levelFor(totalMinutes)
  const nextDef = LEVELS.find((l) => l.level === current.level + 1)
  const next = nextDef ? { ...nextDef } : null
  return { current, next, remainingMinutes: next ? Math.max(0, next.minHours * 60 - totalMinutes) : 0 }
}
