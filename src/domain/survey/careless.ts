/**
 * Responses that look careless. They are flagged, counted in their own bucket and shown separately on the
 * results page (staff can review one and count it) — never silently dropped, because a fast or uniform
 * answer can still be honest.
 *
 * - 用时过短 (too_fast): less than 2 s per answered question — about the time needed to read a short
 *   question and tap. Only online answers: for 代录 the time measures the staff member's typing.
 *   Needs at least 3 answers, so a two-question poll answered in 3 s is not suspicious.
 * - 量表题全部相同 (straightline): at least 5 satisfaction-scale answers, all the same level. Long identical
 *   scale runs are the classic sign of ticking down one column.
 */
import type { Answers, CarelessFlag, Channel, SurveyQuestion } from './constants'
import { answerOf, isAnswered } from './logic'

export const MIN_MS_PER_ANSWER = 2000
export const MIN_ANSWERS_FOR_SPEED = 3
export const STRAIGHTLINE_MIN_SCALE = 5

export function carelessFlags(
  questions: readonly SurveyQuestion[],
  answers: Answers,
  elapsedMs: number | null,
  channel: Channel,
): CarelessFlag[] {
  const flags: CarelessFlag[] = []
  const answered = questions.filter((q) => isAnswered(q, answerOf(answers, q.id)))
  if (
    channel === 'online' &&
    elapsedMs !== null &&
    answered.length >= MIN_ANSWERS_FOR_SPEED &&
    elapsedMs < MIN_MS_PER_ANSWER * answered.length
  ) {
    flags.push('too_fast')
  }
  const scale = answered.filter((q) => q.kind === 'scale').map((q) => answerOf(answers, q.id))
  if (scale.length >= STRAIGHTLINE_MIN_SCALE && scale.every((v) => v === scale[0])) flags.push('straightline')
  return flags
}
