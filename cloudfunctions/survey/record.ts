/**
 * Recording one questionnaire (online or 代录) — the one write path into responses and tallies.
 *
 * Everything happens in one transaction:
 *   1. read the survey and check it is open; validate the answers against *that* definition (not one read
 *      earlier: an edit may have committed in between);
 *   2. read the claims (user / person key); any already taken → CONFLICT with the claim's message;
 *   3. read the `__all` tally (respondent sequence) and the district's tally;
 *   4. add the response `<surveyId>_<no>`, the claims, the free-text rows, and add this response's
 *      increments to both tallies (`_.inc`, or `set` of the first counts when the district has none yet).
 * One response per person therefore holds under concurrency: devcloud serialises transactions, and in
 * WeChat's cloud two transactions creating the same claim `_id` (and both writing the `__all` tally)
 * conflict, so one aborts. An aborted attempt that was not a rule violation is retried; if the claim
 * exists by then, the caller gets the same CONFLICT as the serial case.
 */
import { ActionError, findByIds, type ActionContext } from '../kernel'
import { COLLECTIONS } from '../../src/domain/collections'
import type { Answers, CarelessFlag, Channel, Issue } from '../../src/domain/survey/constants'
import { isTextKind } from '../../src/domain/survey/constants'
import { validateAnswers } from '../../src/domain/survey/logic'
import { carelessFlags } from '../../src/domain/survey/careless'
import { applyIncrements, emptyCounts, responseIncrements } from '../../src/domain/survey/tally'
import type { ClaimDoc, ResponseDoc, SurveyDoc, TallyDoc, TextDoc } from '../../src/domain/survey/schema'
import { phaseOf } from '../../src/domain/survey/views'
import { allTallyId, districtTallyId } from './data'

export interface Claim {
  id: string
  kind: ClaimDoc['kind']
  /** What the caller is told when this claim is already taken. */
  message: string
}

export interface RecordInput {
  surveyId: string
  answers: unknown
  channel: Channel
  districtId: string
  claims: Claim[]
  elapsedMs: number | null
  /** Named surveys only (the handler passes null for anonymous ones after reading the survey). */
  respondent: { openid: string; nickname: string } | null
  enteredBy: string | null
  paperNo: string | null
  /** Extra check on the survey read in the transaction (audience …); throw ActionError to refuse. */
  check?: (survey: SurveyDoc) => void
}

export interface Recorded {
  survey: SurveyDoc
  responseId: string
  no: number
  flags: CarelessFlag[]
  submittedAt: Date
}

const MAX_ATTEMPTS = 3

/** INVALID_INPUT naming up to three problems (each issue keeps its `answers.<id>` path). */
export function invalidAnswers(issues: Issue[]): ActionError {
  const shown = issues.slice(0, 3).map((i) => i.message)
  return new ActionError('INVALID_INPUT', `答卷有误：${shown.join('；')}${issues.length > 3 ? ' 等' : ''}`, issues)
}

export async function recordResponse(ctx: ActionContext, input: RecordInput): Promise<Recorded> {
  let lastError: unknown
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    try {
      return await attemptRecord(ctx, input)
    } catch (err) {
      if (err instanceof ActionError) throw err
      lastError = err
      // Lost a race in the database (duplicate claim id, write conflict): if a claim is now taken, that is
      // the answer; otherwise try again.
      const taken = await findByIds<ClaimDoc>(ctx.db, COLLECTIONS.surveyClaims, input.claims.map((c) => c.id))
      const hit = input.claims.find((c) => taken.has(c.id))
      if (hit) throw new ActionError('CONFLICT', hit.message)
    }
  }
  throw lastError
}

async function attemptRecord(ctx: ActionContext, input: RecordInput): Promise<Recorded> {
  const _ = ctx._
  const at = ctx.now()
  return ctx.db.runTransaction(async (t) => {
    const surveyRes = await t.collection(COLLECTIONS.surveys).doc(input.surveyId).get()
    const survey = surveyRes.data as SurveyDoc | null
    if (!survey || survey.status === 'draft') throw new ActionError('NOT_FOUND', '问卷不存在或尚未发布')
    const phase = phaseOf(survey, at)
    if (phase === 'scheduled') throw new ActionError('CONFLICT', '问卷尚未开始，请在开始时间后再填写')
    if (phase === 'closed') throw new ActionError('CONFLICT', '问卷已结束，感谢您的关注')
    input.check?.(survey)

    const checked = validateAnswers(survey.questions, input.answers)
    if (!checked.ok) throw invalidAnswers(checked.issues)

    for (const claim of input.claims) {
      const existing = await t.collection(COLLECTIONS.surveyClaims).doc(claim.id).get()
      if (existing.data) throw new ActionError('CONFLICT', claim.message)
    }

    const tallies = t.collection(COLLECTIONS.surveyTallies)
    const allId = allTallyId(survey._id)
    const distId = districtTallyId(survey._id, input.districtId)
    const [all, dist] = [(await tallies.doc(allId).get()).data as TallyDoc | null, (await tallies.doc(distId).get()).data as TallyDoc | null]

    const no = (all?.seq ?? 0) + 1
    const responseId = `${survey._id}_${no}`
    const flags = carelessFlags(survey.questions, checked.answers, input.elapsedMs, input.channel)
    const bucket = flags.length ? 'f' : 'm'
    const answers: Answers = checked.answers

    const response: Omit<ResponseDoc, '_id'> & { _id: string; flagged: boolean } = {
      _id: responseId,
      surveyId: survey._id,
      no,
      channel: input.channel,
      districtId: input.districtId,
      answers,
      visible: checked.visible,
      flags,
      flagged: flags.length > 0,
      bucket,
      elapsedMs: input.elapsedMs,
      submittedAt: at,
      openid: survey.anonymous ? null : (input.respondent?.openid ?? null),
      nickname: survey.anonymous ? null : (input.respondent?.nickname ?? null),
      enteredBy: input.enteredBy,
      paperNo: input.paperNo,
      review: null,
    }
    await t.collection(COLLECTIONS.surveyResponses).add({ data: response })
    for (const claim of input.claims) {
      const doc: ClaimDoc = { _id: claim.id, surveyId: survey._id, responseId, kind: claim.kind, at }
      await t.collection(COLLECTIONS.surveyClaims).add({ data: { ...doc } })
    }
    for (const q of survey.questions) {
      const text = answers[q.id]
      if (!isTextKind(q.kind) || typeof text !== 'string') continue
      const doc: TextDoc = { _id: `${responseId}_${q.id}`, surveyId: survey._id, questionId: q.id, districtId: input.districtId, no, text, bucket, submittedAt: at }
      await t.collection(COLLECTIONS.surveyTexts).add({ data: { ...doc } })
    }

    const inc = responseIncrements(survey.questions, answers, checked.visible, input.channel, bucket)
    const incData: Record<string, unknown> = {}
    for (const [path, by] of Object.entries(inc)) incData[path] = _.inc(by)
    if (all) {
      await tallies.doc(allId).update({ data: { ...incData, seq: no, updatedAt: at } })
    } else {
      await tallies.doc(allId).set({ data: { surveyId: survey._id, districtId: null, seq: no, rev: survey.revision, ...applyIncrements(emptyCounts(), inc), updatedAt: at } })
    }
    if (dist) {
      await tallies.doc(distId).update({ data: { ...incData, updatedAt: at } })
    } else {
      await tallies.doc(distId).set({ data: { surveyId: survey._id, districtId: input.districtId, ...applyIncrements(emptyCounts(), inc), updatedAt: at } })
    }
    return { survey, responseId, no, flags, submittedAt: at }
  })
}
