/**
 * The shape of `bench/results.json` (what `npm run bench` writes), so figures can be compared from run to
 * run and the committed file is checked by a test (test/bench/results-shape.test.ts).
 */
import { z } from 'zod'

/** The data sizes a run seeds, by label: reports in the database (volunteers, events … in proportion). */
export const SCALES = { '1k': 1_000, '10k': 10_000, '100k': 100_000 } as const
export type ScaleLabel = keyof typeof SCALES
export const SCALE_LABELS = Object.keys(SCALES) as ScaleLabel[]

const ms = z.number().nonnegative()
/** One figure per scale measured (a quick run measures fewer). */
const perScale = <T extends z.ZodType>(value: T) => z.partialRecord(z.enum(SCALE_LABELS as [ScaleLabel, ...ScaleLabel[]]), value)

export const actionResultSchema = z.object({
  /** At the largest scale measured: database round trips of one call, and documents its queries examined. */
  db_round_trips: z.number().int().nonnegative(),
  docs_examined: z.number().int().nonnegative(),
  p50_ms: perScale(ms),
  p95_ms: perScale(ms),
  // Extras for reading the figures: the same counts at each scale, the p95 growth, and the query plans.
  db_round_trips_by_scale: perScale(z.number().int().nonnegative()),
  docs_examined_by_scale: perScale(z.number().int().nonnegative()),
  /** p95 at the largest scale / p95 at the smallest; near 1 for anything that pages by index. */
  p95_ratio: z.number().nonnegative().nullable(),
  plans: z.array(z.string()),
  requests: z.number().int().nonnegative(),
  concurrency: z.number().int().positive(),
  failures: z.number().int().nonnegative(),
})
export type ActionResult = z.infer<typeof actionResultSchema>

/** An action that could not be measured (e.g. a function not written yet), and why. */
export const missingActionSchema = z.object({ missing: z.string() })

export const sizesSchema = z.object({
  weapp_main_bytes: z.number().int().nonnegative(),
  weapp_subpackages_bytes: z.record(z.string(), z.number().int().nonnegative()),
  h5_first_load_js_bytes: z.number().int().nonnegative(),
  h5_first_load_js_gzip_bytes: z.number().int().nonnegative(),
  functions_bytes: z.record(z.string(), z.number().int().nonnegative()),
  /** `require()` of each function bundle in a fresh node process (its cold start). */
  functions_require_ms: z.record(z.string(), ms),
})
export type Sizes = z.infer<typeof sizesSchema>

export const photoSchema = z.object({
  bytes_in: z.number().int().positive(),
  bytes_out: z.number().int().positive(),
  ms,
  width_in: z.number().int().positive(),
  height_in: z.number().int().positive(),
  width_out: z.number().int().positive(),
  height_out: z.number().int().positive(),
})
export type PhotoResult = z.infer<typeof photoSchema>

export const resultsSchema = z.object({
  /** `<function>.<action>`, with `:<variant>` when one action is measured with different inputs. */
  actions: z.record(z.string().regex(/^[a-z]+\.[A-Za-z]+(:[a-z-]+)?$/), z.union([actionResultSchema, missingActionSchema])),
  sizes: sizesSchema,
  /** null when the run skipped it (--no-photo). */
  photo: photoSchema.nullable(),
  meta: z.object({
    generatedAt: z.string(),
    command: z.string(),
    scales: z.array(z.enum(SCALE_LABELS as [ScaleLabel, ...ScaleLabel[]])),
    /** Documents seeded per collection at each scale. */
    seeded: perScale(z.record(z.string(), z.number().int().nonnegative())),
    node: z.string(),
    cpus: z.number().int().positive(),
    durationSec: ms,
  }),
})
export type Results = z.infer<typeof resultsSchema>

/** Nearest-rank percentile of a list of latencies. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return Math.round(sorted[rank] * 10) / 10
}
