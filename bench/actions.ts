/**
 * The key actions the benchmark measures, and how to make the i-th request of each. Reads repeat the same
 * request; writes make a fresh one every time (a new reporter and clientId with a photo uploaded for it, a
 * new volunteer, a new respondent), as a busy day's traffic would.
 */
import { COLLECTIONS } from '../src/domain/collections'
import { DEMO_SURVEY_IDS } from '../scripts/seed'
import { reportPhotoCloudPath, submitPhotoScope } from '../src/domain/report'
import { benchVolunteer, HEAVY_REPORTER, proportions, upcomingEventId } from './seed'

export interface BenchRequest {
  openid: string
  fn: string
  action: string
  payload: unknown
}

/** What request builders may use: the runtime (to upload photos) and a tag unique to this run and scale. */
export interface SpecContext {
  rt: { storageApi: { uploadFile(p: { cloudPath: string; fileContent: Buffer }, by?: { uploader?: string | null }): Promise<{ fileID: string }> }; database(): any }
  tag: string
  reports: number
  /** Answers of a real response to the open survey wave (valid against its questions). */
  surveyAnswers: Record<string, unknown>
}

export interface ActionSpec {
  key: string
  fn: string
  action: string
  /** Timed requests (aggregates over everything get fewer: each is slow by design, see the README). */
  requests?: number
  /** Untimed requests first (default: the run's --warmup). */
  warmup?: number
  request(i: number, ctx: SpecContext): BenchRequest | Promise<BenchRequest>
}

/** A small JPEG-sized stand-in for an already-compressed photo (its bytes are not inspected by the function). */
const PHOTO = Buffer.alloc(180 * 1024, 0x5a)
const SUBMIT_POINT = { lat: 34.6262, lng: 112.5135 } // 高新区, where tests also report

const read = (key: string, fn: string, action: string, openid: string, payload: unknown, requests?: number, warmup?: number): ActionSpec => ({
  key,
  fn,
  action,
  requests,
  warmup,
  request: () => ({ openid, fn, action, payload }),
})

export const ACTION_SPECS: ActionSpec[] = [
  {
    key: 'report.submit',
    fn: 'report',
    action: 'submit',
    async request(i, ctx) {
      const openid = `bench-sub-${ctx.tag}-${i}`
      const clientId = `bench-${ctx.tag}-${i}`
      const cloudPath = reportPhotoCloudPath(openid, submitPhotoScope(clientId), 'p1.jpg')
      const { fileID } = await ctx.rt.storageApi.uploadFile({ cloudPath, fileContent: PHOTO }, { uploader: openid })
      const payload = {
        clientId,
        categoryId: ['city-stall', 'city-pile', 'traffic-parking'][i % 3],
        description: '小区北门外人行道上有流动摊贩占道经营，行人只能走机动车道。',
        photos: [fileID],
        location: { lat: SUBMIT_POINT.lat + (i % 50) * 0.0004, lng: SUBMIT_POINT.lng + (i % 7) * 0.0004, address: '高新区人才公寓A座北门' },
      }
      return { openid, fn: 'report', action: 'submit', payload }
    },
  },
  read('report.myList', 'report', 'myList', HEAVY_REPORTER, { limit: 20 }),
  read('report.staffQueue', 'report', 'staffQueue', 'demo-staff', { limit: 20 }),
  read('board.exposureFeed', 'board', 'exposureFeed', 'demo-resident', { limit: 20 }),
  read('board.issueFeed', 'board', 'issueFeed', 'demo-resident', { limit: 20 }),
  read('volunteer.listEvents', 'volunteer', 'listEvents', 'demo-volunteer', { scope: 'upcoming', limit: 20 }),
  read('volunteer.listEvents:past', 'volunteer', 'listEvents', 'demo-volunteer', { scope: 'past', limit: 20 }),
  {
    key: 'volunteer.signUp',
    fn: 'volunteer',
    action: 'signUp',
    request: (i, ctx) => {
      // The i-th approved volunteer (every tenth is pending review); each signs up once, as the upcoming
      // events share their time and a second sign-up would overlap.
      const p = proportions(ctx.reports)
      return { openid: benchVolunteer(i + Math.floor(i / 9)), fn: 'volunteer', action: 'signUp', payload: { eventId: upcomingEventId(i % p.upcomingEvents) } }
    },
  },
  {
    key: 'survey.submit',
    fn: 'survey',
    action: 'submit',
    request: (i, ctx) => ({
      openid: `bench-resp-${ctx.tag}-${i}`,
      fn: 'survey',
      action: 'submit',
      payload: { surveyId: DEMO_SURVEY_IDS.wave2, answers: ctx.surveyAnswers, elapsedMs: 240_000, districtId: ['d-wenhua', 'd-binhe', 'd-gaoxin'][i % 3] },
    }),
  },
  read('survey.results', 'survey', 'results', 'demo-staff', { id: DEMO_SURVEY_IDS.wave2 }),
  read('report.stats', 'report', 'stats', 'demo-admin', {}, 10, 1),
  // The dashboard over the last 30 days, by day.
  read('stats.overview', 'stats', 'overview', 'demo-admin', lastDays(30), 40),
]

/** The last `n` China calendar days, as the dashboard's period input. */
function lastDays(n: number): { from: string; to: string } {
  const day = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10)
  return { from: day(Date.now() - (n - 1) * 86400_000), to: day(Date.now()) }
}

/** Answers of an online response to the open wave, to submit again as new respondents. */
export async function surveyAnswers(db: any): Promise<Record<string, unknown>> {
  const res = await db.collection(COLLECTIONS.surveyResponses).where({ surveyId: DEMO_SURVEY_IDS.wave2, channel: 'online', flagged: false }).limit(1).get()
  if (!res.data.length) throw new Error('bench: the demo survey has no online response to copy answers from')
  return res.data[0].answers
}
