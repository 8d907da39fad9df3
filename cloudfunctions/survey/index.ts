import { ActionError, createFunction, fetchAll, fetchPage, findById, findByIds, type ActionContext, type Handlers, type SystemContext } from '../kernel'
import { surveyContract } from '../../src/domain/contracts/survey'
import { COLLECTIONS } from '../../src/domain/collections'
import { hasAnyRole } from '../../src/domain/core/roles'
import { defaultNickname } from '../../src/domain/user/user'
import { toIso } from '../../src/domain/shared/time'
import type { DistrictDoc } from '../../src/domain/city/district'
import { isChoiceKind, type SurveyDefinition } from '../../src/domain/survey/constants'
import { checkDefinition, normalizeDefinition } from '../../src/domain/survey/definition'
import { incompatibleChanges, NEW_WAVE_HINT } from '../../src/domain/survey/compat'
import { surveyTemplate } from '../../src/domain/survey/template'
import { normalizeMobile, normalizePersonKey } from '../../src/domain/survey/person'
import { countsOf, responseIncrements } from '../../src/domain/survey/tally'
import { metricRates } from '../../src/domain/survey/stats'
import { districtResults, questionResults, waveResult } from '../../src/domain/survey/results'
import { exportTable, toCsv, toExportResponse, type ExportResponse } from '../../src/domain/survey/export'
import type { ProfileDoc, ProfileView, ResponseDoc, ResponseItem, SurveyDoc, TallyDoc, TextDoc } from '../../src/domain/survey/schema'
import { audienceText, definitionOf, phaseOf, toAnswerSurvey, toDetail, toSummary } from '../../src/domain/survey/views'
import { allTallyId, districtTallyId, districtsById, loadSurvey, requireDistrict, responseCount } from './data'
import { personClaimId, personKeyOf, newSurveyId, userClaimId } from './keys'
import { recordResponse, type Claim } from './record'
import { xlsxWorkbook } from '../kernel/xlsx'

const DAY_MS = 24 * 3600 * 1000
/** How many text answers one search request looks at (older ones: "继续搜索"). */
const TEXT_SEARCH_WINDOW = 200
/** Responses read per round trip when exporting (the server-side maximum). */
const EXPORT_PAGE = 1000
const EXPORT_MAX_ROWS = 100_000

type ResponseRecord = ResponseDoc & { flagged: boolean }

// -------------------------------------------------------------------------------------- helpers

const conflict = (message: string) => new ActionError('CONFLICT', message)
const invalid = (issues: { path: string; message: string }[]) =>
  new ActionError('INVALID_INPUT', `提交的内容有误：${issues.slice(0, 3).map((i) => i.message).join('；')}${issues.length > 3 ? ' 等' : ''}`, issues)

/** Normalises and checks a definition, and names the audience district (kept on the survey for lists). */
async function prepareDefinition(ctx: ActionContext, raw: SurveyDefinition, publishing: boolean): Promise<{ def: SurveyDefinition; districtName: string | null }> {
  const def = normalizeDefinition(raw)
  const issues = checkDefinition(def, { publishing, now: ctx.now() })
  if (issues.length) throw invalid(issues)
  let districtName: string | null = null
  if (def.audience === 'district' && def.districtId) districtName = (await requireDistrict(ctx.db, def.districtId)).name
  return { def, districtName }
}

const toStored = (def: SurveyDefinition) => ({ ...def, opensAt: new Date(def.opensAt), closesAt: new Date(def.closesAt) })

/** Minute-rounded ISO time, for default survey windows. */
const minute = (t: number) => new Date(Math.floor(t / 60_000) * 60_000).toISOString()

function blankDefinition(now: Date): SurveyDefinition {
  return {
    title: '未命名问卷',
    intro: '',
    opensAt: minute(now.getTime()),
    closesAt: minute(now.getTime() + 14 * DAY_MS),
    audience: 'all',
    districtId: null,
    anonymous: true,
    showResults: true,
    allowAssisted: true,
    questions: [],
  }
}

function requireStaffSurvey(doc: SurveyDoc, revision: number) {
  if (doc.revision !== revision) throw conflict('问卷已被他人修改，请刷新后再操作')
}

async function profileOf(ctx: ActionContext): Promise<{ doc: ProfileDoc | null; view: ProfileView }> {
  const doc = await findById<ProfileDoc>(ctx.db.collection(COLLECTIONS.surveyProfiles), ctx.openid)
  let districtName: string | null = null
  if (doc?.districtId) districtName = (await findById<DistrictDoc>(ctx.db.collection(COLLECTIONS.districts), doc.districtId))?.name ?? null
  return { doc, view: { districtId: doc?.districtId ?? null, districtName, hasMobile: !!doc?.personKey } }
}

/** Why this resident may not answer (audience), or null. A resident without a district may pick one. */
function audienceBlock(survey: SurveyDoc, ctx: Pick<ActionContext, 'roles'>, districtId: string | null): string | null {
  if (survey.audience === 'volunteers' && !hasAnyRole(ctx.roles, ['volunteer'])) return '本问卷仅面向注册志愿者'
  if (survey.audience === 'district' && districtId && districtId !== survey.districtId) return `本问卷仅面向${audienceText(survey)}`
  return null
}

function phaseBlock(survey: SurveyDoc, now: Date): string | null {
  const phase = phaseOf(survey, now)
  if (phase === 'scheduled') return '问卷尚未开始'
  if (phase === 'closed') return '问卷已结束'
  return null
}

function toResponseItem(r: ResponseRecord, districtName: string): ResponseItem {
  return {
    id: r._id,
    no: r.no,
    channel: r.channel,
    districtName,
    flags: r.flags,
    counted: r.bucket === 'm',
    reviewed: !!r.review,
    elapsedMs: r.elapsedMs,
    submittedAt: toIso(r.submittedAt)!,
    respondent: r.nickname,
    paperNo: r.paperNo,
  }
}

// ------------------------------------------------------------------------------------- handlers

const handlers: Handlers<typeof surveyContract> = {
  // ------------------------------------------------------------------------------------ staff

  async list({ status, offset, limit }, ctx) {
    const coll = ctx.db.collection(COLLECTIONS.surveys)
    const query = (status ? coll.where({ status }) : coll).orderBy('updatedAt', 'desc')
    const page = await fetchPage<SurveyDoc>(query, offset, limit)
    const tallies = await findByIds<TallyDoc>(ctx.db, COLLECTIONS.surveyTallies, page.items.map((s) => allTallyId(s._id)))
    const now = ctx.now()
    return {
      items: page.items.map((s) => {
        const c = countsOf(tallies.get(allTallyId(s._id)))
        return { ...toSummary(s, now), responses: c.m.n, flagged: c.f.n }
      }),
      hasMore: page.hasMore,
    }
  },

  async get({ id }, ctx) {
    const doc = await loadSurvey(ctx, id)
    return toDetail(doc, ctx.now(), await responseCount(ctx.db, id))
  },

  async create({ template, definition }, ctx) {
    const now = ctx.now()
    let raw = definition ?? blankDefinition(now)
    if (template && !definition) {
      const t = surveyTemplate(template)
      raw = { ...blankDefinition(now), title: t.title, intro: t.intro, questions: t.questions }
    }
    const { def, districtName } = await prepareDefinition(ctx, raw, false)
    const id = newSurveyId(now)
    const doc: SurveyDoc = {
      _id: id,
      ...toStored(def),
      status: 'draft',
      seriesId: id,
      wave: 1,
      revision: 1,
      districtName,
      createdBy: ctx.openid,
      createdAt: now,
      updatedAt: now,
      publishedAt: null,
      closedAt: null,
    }
    await ctx.db.collection(COLLECTIONS.surveys).add({ data: { ...doc } })
    return toDetail(doc, now, 0)
  },

  async update({ id, revision, definition }, ctx) {
    const current = await loadSurvey(ctx, id)
    if (current.status === 'closed') throw conflict('问卷已结束，不能再修改；如需再次调查请“复制为下一轮”')
    const { def, districtName } = await prepareDefinition(ctx, definition, current.status === 'published')
    const now = ctx.now()
    // In a transaction with the `__all` tally: a submit writes that document too, so an edit that saw
    // "no answers yet" cannot commit alongside a first answer made against the old structure.
    const saved = await ctx.db.runTransaction(async (t) => {
      const doc = (await t.collection(COLLECTIONS.surveys).doc(id).get()).data as SurveyDoc | null
      if (!doc) throw new ActionError('NOT_FOUND', '问卷不存在或已被删除')
      requireStaffSurvey(doc, revision)
      if (doc.status === 'closed') throw conflict('问卷已结束，不能再修改')
      const tally = (await t.collection(COLLECTIONS.surveyTallies).doc(allTallyId(id)).get()).data as TallyDoc | null
      const c = countsOf(tally)
      const responses = c.m.n + c.f.n
      if (responses > 0) {
        const issues = incompatibleChanges(normalizeDefinition(definitionOf(doc)), def)
        if (issues.length) {
          throw new ActionError('INVALID_INPUT', `${NEW_WAVE_HINT}。${issues.slice(0, 2).map((i) => i.message).join('；')}`, issues)
        }
      }
      const next: SurveyDoc = { ...doc, ...toStored(def), districtName, revision: doc.revision + 1, updatedAt: now }
      const { _id, ...data } = next
      void _id
      await t.collection(COLLECTIONS.surveys).doc(id).set({ data })
      if (tally) await t.collection(COLLECTIONS.surveyTallies).doc(allTallyId(id)).update({ data: { rev: next.revision } })
      return { doc: next, responses }
    })
    return toDetail(saved.doc, now, saved.responses)
  },

  async publish({ id, revision }, ctx) {
    const now = ctx.now()
    const current = await loadSurvey(ctx, id)
    if (current.status !== 'draft') throw conflict('问卷已发布')
    await prepareDefinition(ctx, definitionOf(current), true)
    const doc = await ctx.db.runTransaction(async (t) => {
      const d = (await t.collection(COLLECTIONS.surveys).doc(id).get()).data as SurveyDoc | null
      if (!d) throw new ActionError('NOT_FOUND', '问卷不存在或已被删除')
      requireStaffSurvey(d, revision)
      if (d.status !== 'draft') throw conflict('问卷已发布')
      const next: SurveyDoc = { ...d, status: 'published', publishedAt: now, updatedAt: now, revision: d.revision + 1 }
      await t.collection(COLLECTIONS.surveys).doc(id).update({ data: { status: 'published', publishedAt: now, updatedAt: now, revision: next.revision } })
      // The whole-survey tally exists from publication, so first submits only ever update it.
      await t.collection(COLLECTIONS.surveyTallies).doc(allTallyId(id)).set({
        data: { surveyId: id, districtId: null, seq: 0, rev: next.revision, m: { n: 0, as: 0, q: {} }, f: { n: 0, as: 0, q: {} }, updatedAt: now },
      })
      return next
    })
    return toDetail(doc, now, 0)
  },

  async close({ id }, ctx) {
    const now = ctx.now()
    const current = await loadSurvey(ctx, id)
    if (current.status === 'draft') throw conflict('草稿尚未发布，不需要结束；不用的草稿可以删除')
    if (current.status === 'published') {
      await ctx.db.collection(COLLECTIONS.surveys).doc(id).update({ data: { status: 'closed', closedAt: now, updatedAt: now } })
      Object.assign(current, { status: 'closed', closedAt: now, updatedAt: now })
    }
    return toDetail(current, now, await responseCount(ctx.db, id))
  },

  async duplicate({ id }, ctx) {
    const now = ctx.now()
    const source = await loadSurvey(ctx, id)
    const coll = ctx.db.collection(COLLECTIONS.surveys)
    const last = await coll.where({ seriesId: source.seriesId }).orderBy('wave', 'desc').limit(1).get()
    const wave = ((last.data[0] as SurveyDoc | undefined)?.wave ?? source.wave) + 1
    const duration = Math.max(DAY_MS, Date.parse(toIso(source.closesAt)!) - Date.parse(toIso(source.opensAt)!))
    const newId = newSurveyId(now)
    const doc: SurveyDoc = {
      ...source,
      _id: newId,
      opensAt: new Date(minute(now.getTime())),
      closesAt: new Date(minute(now.getTime() + duration)),
      status: 'draft',
      wave,
      revision: 1,
      createdBy: ctx.openid,
      createdAt: now,
      updatedAt: now,
      publishedAt: null,
      closedAt: null,
    }
    try {
      await coll.add({ data: { ...doc } })
    } catch (err) {
      // `seriesId_wave` is unique: someone else made this wave a moment ago.
      const clash = await coll.where({ seriesId: source.seriesId, wave }).limit(1).get()
      if (clash.data.length) throw conflict(`第 ${wave} 轮刚刚已由他人创建，请刷新列表`)
      throw err
    }
    return toDetail(doc, now, 0)
  },

  async discard({ id }, ctx) {
    const doc = await loadSurvey(ctx, id)
    if (doc.status !== 'draft') throw conflict('已发布的问卷不能删除，可以结束它')
    await ctx.db.collection(COLLECTIONS.surveys).doc(id).remove()
    return { id }
  },

  async results({ id }, ctx) {
    const now = ctx.now()
    const survey = await loadSurvey(ctx, id)
    const [tallies, districts, series] = await Promise.all([
      fetchAll<TallyDoc>(ctx.db.collection(COLLECTIONS.surveyTallies).where({ surveyId: id }), 500),
      districtsById(ctx.db),
      fetchAll<SurveyDoc>(ctx.db.collection(COLLECTIONS.surveys).where({ seriesId: survey.seriesId }).orderBy('wave', 'asc'), 50),
    ])
    const all = countsOf(tallies.find((t) => t._id === allTallyId(id)))
    const perDistrict = tallies
      .filter((t) => t.districtId)
      .map((t) => ({ districtId: t.districtId!, name: districts.get(t.districtId!)?.name ?? t.districtId!, order: districts.get(t.districtId!)?.order ?? 999, counts: countsOf(t) }))
      .sort((a, b) => a.order - b.order)
    const otherWaves = series.filter((s) => s._id !== id && s.status !== 'draft')
    const waveTallies = await findByIds<TallyDoc>(ctx.db, COLLECTIONS.surveyTallies, otherWaves.map((s) => allTallyId(s._id)))
    const waves = series
      .filter((s) => s._id === id || s.status !== 'draft')
      .map((s) =>
        waveResult(
          { surveyId: s._id, wave: s.wave, title: s.title, phase: phaseOf(s, now), opensAt: toIso(s.opensAt)!, questions: s.questions },
          s._id === id ? all.m : countsOf(waveTallies.get(allTallyId(s._id))).m,
        ),
      )
    return {
      survey: toSummary(survey, now),
      totals: { responses: all.m.n, online: all.m.n - all.m.as, assisted: all.m.as, flagged: all.f.n },
      metrics: metricRates(survey.questions, all.m),
      districts: districtResults(survey.questions, perDistrict),
      waves,
      questions: questionResults(survey.questions, all.m),
      flagged: { responses: all.f.n, metrics: metricRates(survey.questions, all.f) },
    }
  },

  async listTexts({ id, questionId, search, offset, limit }, ctx) {
    const survey = await loadSurvey(ctx, id)
    const q = survey.questions.find((x) => x.id === questionId)
    if (!q || isChoiceKind(q.kind)) throw new ActionError('NOT_FOUND', '该题不是填空题')
    const [districts] = await Promise.all([districtsById(ctx.db)])
    const query = ctx.db.collection(COLLECTIONS.surveyTexts).where({ surveyId: id, questionId }).orderBy('no', 'desc')
    const view = (d: TextDoc) => ({
      no: d.no,
      text: d.text,
      districtName: districts.get(d.districtId)?.name ?? d.districtId,
      flagged: d.bucket === 'f',
      submittedAt: toIso(d.submittedAt)!,
    })
    const needle = (search ?? '').trim().toLowerCase()
    if (!needle) {
      const page = await fetchPage<TextDoc>(query, offset, limit)
      return { items: page.items.map(view), nextOffset: page.hasMore ? offset + limit : null, scanned: page.items.length }
    }
    // Search: one bounded window of the index (newest first), filtered here; the caller continues from
    // `nextOffset`. Never a scan of every answer in one request, whatever the survey's size.
    const res = await (offset ? query.skip(offset) : query).limit(TEXT_SEARCH_WINDOW).get()
    const window = res.data as TextDoc[]
    const items: ReturnType<typeof view>[] = []
    let consumed = 0
    for (const d of window) {
      consumed++
      if (d.text.toLowerCase().includes(needle)) items.push(view(d))
      if (items.length >= limit) break
    }
    const exhausted = consumed === window.length && window.length < TEXT_SEARCH_WINDOW
    return { items, nextOffset: exhausted ? null : offset + consumed, scanned: consumed }
  },

  async listResponses({ id, flagged, offset, limit }, ctx) {
    await loadSurvey(ctx, id)
    const where: Record<string, unknown> = flagged ? { surveyId: id, flagged: true } : { surveyId: id }
    const [page, districts] = await Promise.all([
      fetchPage<ResponseRecord>(ctx.db.collection(COLLECTIONS.surveyResponses).where(where).orderBy('no', 'desc'), offset, limit),
      districtsById(ctx.db),
    ])
    return { items: page.items.map((r) => toResponseItem(r, districts.get(r.districtId)?.name ?? r.districtId)), hasMore: page.hasMore }
  },

  async acceptResponse({ responseId }, ctx) {
    const now = ctx.now()
    const _ = ctx._
    const updated = await ctx.db.runTransaction(async (t) => {
      const r = (await t.collection(COLLECTIONS.surveyResponses).doc(responseId).get()).data as ResponseRecord | null
      if (!r) throw new ActionError('NOT_FOUND', '答卷不存在')
      if (r.bucket === 'm') return r
      const survey = (await t.collection(COLLECTIONS.surveys).doc(r.surveyId).get()).data as SurveyDoc | null
      if (!survey) throw new ActionError('NOT_FOUND', '问卷不存在或已被删除')
      // Move the response's counts from the flagged bucket to the counted one, in both tallies.
      const inc = {
        ...responseIncrements(survey.questions, r.answers, r.visible, r.channel, 'f', -1),
        ...responseIncrements(survey.questions, r.answers, r.visible, r.channel, 'm', 1),
      }
      const data: Record<string, unknown> = { updatedAt: now }
      for (const [path, by] of Object.entries(inc)) data[path] = _.inc(by)
      await t.collection(COLLECTIONS.surveyTallies).doc(allTallyId(r.surveyId)).update({ data })
      await t.collection(COLLECTIONS.surveyTallies).doc(districtTallyId(r.surveyId, r.districtId)).update({ data })
      const review = { by: ctx.openid, at: now }
      await t.collection(COLLECTIONS.surveyResponses).doc(responseId).update({ data: { bucket: 'm', review } })
      for (const q of survey.questions) {
        if (typeof r.answers[q.id] === 'string' && !isChoiceKind(q.kind)) {
          await t.collection(COLLECTIONS.surveyTexts).doc(`${responseId}_${q.id}`).update({ data: { bucket: 'm' } })
        }
      }
      return { ...r, bucket: 'm' as const, review }
    })
    const district = await findById<DistrictDoc>(ctx.db.collection(COLLECTIONS.districts), updated.districtId)
    return toResponseItem(updated, district?.name ?? updated.districtId)
  },

  async assist({ surveyId, answers, districtId, personKey, paperNo }, ctx) {
    const key = normalizePersonKey(personKey)
    if (!key.ok) throw new ActionError('INVALID_INPUT', key.message, [{ path: 'personKey', message: key.message }])
    await requireDistrict(ctx.db, districtId)
    const claims: Claim[] = [
      { id: personClaimId(surveyId, personKeyOf(key.value)), kind: 'person', message: '该受访者已参与过本问卷（线上填写或已代录），不能重复录入' },
    ]
    const recorded = await recordResponse(ctx, {
      surveyId,
      answers,
      channel: 'assisted',
      districtId,
      claims,
      elapsedMs: null,
      respondent: null,
      enteredBy: ctx.openid,
      paperNo: paperNo?.trim() || null,
      check: (survey) => {
        if (!survey.allowAssisted) throw new ActionError('FORBIDDEN', '本问卷未开启工作人员代录')
        if (survey.audience === 'district' && districtId !== survey.districtId) throw new ActionError('INVALID_INPUT', `本问卷仅面向${audienceText(survey)}`, [{ path: 'districtId', message: '受访者不在调查范围内' }])
      },
    })
    return { no: recorded.no, flagged: recorded.flags.length > 0 }
  },

  async export({ id, format }, ctx) {
    const now = ctx.now()
    const survey = await loadSurvey(ctx, id)
    const districts = await districtsById(ctx.db)
    const rows: ExportResponse[] = []
    const coll = ctx.db.collection(COLLECTIONS.surveyResponses)
    let last = 0
    // Keyset paging on the (surveyId, no) index: each round trip reads only the next page.
    while (rows.length < EXPORT_MAX_ROWS) {
      const res = await coll.where({ surveyId: id, no: ctx._.gt(last) }).orderBy('no', 'asc').limit(EXPORT_PAGE).get()
      const page = res.data as ResponseRecord[]
      for (const r of page) rows.push(toExportResponse(r, districts.get(r.districtId)?.name ?? r.districtId))
      if (page.length < EXPORT_PAGE) break
      last = page[page.length - 1].no
    }
    const table = exportTable(survey.questions, rows)
    const stamp = toIso(now)!.replace(/[-:]/g, '').replace(/\..*$/, '')
    const content = format === 'csv' ? Buffer.from(toCsv(table), 'utf8') : xlsxWorkbook(table, { sheetName: '答卷', numericColumns: [0], at: now })
    const cloudPath = `exports/surveys/${id}/${stamp}-${Math.random().toString(36).slice(2, 8)}.${format}`
    const uploaded = await ctx.cloud.uploadFile({ cloudPath, fileContent: content })
    const fileID = (uploaded as { fileID: string }).fileID
    const temp = await ctx.cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 3600 }] })
    const url = (temp as { fileList: { tempFileURL: string }[] }).fileList[0]?.tempFileURL
    if (!url) throw new Error('getTempFileURL returned no URL')
    const safeTitle = survey.title.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 30) || '问卷'
    return { fileID, url, fileName: `${safeTitle}-第${survey.wave}轮-答卷-${stamp.slice(0, 8)}.${format}`, rows: rows.length }
  },

  // --------------------------------------------------------------------------------- resident

  async listOpen(_input, ctx) {
    const now = ctx.now()
    const [{ view: profile }, published] = await Promise.all([
      profileOf(ctx),
      fetchAll<SurveyDoc>(
        ctx.db.collection(COLLECTIONS.surveys).where({ status: 'published', closesAt: ctx._.gt(now) }).orderBy('closesAt', 'asc'),
        100,
      ),
    ])
    const open = published.filter((s) => phaseOf(s, now) === 'open')
    const claims = await findByIds(ctx.db, COLLECTIONS.surveyClaims, open.map((s) => userClaimId(s._id, ctx.openid)))
    const items = open
      .map((s) => ({ s, blocked: audienceBlock(s, ctx, profile.districtId) }))
      // Not for this resident at all (another district they live outside, volunteers only): not listed.
      .filter(({ blocked }) => blocked === null)
      .map(({ s }) => ({ ...toSummary(s, now), intro: s.intro, answered: claims.has(userClaimId(s._id, ctx.openid)), blockedReason: null }))
      .sort((a, b) => Number(a.answered) - Number(b.answered))
    return { items, profile }
  },

  async getForAnswer({ id }, ctx) {
    const now = ctx.now()
    const survey = await loadSurvey(ctx, id)
    if (survey.status === 'draft') throw new ActionError('NOT_FOUND', '问卷不存在或尚未发布')
    const [{ view: profile }, claim] = await Promise.all([profileOf(ctx), findById(ctx.db.collection(COLLECTIONS.surveyClaims), userClaimId(id, ctx.openid))])
    return {
      survey: toAnswerSurvey(survey, now),
      answered: !!claim,
      blockedReason: phaseBlock(survey, now) ?? audienceBlock(survey, ctx, profile.districtId),
      profile,
    }
  },

  async submit({ surveyId, answers, elapsedMs, districtId, mobile }, ctx) {
    const profiles = ctx.db.collection(COLLECTIONS.surveyProfiles)
    const { doc: profile } = await profileOf(ctx)
    let myDistrict = profile?.districtId ?? null
    let personKey = profile?.personKey ?? null
    const changes: Partial<ProfileDoc> = {}
    if (!myDistrict) {
      if (!districtId) throw new ActionError('INVALID_INPUT', '请选择您所在的辖区', [{ path: 'districtId', message: '请选择您所在的辖区' }])
      await requireDistrict(ctx.db, districtId)
      myDistrict = districtId
      changes.districtId = districtId
    }
    if (mobile && mobile.trim()) {
      const m = normalizeMobile(mobile)
      if (!m.ok) throw new ActionError('INVALID_INPUT', m.message, [{ path: 'mobile', message: m.message }])
      const key = personKeyOf(m.value)
      if (key !== personKey) {
        personKey = key
        changes.personKey = key
      }
    }

    const claims: Claim[] = [{ id: userClaimId(surveyId, ctx.openid), kind: 'user', message: '您已经提交过这份问卷了，每人只能提交一次。感谢您的参与！' }]
    if (personKey) {
      claims.push({ id: personClaimId(surveyId, personKey), kind: 'person', message: '该手机号已由工作人员代录过本问卷（入户或纸质调查），无需重复填写。感谢您的参与！' })
    }
    // Audience is checked against the stored definition inside the transaction; answers too.
    const nickname = ctx.user?.nickname ?? defaultNickname(ctx.openid)
    const recorded = await recordResponse(ctx, {
      surveyId,
      answers,
      channel: 'online',
      districtId: myDistrict,
      claims,
      elapsedMs,
      respondent: { openid: ctx.openid, nickname },
      enteredBy: null,
      paperNo: null,
      check: (survey) => {
        const blocked = audienceBlock(survey, ctx, myDistrict)
        if (blocked) throw new ActionError('FORBIDDEN', blocked)
      },
    })
    // The profile (district, hashed number) is the resident's own data: kept once they submitted.
    if (Object.keys(changes).length) {
      await profiles.doc(ctx.openid).set({ data: { districtId: myDistrict, personKey, updatedAt: ctx.now() } })
    }
    return { submittedAt: recorded.submittedAt.toISOString(), showResults: recorded.survey.showResults }
  },

  async publicResults({ id }, ctx) {
    const now = ctx.now()
    const survey = await loadSurvey(ctx, id)
    if (survey.status === 'draft') throw new ActionError('NOT_FOUND', '问卷不存在或尚未发布')
    const staff = hasAnyRole(ctx.roles, ['staff', 'admin'])
    if (!staff) {
      if (!survey.showResults) throw new ActionError('FORBIDDEN', '本问卷的结果暂不公开')
      const claim = await findById(ctx.db.collection(COLLECTIONS.surveyClaims), userClaimId(id, ctx.openid))
      if (!claim) throw new ActionError('FORBIDDEN', '提交问卷后即可查看当前结果')
    }
    const tally = await findById<TallyDoc>(ctx.db.collection(COLLECTIONS.surveyTallies), allTallyId(id))
    const c = countsOf(tally)
    return {
      survey: toSummary(survey, now),
      responses: c.m.n,
      metrics: metricRates(survey.questions, c.m),
      // Free text is never shown to the public: only the choice questions' distributions.
      questions: questionResults(survey.questions.filter((q) => isChoiceKind(q.kind)), c.m),
    }
  },
}

/**
 * Hourly: surveys whose closing time has passed become `closed` (their phase already reads 已结束; this keeps
 * the stored status, which lists filter on, in step).
 */
async function closeExpired(ctx: SystemContext) {
  const now = ctx.now()
  const due = await fetchAll<SurveyDoc>(
    ctx.db.collection(COLLECTIONS.surveys).where({ status: 'published', closesAt: ctx._.lte(now) }).orderBy('closesAt', 'asc'),
    500,
  )
  for (const s of due) {
    await ctx.db.collection(COLLECTIONS.surveys).doc(s._id).update({ data: { status: 'closed', closedAt: s.closesAt, updatedAt: now } })
  }
  return { closed: due.length }
}

const fn = createFunction(surveyContract, handlers, { timers: { closeExpired } })
export const main = fn.main
export const contract = fn.contract
