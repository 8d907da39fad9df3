import { randomBytes } from 'node:crypto'
import { fetchAll, findById, type ActionContext } from '../kernel'
import { personClaimId, userClaimId } from '../survey/keys'
import { COLLECTIONS } from '../../src/domain/collections'
import { ERASED_NAME, TOMBSTONE_PREFIX, type DeleteAccountOutput } from '../../src/domain/user/privacy'
import type { ProfileDoc } from '../../src/domain/survey/schema'
import type { RequestStatus } from '../../src/domain/volunteer/requests'

/**
 * 注销账号, carried out as `src/domain/user/erasure.ts` plans it. Every step is a single `where(...)` write
 * over an indexed field (each a fixed number of round trips, whatever the person's history), and every
 * step is safe to run again: a second deletion finds nothing left under the OPENID. The user record goes
 * last, so a deletion cut short is finished by calling again.
 *
 * Survey claim ids are keyed with the survey function's secret (`SURVEY_KEY_SECRET`): the user function
 * needs the same environment variable in production, or the claims of named surveys stay behind.
 */

type Erased = DeleteAccountOutput['erased']

const tombstone = (): string => `${TOMBSTONE_PREFIX}${randomBytes(8).toString('hex')}`

/** Surveys looked at for claims (the city runs dozens a year; the cap only bounds a runaway). */
const SURVEYS_MAX = 2000
/** `where({ _id: _.in(ids) })` batches. */
const ID_BATCH = 100

/** The kernel's 操作日志 (kernel/audit.ts) and rate-limit counters (kernel/rate-limit.ts). */
const AUDIT_LOG = 'audit_log'
const RATE_LIMITS = 'rate_limits'

/** -502005: the collection does not exist (not created in this environment). */
function ignoreMissingCollection(err: unknown): void {
  const e = err as { errCode?: unknown; errMsg?: unknown } | null
  if (e?.errCode === -502005 || /-502005|not exist/i.test(String(e?.errMsg ?? ''))) return
  throw err
}

/** 点单 not yet served. */
const OPEN_REQUEST_STATUSES = ['submitted', 'dispatched', 'taken'] as const satisfies readonly RequestStatus[]

const updated = (res: { stats: { updated?: number } }) => res.stats.updated ?? 0
const removed = (res: { stats: { removed?: number } }) => res.stats.removed ?? 0

async function eraseSurveyClaims(ctx: ActionContext, profile: ProfileDoc | null): Promise<void> {
  const surveys = await fetchAll<{ _id: string }>(ctx.db.collection(COLLECTIONS.surveys).field({ _id: true }), SURVEYS_MAX)
  const ids = surveys.flatMap((s) => [userClaimId(s._id, ctx.openid), ...(profile?.personKey ? [personClaimId(s._id, profile.personKey)] : [])])
  const claims = ctx.db.collection(COLLECTIONS.surveyClaims)
  for (let i = 0; i < ids.length; i += ID_BATCH) await claims.where({ _id: ctx._.in(ids.slice(i, i + ID_BATCH)) }).remove()
}

export async function eraseAccount(ctx: ActionContext): Promise<Erased> {
  const { db, openid } = ctx
  const gone = tombstone()
  const coll = (name: string) => db.collection(name)
  const profile = await findById<ProfileDoc>(coll(COLLECTIONS.surveyProfiles), openid)

  // 随手拍: the city's record of the problem stays, nobody's name on it.
  const [reports, cosigns, follows] = await Promise.all([
    coll(COLLECTIONS.reports).where({ reporterId: openid }).update({ data: { reporterId: gone } }),
    coll(COLLECTIONS.reportCosigns).where({ userId: openid }).remove(),
    coll(COLLECTIONS.exposureFollows).where({ userId: openid }).remove(),
    coll(COLLECTIONS.reportReporters).doc(openid).remove(),
    coll(COLLECTIONS.reportMediaChecks).where({ uploader: openid }).update({ data: { uploader: gone } }),
  ])

  // 问卷: answers count in results, so they stay, without who gave them.
  const [answers] = await Promise.all([
    coll(COLLECTIONS.surveyResponses).where({ openid }).update({ data: { openid: null, nickname: null } }),
    eraseSurveyClaims(ctx, profile),
  ])
  await coll(COLLECTIONS.surveyProfiles).doc(openid).remove()

  // 志愿服务: hours and attendance are the organisers' books; the person leaves them. A 点单 still open has
  // nobody to serve any more: it is cancelled first (the volunteer sees why).
  const _ = ctx._
  await coll(COLLECTIONS.volunteerRequests)
    .where({ residentId: openid, status: _.in([...OPEN_REQUEST_STATUSES]) })
    .update({ data: { status: 'cancelled', closedReason: '申请人已注销账号', updatedAt: ctx.now().toISOString(), version: _.inc(1) } })
  const volunteerSteps = await Promise.all([
    coll(COLLECTIONS.volunteerSignups).where({ openid }).update({ data: { openid: gone, name: ERASED_NAME } }),
    coll(COLLECTIONS.volunteerLedger).where({ openid }).update({ data: { openid: gone } }),
    coll(COLLECTIONS.volunteerRankings).where({ kind: 'volunteer', subjectId: openid }).update({ data: { subjectId: gone, name: ERASED_NAME } }),
    coll(COLLECTIONS.volunteerRedemptions).where({ openid }).update({ data: { openid: gone, volunteerName: ERASED_NAME } }),
    coll(COLLECTIONS.volunteerCorrections).where({ openid }).update({ data: { openid: gone, volunteerName: ERASED_NAME } }),
    coll(COLLECTIONS.volunteerAudit).where({ openid }).update({ data: { openid: gone } }),
    coll(COLLECTIONS.volunteerRequests)
      .where({ residentId: openid })
      .update({ data: { residentId: gone, contact: _.set({ name: ERASED_NAME, mobile: '' }), 'place.address': '（已注销，地址已删除）' } }),
    coll(COLLECTIONS.volunteerRequests).where({ 'volunteer.openid': openid }).update({ data: { volunteer: _.set({ openid: gone, name: ERASED_NAME }) } }),
  ])
  await Promise.all([
    coll(COLLECTIONS.volunteerCertificates).where({ openid }).remove(),
    coll(COLLECTIONS.volunteers).doc(openid).remove(),
  ])

  // 操作日志 about the person (an approval of their registration, a role change): who did what and when
  // stays; whom and the details go. (The collection is optional until the kernel's log is deployed.)
  await coll(AUDIT_LOG)
    .where({ targetId: openid })
    .update({ data: { targetId: gone, input: null, changes: [] } })
    .catch(ignoreMissingCollection)

  // Rate-limit counters are keyed `<class>:<openid>` (kernel/rate-limit.ts); a handful of documents per
  // active minute, so the pattern match is cheap. OPENIDs are [A-Za-z0-9_-], nothing to escape.
  await coll(RATE_LIMITS)
    .where({ _id: db.RegExp({ regexp: `^[a-z]+:${openid}$` }) })
    .remove()
    .catch(ignoreMissingCollection)

  await coll(COLLECTIONS.users).doc(openid).remove()

  return {
    reportsAnonymised: updated(reports),
    followsRemoved: removed(cosigns) + removed(follows),
    surveyAnswersAnonymised: updated(answers),
    volunteerRecordsAnonymised: volunteerSteps.reduce((n, r) => n + updated(r), 0),
  }
}
