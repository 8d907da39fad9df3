import type { Database } from 'wx-server-sdk'
import { ActionError, fetchAll, findById, type ActionContext } from '../kernel'
import { COLLECTIONS } from '../../src/domain/collections'
import type { DistrictDoc } from '../../src/domain/city/district'
import type { SurveyDoc, TallyDoc } from '../../src/domain/survey/schema'
import { countsOf, type TallyCounts } from '../../src/domain/survey/tally'

/** `_id` of the whole-survey tally and of a district's. */
export const allTallyId = (surveyId: string) => `${surveyId}__all`
export const districtTallyId = (surveyId: string, districtId: string) => `${surveyId}__${districtId}`

export async function loadSurvey(ctx: Pick<ActionContext, 'db'>, id: string): Promise<SurveyDoc> {
  const doc = await findById<SurveyDoc>(ctx.db.collection(COLLECTIONS.surveys), id)
  if (!doc) throw new ActionError('NOT_FOUND', '问卷不存在或已被删除')
  return doc
}

/** Counted + flagged responses of a survey, from its `__all` tally (0 for a draft). */
export async function responseCount(db: Database, surveyId: string): Promise<number> {
  const tally = await findById<TallyDoc>(db.collection(COLLECTIONS.surveyTallies), allTallyId(surveyId))
  const c = countsOf(tally)
  return c.m.n + c.f.n
}

/** The city's districts (a handful of documents), by id, in display order. */
export async function districtsById(db: Database): Promise<Map<string, DistrictDoc>> {
  const docs = await fetchAll<DistrictDoc>(db.collection(COLLECTIONS.districts).orderBy('order', 'asc'), 200)
  return new Map(docs.map((d) => [d._id, d]))
}

export async function requireDistrict(db: Database, districtId: string): Promise<DistrictDoc> {
  const d = await findById<DistrictDoc>(db.collection(COLLECTIONS.districts), districtId)
  if (!d) throw new ActionError('INVALID_INPUT', '所选辖区不存在', [{ path: 'districtId', message: '所选辖区不存在' }])
  return d
}

export const countsOfDoc = (doc: TallyDoc | null | undefined): TallyCounts => countsOf(doc)
