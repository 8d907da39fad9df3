import { ActionError, defineHandler, fetchAll, fetchPage, findById, findByIds } from '../kernel'
import { volunteerContract as C } from '../../src/domain/contracts/volunteer'
import { COLLECTIONS } from '../../src/domain/collections'
import {
  buildCsv,
  CERT_ISSUER,
  CERT_ITEMS_MAX,
  certificateCounterId,
  certificateNumber,
  chinaYear,
  levelProgress,
  maskName,
  monthKey,
  rankingId,
  rankItems,
  renderCertificateSvg,
  summariseByType,
  toLedgerEntryView,
  type Certificate,
  type CertificateDoc,
  type CertificateItem,
  type ExportRow,
  type LedgerDoc,
  type RankingDoc,
  type SignupDoc,
  type VolunteerDoc,
} from '../../src/domain/volunteer'
import { audit, requireApproved, signups, txGet, withoutId, type Ctx } from './repo'
import { newId, rankingRowKey } from './secrets'

export const myRecord = defineHandler(C, 'myRecord', async (_input, ctx) => {
  const v = await requireApproved(ctx, ctx.openid)
  const month = monthKey(ctx.now())
  const [rank, pending] = await Promise.all([
    findById<RankingDoc>(ctx.db.collection(COLLECTIONS.volunteerRankings), rankingId(month, 'volunteer', v._id)),
    fetchAll<Pick<SignupDoc, 'hours'>>(signups(ctx.db).where({ openid: v._id, 'hours.status': 'pending' }).field({ hours: true }), 500),
  ])
  return {
    name: v.name,
    team: v.team,
    totalMinutes: v.totalMinutes,
    points: v.points,
    pointsEarned: v.pointsEarned,
    pointsSpent: v.pointsSpent,
    serviceCount: v.serviceCount,
    level: levelProgress(v.totalMinutes),
    firstServiceAt: v.firstServiceAt,
    lastServiceAt: v.lastServiceAt,
    monthMinutes: rank?.minutes ?? 0,
    pendingMinutes: pending.reduce((n, s) => n + (s.hours?.minutes ?? 0), 0),
  }
})

export const myLedger = defineHandler(C, 'myLedger', async ({ offset, limit }, ctx) => {
  const q = ctx.db.collection(COLLECTIONS.volunteerLedger).where({ openid: ctx.openid }).orderBy('at', 'desc').orderBy('_id', 'desc')
  const page = await fetchPage<LedgerDoc>(q, offset, limit)
  return { items: page.items.map(toLedgerEntryView), hasMore: page.hasMore }
})

export const rankings = defineHandler(C, 'rankings', async ({ kind, month: asked, limit }, ctx) => {
  const month = asked ?? monthKey(ctx.now())
  const coll = ctx.db.collection(COLLECTIONS.volunteerRankings)
  const res = await coll.where({ month, kind, minutes: ctx._.gt(0) }).orderBy('minutes', 'desc').orderBy('subjectId', 'asc').limit(limit).get()
  const docs = res.data as RankingDoc[]
  let mineId: string | null = null
  if (kind === 'volunteer') mineId = ctx.openid
  else {
    const v = await findById<VolunteerDoc>(ctx.db.collection(COLLECTIONS.volunteers), ctx.openid)
    mineId = v?.team?.id ?? null
  }
  // Rankings are public: a volunteer's row is keyed by a digest, never by the OPENID (teams by their id).
  const show = (d: RankingDoc) => ({ id: kind === 'volunteer' ? rankingRowKey(d.subjectId) : d.subjectId, name: kind === 'volunteer' ? maskName(d.name) : d.name, minutes: d.minutes, services: d.services, isMe: d.subjectId === mineId })
  const items = rankItems(docs.map(show))
  let me = items.find((i) => i.isMe) ?? null
  if (!me && mineId) {
    const mine = await findById<RankingDoc>(coll, rankingId(month, kind, mineId))
    if (mine && mine.minutes > 0) {
      const above = await coll.where({ month, kind, minutes: ctx._.gt(mine.minutes) }).count()
      me = { ...show(mine), rank: above.total + 1 }
    }
  }
  return { month, kind, items, me }
})

// -------------------------------------------------------------------------------------------- certificate

async function tempUrl(ctx: Ctx, fileId: string | null): Promise<string | null> {
  if (!fileId) return null
  try {
    const res = await ctx.cloud.getTempFileURL({ fileList: [fileId] })
    const f = res.fileList[0]
    return f && f.status === 0 ? f.tempFileURL : null
  } catch (err) {
    console.warn('[volunteer] temp URL failed:', err)
    return null
  }
}

const SERVICE_KINDS = ['service', 'adjustment']

export const issueCertificate = defineHandler(C, 'issueCertificate', async ({ from, to, render }, ctx) => {
  const v = await requireApproved(ctx, ctx.openid)
  const now = ctx.now()
  const at = now.toISOString()
  const _ = ctx._
  const range: Record<string, unknown> = {}
  if (from && to) range.serviceAt = _.and(_.gte(from), _.lte(to))
  else if (from) range.serviceAt = _.gte(from)
  else if (to) range.serviceAt = _.lte(to)
  const entries = await fetchAll<LedgerDoc>(
    ctx.db.collection(COLLECTIONS.volunteerLedger).where({ openid: v._id, kind: _.in(SERVICE_KINDS), ...range }).orderBy('serviceAt', 'asc'),
    5000,
  )
  // Corrections fold into the service they correct.
  const bySubject = new Map<string, CertificateItem>()
  for (const e of entries) {
    const key = e.subject ? `${e.subject.type}:${e.subject.id}` : e._id
    const cur = bySubject.get(key)
    if (cur) cur.minutes += e.minutes
    else bySubject.set(key, { date: e.serviceAt ?? e.at, title: e.ref.title.replace(/（时长更正）$/, ''), type: e.serviceType, minutes: e.minutes })
  }
  const services = [...bySubject.values()].filter((i) => i.minutes > 0)
  if (!services.length) throw new ActionError('CONFLICT', '该期间没有已确认的志愿服务记录')
  const totalMinutes = services.reduce((n, i) => n + i.minutes, 0)
  const year = chinaYear(now)
  const body: Omit<Certificate, 'fileId' | 'url' | 'number'> = {
    issuer: { ...CERT_ISSUER },
    volunteerName: v.name,
    idNumberMasked: v.idNumberMasked,
    periodFrom: from ?? services[0].date,
    periodTo: to ?? services[services.length - 1].date,
    totalMinutes,
    serviceCount: services.length,
    byType: summariseByType(services),
    items: services.slice(-CERT_ITEMS_MAX).reverse(),
    issuedAt: at,
  }
  // The number: a yearly counter, bumped in the transaction that stores the certificate (no gaps, no repeats).
  const cert = await ctx.db.runTransaction(async (t) => {
    const counterId = certificateCounterId(year)
    const counter = await txGet<{ _id: string; value: number }>(t, COLLECTIONS.volunteerCounters, counterId)
    const seq = (counter?.value ?? 0) + 1
    await t.collection(COLLECTIONS.volunteerCounters).doc(counterId).set({ data: { value: seq, updatedAt: at } })
    const doc: CertificateDoc = { _id: certificateNumber(year, seq), number: certificateNumber(year, seq), openid: v._id, ...body, fileId: null }
    await t.collection(COLLECTIONS.volunteerCertificates).doc(doc._id).set({ data: withoutId(doc) })
    return doc
  })
  let fileId: string | null = null
  if (render) {
    try {
      const svg = renderCertificateSvg(cert)
      const up = await ctx.cloud.uploadFile({ cloudPath: `volunteer/certificates/${cert.number}.svg`, fileContent: Buffer.from(svg, 'utf8') })
      fileId = up.fileID
      await ctx.db.collection(COLLECTIONS.volunteerCertificates).doc(cert._id).update({ data: { fileId } })
    } catch (err) {
      console.warn('[volunteer] certificate rendering failed:', err)
    }
  }
  const { _id, openid, ...view } = cert
  void _id
  void openid
  return { ...view, fileId, url: await tempUrl(ctx, fileId) }
})

export const myCertificates = defineHandler(C, 'myCertificates', async ({ offset, limit }, ctx) => {
  const q = ctx.db.collection(COLLECTIONS.volunteerCertificates).where({ openid: ctx.openid }).orderBy('issuedAt', 'desc')
  const page = await fetchPage<CertificateDoc>(q, offset, limit)
  const files = page.items.map((c) => c.fileId).filter((f): f is string => !!f)
  const urls = new Map<string, string>()
  if (files.length) {
    try {
      const res = await ctx.cloud.getTempFileURL({ fileList: files })
      for (const f of res.fileList) if (f.status === 0) urls.set(f.fileID, f.tempFileURL)
    } catch (err) {
      console.warn('[volunteer] temp URLs failed:', err)
    }
  }
  return {
    items: page.items.map(({ _id, openid, ...c }) => {
      void _id
      void openid
      return { ...c, url: c.fileId ? (urls.get(c.fileId) ?? null) : null }
    }),
    hasMore: page.hasMore,
  }
})

export const verifyCertificate = defineHandler(C, 'verifyCertificate', async ({ number }, ctx) => {
  const c = await findById<CertificateDoc>(ctx.db.collection(COLLECTIONS.volunteerCertificates), number)
  if (!c) throw new ActionError('NOT_FOUND', '未找到该编号的志愿服务证明')
  return {
    number: c.number,
    issuerName: c.issuer.name,
    volunteerName: maskName(c.volunteerName),
    periodFrom: c.periodFrom,
    periodTo: c.periodTo,
    totalMinutes: c.totalMinutes,
    issuedAt: c.issuedAt,
  }
})

// ---------------------------------------------------------------------------------------------- export

export const exportHours = defineHandler(C, 'exportHours', async ({ from, to }, ctx) => {
  if (Date.parse(from) >= Date.parse(to)) throw new ActionError('INVALID_INPUT', '截止时间应晚于起始时间')
  const _ = ctx._
  const at = ctx.now().toISOString()
  const entries = await fetchAll<LedgerDoc>(
    ctx.db.collection(COLLECTIONS.volunteerLedger).where({ kind: _.in(SERVICE_KINDS), at: _.and(_.gte(from), _.lt(to)) }).orderBy('at', 'asc'),
    10000,
  )
  // One row per participation confirmed in the range; a correction in the same range folds into its row.
  const rows = new Map<string, LedgerDoc & { sum: number }>()
  for (const e of entries) {
    const key = e.subject ? `${e.openid}|${e.subject.type}:${e.subject.id}` : e._id
    const cur = rows.get(key)
    if (cur) cur.sum += e.minutes
    else rows.set(key, { ...e, sum: e.minutes })
  }
  const list = [...rows.values()].filter((r) => r.sum !== 0)
  const vols = await findByIds<VolunteerDoc>(ctx.db, COLLECTIONS.volunteers, list.map((r) => r.openid))
  const out: ExportRow[] = list.map((r) => {
    const v = vols.get(r.openid)
    return {
      name: v?.name ?? '',
      idNumberMasked: v?.idNumberMasked ?? null,
      mobile: v?.mobile ?? '',
      team: v?.team?.name ?? null,
      title: r.ref.title.replace(/（时长更正）$/, ''),
      type: r.serviceType,
      startAt: r.period?.startAt ?? r.serviceAt ?? r.at,
      endAt: r.period?.endAt ?? r.serviceAt ?? r.at,
      minutes: r.sum,
      source: r.source === 'request' ? 'request' : (r.source ?? 'manual'),
      confirmedAt: r.at,
    }
  })
  const csv = buildCsv(out)
  const stamp = at.replace(/[-:.TZ]/g, '').slice(0, 14)
  const up = await ctx.cloud.uploadFile({ cloudPath: `volunteer/exports/hours-${stamp}-${newId().slice(0, 8)}.csv`, fileContent: Buffer.from(csv, 'utf8') })
  const url = await tempUrl(ctx, up.fileID)
  if (!url) throw new ActionError('INTERNAL')
  const totalMinutes = out.reduce((n, r) => n + r.minutes, 0)
  await audit(ctx, { db: ctx.db }, { at, by: ctx.openid, action: 'export', after: { from, to, rows: out.length, totalMinutes } })
  return { fileId: up.fileID, url, rows: out.length, totalMinutes }
})
