/**
 * Demo 问卷调查: the civilized-city questionnaire in two waves — wave 1 closed a few months ago, wave 2 open
 * now — with answers from residents of the three districts (online and 代录, a few flagged as careless), and
 * a draft volunteers' survey. Answers are generated deterministically, validated with the same function the
 * server uses, and the tallies are computed from them with the domain's own tally code, so the demo's
 * results page agrees with a recomputation exactly as live data does.
 */
import type { Database } from 'wx-server-sdk'
import { COLLECTIONS, type CollectionName } from '../../src/domain/collections'
import { insertMissing } from '../../cloudfunctions/kernel/db'
import { personClaimId, personKeyOf, userClaimId } from '../../cloudfunctions/survey/keys'
import type { Answers, SurveyQuestion } from '../../src/domain/survey/constants'
import { carelessFlags } from '../../src/domain/survey/careless'
import { normalizeQuestion } from '../../src/domain/survey/definition'
import { validateAnswers } from '../../src/domain/survey/logic'
import type { ClaimDoc, ResponseDoc, SurveyDoc, TallyDoc, TextDoc } from '../../src/domain/survey/schema'
import { tallyResponses } from '../../src/domain/survey/tally'
import { civilizedCityTemplate } from '../../src/domain/survey/template'
import { DAY_MS } from '../../src/domain/shared/time'

export const DEMO_SURVEY_IDS = { wave1: 'sv-demo-cc-w1', wave2: 'sv-demo-cc-w2', volunteers: 'sv-demo-vol' } as const

export const SURVEY_COLLECTIONS = [
  COLLECTIONS.surveys,
  COLLECTIONS.surveyResponses,
  COLLECTIONS.surveyTallies,
  COLLECTIONS.surveyClaims,
  COLLECTIONS.surveyTexts,
] as const
type SurveyCollection = (typeof SURVEY_COLLECTIONS)[number]

export type DemoSurveys = Record<SurveyCollection, { _id: string }[]>

/** mulberry32: a small seeded generator, so every seed run builds the same answers. */
function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const DISTRICTS = ['d-wenhua', 'd-binhe', 'd-gaoxin'] as const
type District = (typeof DISTRICTS)[number]

/**
 * How satisfied each district is with each named area (0–1, before a respondent's own mood): the old town
 * (文华区) struggles with old housing estates and markets, the new district (高新区) is tidy but its
 * residents take part less.
 */
const AREA_BASE: Record<District, Record<string, number>> = {
  'd-wenhua': { q4: 0.52, q6: 0.56, q7: 0.4, q8: 0.34, q9: 0.58, q10: 0.66 },
  'd-binhe': { q4: 0.6, q6: 0.54, q7: 0.56, q8: 0.5, q9: 0.62, q10: 0.68 },
  'd-gaoxin': { q4: 0.72, q6: 0.6, q7: 0.66, q8: 0.7, q9: 0.72, q10: 0.62 },
}
const PARTICIPATION: Record<District, number> = { 'd-wenhua': 0.66, 'd-binhe': 0.6, 'd-gaoxin': 0.45 }

const SUGGESTIONS = [
  '老旧小区楼道杂物多，希望物业定期清理。',
  '农贸市场周边早高峰占道经营严重，建议加强管理。',
  '希望多建一些电动车充电桩，从根本上解决飞线充电问题。',
  '斑马线前礼让行人做得越来越好了，点赞！',
  '公园里遛狗不牵绳的现象还是比较多，希望加强劝导。',
  '背街小巷的卫生需要加强，垃圾桶经常满溢。',
  '建议社区多开展文明实践活动，让老年人也能参与进来。',
  '公交站台的小广告清理得很及时，环卫工人辛苦了。',
  '夜市结束后垃圾没有及时清运，影响第二天早上的环境。',
  '希望随手拍反映的问题能更快得到回复。',
  '共享单车乱停放问题比较突出，特别是地铁口和商场门口。',
  '创文成效明显，希望长期坚持，不要搞运动式整治。',
  '小区绿化带被占用种菜，希望社区管一管。',
  '建议增设公共厕所指引标识，外地游客不好找。',
  '城市越来越干净了，作为市民很自豪。',
  '学校门口接送孩子时段车辆乱停，交通拥堵。',
  '希望老旧小区改造时多听听居民意见。',
  '广场舞音响声音太大，影响周边居民休息。',
]

/** A scale level from a propensity to be satisfied (0–1) and noise. */
function level(p: number, r: () => number): string {
  const x = p + (r() - 0.5) * 0.5
  if (x > 0.85) return 's5'
  if (x > 0.6) return 's4'
  if (x > 0.4) return 's3'
  if (x > 0.2) return 's2'
  return 's1'
}

function pickSome(options: string[], r: () => number, p: number): string[] {
  return options.filter(() => r() < p)
}

interface Generated {
  answers: Answers
  elapsedMs: number
}

/** One plausible questionnaire for the template, from a district and a wave's general improvement. */
function answerTemplate(district: District, improvement: number, r: () => number, style: 'normal' | 'rushed' | 'straight'): Generated {
  const mood = (r() - 0.5) * 0.3
  const a: Answers = {}
  const aware = r() + improvement * 0.5
  a.q1 = aware > 0.45 ? 'a' : aware > 0.12 ? 'b' : 'c'
  a.q2 = r() < 0.62 + improvement ? 'yes' : 'no'
  const support = r()
  a.q3 = support < 0.58 ? 'a' : support < 0.92 ? 'b' : support < 0.97 ? 'c' : 'd'
  for (const q of ['q4', 'q6', 'q7', 'q8', 'q9', 'q10']) a[q] = level(AREA_BASE[district][q] + improvement + mood, r)
  if (style === 'straight') for (const q of ['q4', 'q6', 'q7', 'q8', 'q9', 'q10']) a[q] = r() < 0.5 ? 's5' : 's3'
  if (a.q4 === 's2' || a.q4 === 's1') {
    const issues = pickSome(['a', 'b', 'c', 'd', 'e'], r, 0.35).slice(0, 3)
    a.q5 = issues.length ? issues : [['a', 'b', 'c', 'd', 'e'][Math.floor(r() * 5)]]
  }
  const took = pickSome(['a', 'b', 'c', 'd', 'e'], r, PARTICIPATION[district] * 0.22 + improvement * 0.5)
  a.q11 = took.length ? took : ['f']
  a.q12 = r() < 0.78 + improvement ? 'yes' : 'no'
  if (r() < 0.9) a.q13 = ['a', 'b', 'b', 'c', 'c', 'c', 'd', 'd'][Math.floor(r() * 8)]
  if (r() < 0.35) a.q14 = SUGGESTIONS[Math.floor(r() * SUGGESTIONS.length)]
  const elapsedMs = style === 'rushed' ? 9_000 + Math.floor(r() * 8_000) : 75_000 + Math.floor(r() * 300_000)
  return { answers: a, elapsedMs }
}

interface WaveSpec {
  id: string
  wave: number
  status: SurveyDoc['status']
  opensDaysAgo: number
  closesInDays: number
  responses: number
  improvement: number
  seed: number
}

function buildWave(spec: WaveSpec, now: Date, questions: SurveyQuestion[], title: string, intro: string) {
  const r = rng(spec.seed)
  const opensAt = new Date(now.getTime() - spec.opensDaysAgo * DAY_MS)
  const closesAt = new Date(now.getTime() + spec.closesInDays * DAY_MS)
  const answeredUntil = Math.min(now.getTime(), closesAt.getTime()) - 3600_000
  const survey: SurveyDoc = {
    _id: spec.id,
    title,
    intro,
    opensAt,
    closesAt,
    audience: 'all',
    districtId: null,
    anonymous: true,
    showResults: true,
    allowAssisted: true,
    questions,
    status: spec.status,
    seriesId: DEMO_SURVEY_IDS.wave1,
    wave: spec.wave,
    revision: 3,
    districtName: null,
    createdBy: 'demo-staff',
    createdAt: new Date(opensAt.getTime() - 2 * DAY_MS),
    updatedAt: spec.status === 'closed' ? closesAt : opensAt,
    publishedAt: opensAt,
    closedAt: spec.status === 'closed' ? closesAt : null,
  }

  const responses: (ResponseDoc & { flagged: boolean })[] = []
  const claims: ClaimDoc[] = []
  const texts: TextDoc[] = []
  for (let i = 0; i < spec.responses; i++) {
    const no = i + 1
    const district = DISTRICTS[Math.floor(r() * 3)]
    const assisted = r() < 0.16
    const style = i % 23 === 7 ? 'rushed' : i % 31 === 12 ? 'straight' : 'normal'
    const g = answerTemplate(district, spec.improvement, r, style)
    const checked = validateAnswers(questions, g.answers)
    if (!checked.ok) throw new Error(`demo survey answer ${spec.id} #${no} is invalid: ${JSON.stringify(checked.issues)}`)
    const channel = assisted ? 'assisted' : 'online'
    const elapsedMs = assisted ? null : g.elapsedMs
    const flags = carelessFlags(questions, checked.answers, elapsedMs, channel)
    const at = new Date(opensAt.getTime() + ((answeredUntil - opensAt.getTime()) * (i + r() * 0.8)) / spec.responses)
    const id = `${spec.id}_${no}`
    responses.push({
      _id: id,
      surveyId: spec.id,
      no,
      channel,
      districtId: district,
      answers: checked.answers,
      visible: checked.visible,
      flags,
      flagged: flags.length > 0,
      bucket: flags.length ? 'f' : 'm',
      elapsedMs,
      submittedAt: at,
      openid: null,
      nickname: null,
      enteredBy: assisted ? 'demo-staff' : null,
      paperNo: assisted ? `RH-${spec.wave}-${String(no).padStart(3, '0')}` : null,
      review: null,
    })
    claims.push(
      assisted
        ? { _id: personClaimId(spec.id, personKeyOf(`1390000${String(spec.wave * 1000 + no).padStart(4, '0')}`)), surveyId: spec.id, responseId: id, kind: 'person', at }
        : { _id: userClaimId(spec.id, `seed-resident-${String(no).padStart(3, '0')}`), surveyId: spec.id, responseId: id, kind: 'user', at },
    )
    for (const q of questions) {
      const text = checked.answers[q.id]
      if ((q.kind === 'text' || q.kind === 'textarea') && typeof text === 'string') {
        texts.push({ _id: `${id}_${q.id}`, surveyId: spec.id, questionId: q.id, districtId: district, no, text, bucket: flags.length ? 'f' : 'm', submittedAt: at })
      }
    }
  }

  const lastAt = responses.length ? responses[responses.length - 1].submittedAt : opensAt
  const tally = (rs: typeof responses) => tallyResponses(questions, rs.map((x) => ({ answers: x.answers, visible: x.visible, channel: x.channel, flagged: x.bucket === 'f' })))
  const tallies: TallyDoc[] = [
    { _id: `${spec.id}__all`, surveyId: spec.id, districtId: null, seq: responses.length, rev: survey.revision, ...tally(responses), updatedAt: lastAt },
    ...DISTRICTS.map((d) => ({ _id: `${spec.id}__${d}`, surveyId: spec.id, districtId: d, ...tally(responses.filter((x) => x.districtId === d)), updatedAt: lastAt })),
  ]
  return { survey, responses, claims, texts, tallies }
}

const q = (p: Partial<SurveyQuestion> & Pick<SurveyQuestion, 'id' | 'kind' | 'title'>): SurveyQuestion =>
  normalizeQuestion({ description: '', required: true, options: [], minChoices: null, maxChoices: null, showIf: null, metric: null, positive: [], ...p })

function volunteerDraft(now: Date): SurveyDoc {
  const questions = [
    q({ id: 'q1', kind: 'scale', title: '您对最近一次参加的志愿服务活动组织情况是否满意？', metric: 'satisfaction' }),
    q({ id: 'q2', kind: 'single', title: '您通常通过什么渠道报名志愿活动？', options: [{ id: 'a', label: '“文明同行”小程序' }, { id: 'b', label: '社区通知' }, { id: 'c', label: '单位组织' }, { id: 'd', label: '朋友介绍' }] }),
    q({ id: 'q3', kind: 'yesno', title: '您的服务时长是否已及时记入“时间存折”？', metric: 'satisfaction' }),
    q({ id: 'q4', kind: 'text', title: '哪一次活动给您留下了最深的印象？', required: false }),
  ]
  return {
    _id: DEMO_SURVEY_IDS.volunteers,
    title: '志愿服务体验调查',
    intro: '感谢您参与“周五环境清洁日”等志愿服务！请花一分钟告诉我们您的体验，帮助我们把活动组织得更好。',
    opensAt: new Date(now.getTime() + 2 * DAY_MS),
    closesAt: new Date(now.getTime() + 16 * DAY_MS),
    audience: 'volunteers',
    districtId: null,
    anonymous: false,
    showResults: false,
    allowAssisted: false,
    questions,
    status: 'draft',
    seriesId: DEMO_SURVEY_IDS.volunteers,
    wave: 1,
    revision: 1,
    districtName: null,
    createdBy: 'demo-staff',
    createdAt: new Date(now.getTime() - DAY_MS),
    updatedAt: new Date(now.getTime() - DAY_MS),
    publishedAt: null,
    closedAt: null,
  }
}

/** All demo survey documents, deterministic for a given `now`. */
export function buildDemoSurveys(now: Date): DemoSurveys {
  const t = civilizedCityTemplate()
  const w1 = buildWave(
    { id: DEMO_SURVEY_IDS.wave1, wave: 1, status: 'closed', opensDaysAgo: 120, closesInDays: -100, responses: 84, improvement: 0, seed: 20240601 },
    now,
    t.questions,
    `${t.title}（第一轮）`,
    t.intro,
  )
  const w2 = buildWave(
    { id: DEMO_SURVEY_IDS.wave2, wave: 2, status: 'published', opensDaysAgo: 6, closesInDays: 24, responses: 57, improvement: 0.07, seed: 20240901 },
    now,
    t.questions,
    `${t.title}（第二轮）`,
    t.intro,
  )
  return {
    [COLLECTIONS.surveys]: [w1.survey, w2.survey, volunteerDraft(now)],
    [COLLECTIONS.surveyResponses]: [...w1.responses, ...w2.responses],
    [COLLECTIONS.surveyTallies]: [...w1.tallies, ...w2.tallies],
    [COLLECTIONS.surveyClaims]: [...w1.claims, ...w2.claims],
    [COLLECTIONS.surveyTexts]: [...w1.texts, ...w2.texts],
  } as DemoSurveys
}

/** Inserts the missing demo survey documents; returns per-collection counts like `seedDemoCity`. */
export async function seedDemoSurveys(db: Database, opts: { now: Date }): Promise<{ inserted: Partial<Record<CollectionName, number>>; total: Partial<Record<CollectionName, number>> }> {
  const docs = buildDemoSurveys(opts.now)
  const names = Object.keys(docs) as SurveyCollection[]
  const counts = await Promise.all(names.map((name) => insertMissing(db, name, docs[name], { concurrency: 10 })))
  const inserted: Partial<Record<CollectionName, number>> = {}
  const total: Partial<Record<CollectionName, number>> = {}
  names.forEach((name, i) => {
    inserted[name] = counts[i].length
    total[name] = docs[name].length
  })
  return { inserted, total }
}
