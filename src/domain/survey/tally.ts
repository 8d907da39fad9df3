/**
 * Running counts of a survey's answers, kept so the results page reads a handful of documents instead of
 * every response. One tally document per (survey, district) plus one for the whole survey; each submit adds
 * its increments to both inside the submit transaction (`_.inc` on the paths below). Pure and zod-free.
 *
 * Two buckets: `m` (counted) and `f` (flagged as careless: shown separately, never silently dropped).
 * Per question: `s` respondents it was shown to, `a` who answered it, `o.<optionId>` who picked each option,
 * and for multiple choice with a metric `p` who picked at least one positive option (overlapping choices
 * make that underivable from `o`).
 */
import { isChoiceKind, type Answers, type Channel, type SurveyQuestion } from './constants'
import { answerOf, isAnswered, pickedOptions } from './logic'

export interface QuestionTally {
  s: number
  a: number
  o: Record<string, number>
  p?: number
}

export interface BucketTally {
  /** Responses. */
  n: number
  /** Of which entered by staff (代录). */
  as: number
  q: Record<string, QuestionTally>
}

export type Bucket = 'm' | 'f'

export interface TallyCounts {
  m: BucketTally
  f: BucketTally
}

export const emptyBucket = (): BucketTally => ({ n: 0, as: 0, q: {} })
export const emptyCounts = (): TallyCounts => ({ m: emptyBucket(), f: emptyBucket() })

/**
 * The increments one response adds (dotted paths → +1), or removes with `sign = -1` (moving a reviewed
 * response between buckets). `answers` are validated and normalised, so only shown questions have answers.
 */
export function responseIncrements(
  questions: readonly SurveyQuestion[],
  answers: Answers,
  visible: readonly string[],
  channel: Channel,
  bucket: Bucket,
  sign: 1 | -1 = 1,
): Record<string, number> {
  const inc: Record<string, number> = {}
  const add = (path: string) => (inc[path] = (inc[path] ?? 0) + sign)
  add(`${bucket}.n`)
  if (channel === 'assisted') add(`${bucket}.as`)
  const shown = new Set(visible)
  for (const q of questions) {
    if (!shown.has(q.id)) continue
    add(`${bucket}.q.${q.id}.s`)
    const value = answerOf(answers, q.id)
    if (!isAnswered(q, value)) continue
    add(`${bucket}.q.${q.id}.a`)
    if (!isChoiceKind(q.kind)) continue
    const picked = pickedOptions(value)
    for (const id of picked) add(`${bucket}.q.${q.id}.o.${id}`)
    if (q.kind === 'multi' && q.metric && picked.some((id) => q.positive.includes(id))) add(`${bucket}.q.${q.id}.p`)
  }
  return inc
}

/** Applies increments to plain counts (what `_.inc` does in the database), returning a new object. */
export function applyIncrements(counts: TallyCounts, inc: Record<string, number>): TallyCounts {
  const out = JSON.parse(JSON.stringify(counts)) as TallyCounts
  for (const [path, by] of Object.entries(inc)) {
    const parts = path.split('.')
    let node = out as unknown as Record<string, unknown>
    for (const part of parts.slice(0, -1)) {
      if (typeof node[part] !== 'object' || node[part] === null) node[part] = {}
      node = node[part] as Record<string, unknown>
    }
    const leaf = parts[parts.length - 1]
    node[leaf] = ((node[leaf] as number | undefined) ?? 0) + by
  }
  return out
}

/** Reads a stored tally (fields may be missing on a fresh document) as complete counts. */
export function countsOf(doc: Partial<TallyCounts> | null | undefined): TallyCounts {
  const bucket = (b: Partial<BucketTally> | undefined): BucketTally => ({ n: b?.n ?? 0, as: b?.as ?? 0, q: b?.q ?? {} })
  return { m: bucket(doc?.m), f: bucket(doc?.f) }
}

/** Sum of several tallies (e.g. the districts of a survey). */
export function sumCounts(list: readonly TallyCounts[]): TallyCounts {
  let out = emptyCounts()
  for (const c of list) {
    const inc: Record<string, number> = {}
    for (const b of ['m', 'f'] as const) {
      inc[`${b}.n`] = c[b].n
      inc[`${b}.as`] = c[b].as
      for (const [qid, t] of Object.entries(c[b].q)) {
        if (t.s !== undefined) inc[`${b}.q.${qid}.s`] = t.s
        if (t.a !== undefined) inc[`${b}.q.${qid}.a`] = t.a
        if (t.p !== undefined) inc[`${b}.q.${qid}.p`] = t.p
        for (const [oid, n] of Object.entries(t.o ?? {})) inc[`${b}.q.${qid}.o.${oid}`] = n
      }
    }
    out = applyIncrements(out, inc)
  }
  return out
}

/** A response as the tally sees it. */
export interface TalliedResponse {
  answers: Answers
  visible: string[]
  channel: Channel
  flagged: boolean
}

/** Counts recomputed from raw responses: for the seed, and for tests that check the running tallies. */
export function tallyResponses(questions: readonly SurveyQuestion[], responses: readonly TalliedResponse[]): TallyCounts {
  let out = emptyCounts()
  for (const r of responses) out = applyIncrements(out, responseIncrements(questions, r.answers, r.visible, r.channel, r.flagged ? 'f' : 'm'))
  return out
}
