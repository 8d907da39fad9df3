import type { Command, Database } from 'wx-server-sdk'
import { ActionError, fetchAll, findById, findByIds } from '../kernel'
import { COLLECTIONS } from '../../src/domain/collections'
import { CATEGORY_BY_ID } from '../../src/domain/city/categories'
import type { CategoryDoc } from '../../src/domain/city/category'
import type { DistrictDoc, StreetDoc } from '../../src/domain/city/district'
import type { UnitDoc } from '../../src/domain/city/unit'
import type { TimelineEvent } from '../../src/domain/report/report'
import type { ReportRecord, EventRecord } from '../report/records'
import type { LedgerDoc } from '../../src/domain/volunteer/ledger'
import type { TeamDoc } from '../../src/domain/volunteer/teams'
import type { VolunteerDoc } from '../../src/domain/volunteer/volunteer'
import type { ResponseDoc, SurveyDoc } from '../../src/domain/survey/schema'
import { formatChinaTime, toExportResponse } from '../../src/domain/survey/export'
import { LEDGER_KIND_LABELS, type LedgerFilter } from '../../src/domain/ledger/filters'
import { REPORT_SHEETS, reportEventRows, reportRow, type ReportNames } from '../../src/domain/ledger/reports'
import { HOURS_ENTRY_KINDS, HOURS_SHEETS, hoursRow } from '../../src/domain/ledger/hours'
import { surveyRows, surveySheets } from '../../src/domain/ledger/surveys'
import type { LedgerSheet, Row } from '../../src/domain/ledger/table'
import { decodeKeyset, encodeKeyset, keysetPage } from './keyset'

export interface SourceCtx {
  db: Database
  _: Command
}

/** One ledger opened with its filters: its sheets, how many rows it has, and its rows page by page. */
export interface LedgerSource {
  sheets: readonly LedgerSheet[]
  /** 台账 and filters in words, e.g. `随手拍办理台账 2025-06-01 至 2025-06-30 · 文华区`. */
  title: string
  /** Rows of the first sheet. */
  count(): Promise<number>
  /** Up to `limit` rows of the first sheet (other sheets follow them) after the opaque `cursor`; `cursor` null at the end. */
  page(cursor: string | null, limit: number): Promise<{ sheets: Row[][]; cursor: string | null }>
}

/** Rows a page reads at most, per ledger: a report brings its timeline (≈6 events) along. */
export const CHUNK_ROWS = { reports: 50, hours: 100, surveys: 100 } as const

const day = (iso: string) => formatChinaTime(iso).slice(0, 10)

async function names<T extends { _id: string; name: string }>(db: Database, collection: string, ids: (string | undefined)[]): Promise<string[]> {
  const wanted = ids.filter((x): x is string => !!x)
  const found = await findByIds<T>(db, collection, wanted)
  return wanted.map((id) => {
    const n = found.get(id)?.name
    if (!n) throw new ActionError('INVALID_INPUT', '所选筛选条件不存在，请重新选择')
    return n
  })
}

function titleOf(f: LedgerFilter, extra: string[]): string {
  return [`${LEDGER_KIND_LABELS[f.kind]} ${day(f.from)} 至 ${day(new Date(Date.parse(f.to) - 1).toISOString())}`, ...extra].join(' · ')
}

// ------------------------------------------------------------------------------------------- reports

async function reportNames(db: Database): Promise<ReportNames> {
  const [categories, districts, streets] = await Promise.all([
    fetchAll<CategoryDoc>(db.collection(COLLECTIONS.categories), 200),
    fetchAll<DistrictDoc>(db.collection(COLLECTIONS.districts), 200),
    fetchAll<StreetDoc>(db.collection(COLLECTIONS.streets), 1000),
  ])
  const cats = new Map([...CATEGORY_BY_ID.values()].map((c) => [c.id, c.name]))
  for (const c of categories) cats.set(c._id, c.name)
  return {
    categories: cats,
    districts: new Map(districts.map((d) => [d._id, d.name])),
    streets: new Map(streets.map((s) => [s._id, s.name])),
  }
}

/** Timeline events of the reports, oldest first per report, a server page at a time by `_id`. */
async function eventsOf(ctx: SourceCtx, reportIds: string[]): Promise<Map<string, TimelineEvent[]>> {
  const out = new Map<string, TimelineEvent[]>(reportIds.map((id) => [id, []]))
  if (!reportIds.length) return out
  const coll = ctx.db.collection(COLLECTIONS.reportEvents)
  let last = ''
  for (;;) {
    const where = last ? { reportId: ctx._.in(reportIds), _id: ctx._.gt(last) } : { reportId: ctx._.in(reportIds) }
    const res = await coll.where(where).orderBy('_id', 'asc').limit(100).get()
    const page = res.data as EventRecord[]
    for (const { _id, reportId, ...e } of page) out.get(reportId)?.push(e)
    if (page.length < 100) break
    last = page[page.length - 1]._id
  }
  for (const list of out.values()) list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
  return out
}

async function reportsSource(ctx: SourceCtx, f: LedgerFilter): Promise<LedgerSource> {
  const [namesOf, district, unit] = await Promise.all([
    reportNames(ctx.db),
    f.districtId ? names<DistrictDoc>(ctx.db, COLLECTIONS.districts, [f.districtId]) : [],
    f.unitId ? names<UnitDoc & { name: string }>(ctx.db, COLLECTIONS.units, [f.unitId]) : [],
  ])
  const category = f.categoryId ? namesOf.categories.get(f.categoryId) : undefined
  if (f.categoryId && !category) throw new ActionError('INVALID_INPUT', '所选问题类型不存在，请重新选择')
  const where: Record<string, unknown> = {}
  if (f.districtId) where['location.districtId'] = f.districtId
  if (f.unitId) where['dispatch.unitId'] = f.unitId
  if (f.categoryId) where.categoryId = f.categoryId
  const coll = ctx.db.collection(COLLECTIONS.reports)
  const range = { lo: f.from, hi: f.to }
  return {
    sheets: REPORT_SHEETS,
    title: titleOf(f, [...district, ...unit, ...(category ? [category] : [])]),
    async count() {
      return (await coll.where({ ...where, createdAt: ctx._.and(ctx._.gte(f.from), ctx._.lt(f.to)) }).count()).total
    },
    async page(cursor, limit) {
      const { docs, next } = await keysetPage<ReportRecord>(coll, ctx._, where, 'createdAt', range, decodeKeyset(cursor), limit)
      const events = await eventsOf(ctx, docs.map((d) => d._id))
      return {
        sheets: [
          docs.map((r) => reportRow(r, events.get(r._id) ?? [], namesOf)),
          docs.flatMap((r) => reportEventRows(r._id, events.get(r._id) ?? [])),
        ],
        cursor: next ? encodeKeyset(next) : null,
      }
    },
  }
}

// --------------------------------------------------------------------------------------------- hours

async function hoursSource(ctx: SourceCtx, f: LedgerFilter): Promise<LedgerSource> {
  const [teams, district] = await Promise.all([
    fetchAll<TeamDoc>(ctx.db.collection(COLLECTIONS.volunteerTeams), 1000),
    f.districtId ? names<DistrictDoc>(ctx.db, COLLECTIONS.districts, [f.districtId]) : [],
  ])
  const teamNames = new Map(teams.map((t) => [t._id, t.name]))
  // A district's hours are its teams' hours (a volunteer serves with their team).
  const where: Record<string, unknown> = { kind: ctx._.in([...HOURS_ENTRY_KINDS]) }
  if (f.districtId) where.teamId = ctx._.in(teams.filter((t) => t.districtId === f.districtId).map((t) => t._id))
  const coll = ctx.db.collection(COLLECTIONS.volunteerLedger)
  return {
    sheets: HOURS_SHEETS,
    title: titleOf(f, district),
    async count() {
      return (await coll.where({ ...where, at: ctx._.and(ctx._.gte(f.from), ctx._.lt(f.to)) }).count()).total
    },
    async page(cursor, limit) {
      const { docs, next } = await keysetPage<LedgerDoc>(coll, ctx._, where, 'at', { lo: f.from, hi: f.to }, decodeKeyset(cursor), limit)
      const people = await findByIds<VolunteerDoc>(ctx.db, COLLECTIONS.volunteers, docs.map((d) => d.openid))
      return {
        sheets: [docs.map((e) => hoursRow(e, people.get(e.openid), e.teamId ? teamNames.get(e.teamId) : undefined))],
        cursor: next ? encodeKeyset(next) : null,
      }
    },
  }
}

// ------------------------------------------------------------------------------------------- surveys

async function surveysSource(ctx: SourceCtx, f: LedgerFilter): Promise<LedgerSource> {
  const [survey, districts] = await Promise.all([
    findById<SurveyDoc>(ctx.db.collection(COLLECTIONS.surveys), f.surveyId!),
    fetchAll<DistrictDoc>(ctx.db.collection(COLLECTIONS.districts), 200),
  ])
  if (!survey) throw new ActionError('NOT_FOUND', '问卷不存在或已被删除')
  const districtNames = new Map(districts.map((d) => [d._id, d.name]))
  if (f.districtId && !districtNames.has(f.districtId)) throw new ActionError('INVALID_INPUT', '所选筛选条件不存在，请重新选择')
  const where: Record<string, unknown> = {
    surveyId: survey._id,
    submittedAt: ctx._.and(ctx._.gte(new Date(f.from)), ctx._.lt(new Date(f.to))),
  }
  if (f.districtId) where.districtId = f.districtId
  const coll = ctx.db.collection(COLLECTIONS.surveyResponses)
  return {
    sheets: surveySheets(survey.questions),
    title: titleOf(f, [`${survey.title}（第${survey.wave}轮）`, ...(f.districtId ? [districtNames.get(f.districtId)!] : [])]),
    async count() {
      return (await coll.where(where).count()).total
    },
    async page(cursor, limit) {
      // Keyset on the (surveyId, no) index: the respondent number is the cursor.
      const after = cursor ? Number(cursor) : 0
      const res = await coll.where({ ...where, no: ctx._.gt(after) }).orderBy('no', 'asc').limit(limit).get()
      const docs = res.data as ResponseDoc[]
      const rows = surveyRows(survey.questions, docs.map((r) => toExportResponse(r, districtNames.get(r.districtId) ?? r.districtId)))
      return { sheets: [rows], cursor: docs.length === limit ? String(docs[docs.length - 1].no) : null }
    },
  }
}

export function openSource(ctx: SourceCtx, f: LedgerFilter): Promise<LedgerSource> {
  if (f.kind === 'reports') return reportsSource(ctx, f)
  if (f.kind === 'hours') return hoursSource(ctx, f)
  return surveysSource(ctx, f)
}
