import { z } from 'zod'
import { AREA_KEYS, FLOW_KEYS, UNIT_KEYS } from './counters'

const counts = <K extends string>(keys: readonly K[]) => z.object(Object.fromEntries(keys.map((k) => [k, z.number()])) as Record<K, z.ZodNumber>)

/** Schemas of the counter shapes in counters.ts (which stays zod-free for the client). */
export const flowsSchema = counts(FLOW_KEYS)
export const areaFlowsSchema = counts(AREA_KEYS)
export const unitCountsSchema = counts(UNIT_KEYS)
