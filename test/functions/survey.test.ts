/**
 * The survey cloud function against devcloud's real store: lifecycle, roles, server-side answer validation,
 * edit rules, audiences, careless flags and review, free-text search, public results and the timer.
 */
import { COLLECTIONS } from '../../src/domain/collections'
import type { ResponseDoc, SurveyDoc } from '../../src/domain/survey/schema'
import { countDocs, type TestCloud } from '../support/runtime'
import { answersFor, publishedSurvey, smallDefinition, startSurveyCloud } from './survey-support'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startSurveyCloud()
})
afterAll(async () => {
  await cloud?.close()
})

const now = () => cloud.rt.clock.now()
let residentNo = 0
/** A fresh resident (own OPENID) who has not answered anything yet. */
const fresh = () => `o-survey-res-${++residentNo}`

describe('lifecycle: draft → published → closed, and waves', () => {
  it('creates a draft from the civilized-city template that staff adapt', async () => {
    const d = await cloud.as('demo-staff').ok('survey', 'create', { template: 'civilized-city' })
    expect(d).toMatchObject({ status: 'draft', phase: 'draft', wave: 1, revision: 1, responses: 0, locked: false, audience: 'all' })
    expect(d.seriesId).toBe(d.id)
    const kinds = new Set(d.definition.questions.map((q) => q.kind))
    expect([...kinds].sort()).toEqual(['multi', 'scale', 'single', 'textarea', 'yesno'])
    const metrics = new Set(d.definition.questions.map((q) => q.metric).filter(Boolean))
    expect([...metrics].sort()).toEqual(['awareness', 'participation', 'satisfaction', 'support'])
    expect(d.definition.questions.some((q) => q.showIf)).toBe(true)
    expect(Date.parse(d.closesAt) - Date.parse(d.opensAt)).toBe(14 * 24 * 3600_000)
    // Staff adapt it: a new title and one question fewer, on the revision they loaded.
    const def = { ...d.definition, title: '幸福里社区创文问卷', questions: d.definition.questions.filter((q) => q.id !== 'q13') }
    const edited = await cloud.as('demo-admin').ok('survey', 'update', { id: d.id, revision: d.revision, definition: def })
    expect(edited).toMatchObject({ title: '幸福里社区创文问卷', revision: 2, questionCount: d.questionCount - 1 })
    const stale = await cloud.as('demo-staff').fail('survey', 'update', { id: d.id, revision: d.revision, definition: def })
    expect(stale).toMatchObject({ code: 'CONFLICT', message: '问卷已被他人修改，请刷新后再操作' })
  })

  it('is for staff and admins only; residents, volunteers and units are refused', async () => {
    for (const who of ['demo-resident', 'demo-volunteer', 'demo-unit']) {
      expect((await cloud.as(who).fail('survey', 'create', { template: 'civilized-city' })).code).toBe('FORBIDDEN')
      expect((await cloud.as(who).fail('survey', 'list', {})).code).toBe('FORBIDDEN')
      expect((await cloud.as(who).fail('survey', 'results', { id: 'sv-x' })).code).toBe('FORBIDDEN')
      expect((await cloud.as(who).fail('survey', 'assist', { surveyId: 'sv-x', answers: {}, districtId: 'd-wenhua', personKey: '13800000000' })).code).toBe('FORBIDDEN')
      expect((await cloud.as(who).fail('survey', 'export', { id: 'sv-x', format: 'csv' })).code).toBe('FORBIDDEN')
    }
    expect((await cloud.anonymous.fail('survey', 'listOpen', {})).code).toBe('UNAUTHENTICATED')
  })

  it('keeps drafts away from residents, publishes, closes early and refuses answers after', async () => {
    const created = await cloud.as('demo-staff').ok('survey', 'create', { definition: smallDefinition(now()) })
    expect((await cloud.as('demo-resident').fail('survey', 'getForAnswer', { id: created.id })).code).toBe('NOT_FOUND')
    expect((await cloud.as('demo-resident').ok('survey', 'listOpen', {})).items.map((s) => s.id)).not.toContain(created.id)
    const early = await cloud.as(fresh()).fail('survey', 'submit', { surveyId: created.id, answers: answersFor('s5'), elapsedMs: 60_000, districtId: 'd-wenhua' })
    expect(early.code).toBe('NOT_FOUND')

    const published = await cloud.as('demo-staff').ok('survey', 'publish', { id: created.id, revision: created.revision })
    expect(published).toMatchObject({ status: 'published', phase: 'open', revision: created.revision + 1 })
    expect((await cloud.as('demo-staff').fail('survey', 'publish', { id: created.id, revision: published.revision })).code).toBe('CONFLICT')
    expect((await cloud.as('demo-staff').fail('survey', 'discard', { id: created.id })).code).toBe('CONFLICT')
    const open = await cloud.as('demo-resident').ok('survey', 'listOpen', {})
    expect(open.items.find((s) => s.id === created.id)).toMatchObject({ answered: false, phase: 'open' })

    const closed = await cloud.as('demo-staff').ok('survey', 'close', { id: created.id })
    expect(closed).toMatchObject({ status: 'closed', phase: 'closed' })
    expect(closed.closedAt).not.toBeNull()
    const late = await cloud.as(fresh()).fail('survey', 'submit', { surveyId: created.id, answers: answersFor('s5'), elapsedMs: 60_000, districtId: 'd-wenhua' })
    expect(late).toMatchObject({ code: 'CONFLICT', message: '问卷已结束，感谢您的关注' })
    expect((await cloud.as('demo-staff').fail('survey', 'update', { id: created.id, revision: closed.revision, definition: closed.definition })).code).toBe('CONFLICT')
    expect((await cloud.as('demo-resident').ok('survey', 'listOpen', {})).items.map((s) => s.id)).not.toContain(created.id)
  })

  it('will not publish a survey without questions or whose closing time has passed', async () => {
    const empty = await cloud.as('demo-staff').ok('survey', 'create', {})
    expect(empty.definition.questions).toEqual([])
    const res = await cloud.as('demo-staff').fail('survey', 'publish', { id: empty.id, revision: empty.revision })
    expect(res).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('请至少添加一道题') })
    const past = await cloud.as('demo-staff').ok('survey', 'create', {
      definition: smallDefinition(now(), { opensAt: new Date(now() - 3 * 86400_000).toISOString(), closesAt: new Date(now() - 86400_000).toISOString() }),
    })
    expect((await cloud.as('demo-staff').fail('survey', 'publish', { id: past.id, revision: past.revision })).message).toContain('截止时间已过')
    expect(await cloud.as('demo-staff').ok('survey', 'discard', { id: empty.id })).toEqual({ id: empty.id })
    expect((await cloud.as('demo-staff').fail('survey', 'get', { id: empty.id })).code).toBe('NOT_FOUND')
  })

  it('duplicates a survey as the next wave of the same series, as a draft', async () => {
    const s = await publishedSurvey(cloud)
    const w2 = await cloud.as('demo-staff').ok('survey', 'duplicate', { id: s.id })
    expect(w2).toMatchObject({ status: 'draft', wave: 2, seriesId: s.seriesId, responses: 0, title: s.title })
    expect(w2.id).not.toBe(s.id)
    expect(w2.definition.questions).toEqual(s.definition.questions)
    const w3 = await cloud.as('demo-staff').ok('survey', 'duplicate', { id: s.id })
    expect(w3.wave).toBe(3)
  })

  it('lists surveys for staff by status with their response counts', async () => {
    const s = await publishedSurvey(cloud, { title: '列表计数测试' })
    await cloud.as(fresh()).ok('survey', 'submit', { surveyId: s.id, answers: answersFor('s4'), elapsedMs: 60_000, districtId: 'd-binhe' })
    const page = await cloud.as('demo-staff').ok('survey', 'list', { status: 'published', limit: 50 })
    expect(page.items.find((x) => x.id === s.id)).toMatchObject({ responses: 1, flagged: 0, phase: 'open' })
    expect(page.items.every((x) => x.status === 'published')).toBe(true)
    const drafts = await cloud.as('demo-staff').ok('survey', 'list', { status: 'draft', limit: 50 })
    expect(drafts.items.every((x) => x.status === 'draft')).toBe(true)
  })
})

describe('answers are validated against the survey’s own definition', () => {
  let id: string
  beforeAll(async () => {
    id = (await publishedSurvey(cloud)).id
  })
  const submit = (answers: unknown, who = fresh()) => cloud.as(who).call('survey', 'submit', { surveyId: id, answers, elapsedMs: 60_000, districtId: 'd-wenhua' })

  it.each([
    ['an option that does not exist', answersFor('s5', { q1: 'z' }), 'answers.q1', '第1题的选项不存在'],
    ['a scale level that does not exist', answersFor('s5', { q2: 's9' }), 'answers.q2', '第2题的选项不存在'],
    ['a missing required answer', (({ q4: _q4, ...rest }) => rest)(answersFor('s5') as Record<string, unknown>), 'answers.q4', '第4题为必答题'],
    ['a hidden question answered (q3 shows only when dissatisfied)', answersFor('s5', { q3: ['a'] }), 'answers.q3', '第3题在当前作答情况下不显示，不能作答'],
    ['a shown question left out (q3 is shown when dissatisfied)', { q1: 'a', q2: 's1', q4: 'yes', q5: ['a'] }, 'answers.q3', '第3题为必答题'],
    ['too many choices', answersFor('s1', { q3: ['a', 'b', 'c'] }), 'answers.q3', '第3题最多选择 2 项'],
    ['a repeated choice', answersFor('s5', { q5: ['a', 'a'] }), 'answers.q5', '第5题有重复的选项'],
    ['a question that is not in the survey', answersFor('s5', { q99: 'a' }), 'answers.q99', '问卷中没有这道题'],
    ['a single choice given as a list', answersFor('s5', { q1: ['a'] }), 'answers.q1', '第1题的答案格式不正确'],
    ['a multiple choice given as a string', answersFor('s5', { q5: 'a' }), 'answers.q5', '第5题的答案应为选项列表'],
    ['a key named like an Object method', answersFor('s5', { hasOwnProperty: 'a' }), 'answers.hasOwnProperty', '问卷中没有这道题'],
    ['a prototype key (refused by the kernel first)', answersFor('s5', { constructor: 'a' }), 'answers.constructor', '不允许的字段名'],
    ['text over the limit', answersFor('s5', { q6: '长'.repeat(1001) }), 'answers.q6', '第6题最多 1000 个字'],
  ])('refuses %s with INVALID_INPUT', async (_what, answers, path, message) => {
    const res = await submit(answers)
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    if (!res.ok) {
      expect(res.issues).toContainEqual({ path, message })
      expect(res.message).toContain(path === 'answers.constructor' ? '提交的内容包含不允许的字段' : message)
    }
  })

  it('refuses payload tricks before they reach the rules', async () => {
    const proto = JSON.parse('{"__proto__": {"q1": "a"}}')
    expect((await submit(proto)).ok).toBe(false)
    expect((await submit('q1=a')).ok).toBe(false)
    expect((await submit({ q1: { $ne: null } })).ok).toBe(false)
    const bad = await cloud.as(fresh()).fail('survey', 'submit', { surveyId: id, answers: answersFor('s5'), elapsedMs: -5, districtId: 'd-wenhua' })
    expect(bad.code).toBe('INVALID_INPUT')
    expect(await countDocs(cloud.db, COLLECTIONS.surveyResponses, { surveyId: id })).toBe(0)
  })

  it('accepts a valid answer and a valid show-if branch, storing normalised answers', async () => {
    expect((await submit(answersFor('s5', { q6: '  多设置垃圾桶  ' }))).ok).toBe(true)
    expect((await submit({ q1: 'c', q2: 's1', q3: ['c', 'a'], q4: 'no', q5: ['c'], q6: '' })).ok).toBe(true)
    const docs = (await cloud.db.collection(COLLECTIONS.surveyResponses).where({ surveyId: id }).orderBy('no', 'asc').get()).data as ResponseDoc[]
    expect(docs.map((d) => d.no)).toEqual([1, 2])
    expect(docs[0].answers).toEqual({ q1: 'a', q2: 's5', q4: 'yes', q5: ['a'], q6: '多设置垃圾桶' })
    expect(docs[0].visible).toEqual(['q1', 'q2', 'q4', 'q5', 'q6'])
    expect(docs[1].answers).toEqual({ q1: 'c', q2: 's1', q3: ['a', 'c'], q4: 'no', q5: ['c'] })
    expect(docs[1].visible).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6'])
    // Anonymous survey: no OPENID or nickname on the response.
    expect(docs.every((d) => d.openid === null && d.nickname === null)).toBe(true)
  })

  it('asks for the district at the first answer and remembers it', async () => {
    const who = fresh()
    const res = await cloud.as(who).fail('survey', 'submit', { surveyId: id, answers: answersFor('s4'), elapsedMs: 60_000 })
    expect(res).toMatchObject({ code: 'INVALID_INPUT', message: '请选择您所在的辖区' })
    expect((await cloud.as(who).fail('survey', 'submit', { surveyId: id, answers: answersFor('s4'), elapsedMs: 60_000, districtId: 'd-nowhere' })).message).toBe('所选辖区不存在')
    await cloud.as(who).ok('survey', 'submit', { surveyId: id, answers: answersFor('s4'), elapsedMs: 60_000, districtId: 'd-gaoxin' })
    const open = await cloud.as(who).ok('survey', 'listOpen', {})
    expect(open.profile).toEqual({ districtId: 'd-gaoxin', districtName: '高新区', hasMobile: false })
    expect(open.items.find((s) => s.id === id)?.answered).toBe(true)
  })
})

describe('editing a survey that has answers', () => {
  it('allows wording fixes and re-tagging single-answer questions, refuses structural changes', async () => {
    const s = await publishedSurvey(cloud)
    // Before any answer, a published survey can still change structure.
    const early = { ...s.definition, questions: s.definition.questions.filter((q) => q.id !== 'q6') }
    const restructured = await cloud.as('demo-staff').ok('survey', 'update', { id: s.id, revision: s.revision, definition: early })
    expect(restructured.questionCount).toBe(5)
    await cloud.as(fresh()).ok('survey', 'submit', { surveyId: s.id, answers: answersFor('s3'), elapsedMs: 60_000, districtId: 'd-wenhua' })
    const d = await cloud.as('demo-staff').ok('survey', 'get', { id: s.id })
    expect(d).toMatchObject({ responses: 1, locked: true })

    const wording = structuredClone(d.definition)
    wording.title = '社区环境满意度小调查（更正）'
    wording.questions[0].title = '您知道我市正在创建全国文明城市吗？'
    wording.questions[0].options[1].label = '听说过，不太了解'
    wording.questions[1].positive = ['s5', 's4'] // 满意度 narrowed to the top two: re-read from option counts
    const saved = await cloud.as('demo-staff').ok('survey', 'update', { id: s.id, revision: d.revision, definition: wording })
    expect(saved.title).toBe('社区环境满意度小调查（更正）')
    const results = await cloud.as('demo-staff').ok('survey', 'results', { id: s.id })
    expect(results.metrics.find((m) => m.metric === 'satisfaction')).toMatchObject({ positive: 0, answers: 1 }) // answered 基本满意

    const attempts: [string, (def: typeof wording) => void, string][] = [
      ['remove a question', (def) => def.questions.pop(), '不能删除题目'],
      ['add a question', (def) => def.questions.push({ ...def.questions[0], id: 'q9' }), '不能新增题目'],
      ['reorder', (def) => def.questions.splice(3, 2, def.questions[4], def.questions[3]), '不能调整题目顺序'],
      ['remove an option', (def) => def.questions[0].options.pop(), '第1题不能增删或调整选项'],
      ['change a kind', (def) => Object.assign(def.questions[0], { kind: 'multi' }), '第1题不能修改题型'],
      ['change a show-if rule', (def) => (def.questions[2].showIf = { questionId: 'q2', anyOf: ['s1'] }), '第3题不能修改显示条件'],
      ['change required', (def) => (def.questions[3].required = false), '第4题不能修改是否必答'],
      ['re-tag a multiple choice', (def) => (def.questions[4].positive = ['a']), '第5题（多选题）不能修改指标和正向答案'],
      ['change the audience', (def) => Object.assign(def, { audience: 'volunteers' }), '不能修改调查对象'],
      ['change anonymity', (def) => (def.anonymous = false), '不能修改是否匿名'],
    ]
    for (const [what, change, message] of attempts) {
      const def = structuredClone(saved.definition)
      change(def)
      const res = await cloud.as('demo-staff').fail('survey', 'update', { id: s.id, revision: saved.revision, definition: def })
      expect([what, res.code]).toEqual([what, 'INVALID_INPUT'])
      expect(res.message).toContain('复制为下一轮')
      expect(res.issues?.map((i) => i.message).join('|')).toContain(message)
    }
  })

  it('rejects definitions that break their own rules (show-if forward, bad bounds, text metrics)', async () => {
    const base = smallDefinition(now())
    const forward = structuredClone(base)
    forward.questions[0].showIf = { questionId: 'q2', anyOf: ['s5'] }
    const r1 = await cloud.as('demo-staff').fail('survey', 'create', { definition: forward })
    expect(r1.message).toContain('第1题的显示条件只能依据它前面的题目')
    const bounds = structuredClone(base)
    bounds.questions[2].maxChoices = 5
    expect((await cloud.as('demo-staff').fail('survey', 'create', { definition: bounds })).message).toContain('第3题最多可选项数超过了选项数')
    const text = structuredClone(base)
    text.questions[5].metric = 'satisfaction'
    text.questions[5].positive = []
    // A text question's metric is dropped by normalisation rather than stored.
    const created = await cloud.as('demo-staff').ok('survey', 'create', { definition: text })
    expect(created.definition.questions[5].metric).toBeNull()
    const dup = structuredClone(base)
    dup.questions[1].id = 'q1'
    expect((await cloud.as('demo-staff').fail('survey', 'create', { definition: dup })).message).toContain('第2题的编号与第1题重复')
    const district = structuredClone(base)
    district.audience = 'district'
    expect((await cloud.as('demo-staff').fail('survey', 'create', { definition: district })).message).toContain('请选择辖区')
  })
})

describe('audiences', () => {
  it('a district survey is for that district’s residents only', async () => {
    const s = await publishedSurvey(cloud, { audience: 'district', districtId: 'd-binhe', title: '滨河区问卷' })
    expect(s.districtName).toBe('滨河区')
    const outsider = fresh()
    await cloud.as(outsider).ok('survey', 'submit', { surveyId: (await publishedSurvey(cloud)).id, answers: answersFor('s5'), elapsedMs: 60_000, districtId: 'd-wenhua' })
    expect((await cloud.as(outsider).ok('survey', 'listOpen', {})).items.map((x) => x.id)).not.toContain(s.id)
    const view = await cloud.as(outsider).ok('survey', 'getForAnswer', { id: s.id })
    expect(view.blockedReason).toBe('本问卷仅面向滨河区居民')
    const res = await cloud.as(outsider).fail('survey', 'submit', { surveyId: s.id, answers: answersFor('s5'), elapsedMs: 60_000 })
    expect(res).toMatchObject({ code: 'FORBIDDEN', message: '本问卷仅面向滨河区居民' })
    // A newcomer sees it and is counted once they say they live there.
    const newcomer = fresh()
    expect((await cloud.as(newcomer).ok('survey', 'listOpen', {})).items.map((x) => x.id)).toContain(s.id)
    await cloud.as(newcomer).ok('survey', 'submit', { surveyId: s.id, answers: answersFor('s5'), elapsedMs: 60_000, districtId: 'd-binhe' })
    const other = fresh()
    expect((await cloud.as(other).fail('survey', 'submit', { surveyId: s.id, answers: answersFor('s5'), elapsedMs: 60_000, districtId: 'd-gaoxin' })).code).toBe('FORBIDDEN')
  })

  it('a volunteers survey is for the volunteer role', async () => {
    const s = await publishedSurvey(cloud, { audience: 'volunteers', title: '志愿者问卷' })
    expect((await cloud.as('demo-resident').ok('survey', 'listOpen', {})).items.map((x) => x.id)).not.toContain(s.id)
    expect((await cloud.as('demo-volunteer').ok('survey', 'listOpen', {})).items.map((x) => x.id)).toContain(s.id)
    expect((await cloud.as('demo-resident').fail('survey', 'submit', { surveyId: s.id, answers: answersFor('s5'), elapsedMs: 60_000, districtId: 'd-wenhua' })).code).toBe('FORBIDDEN')
    await cloud.as('demo-volunteer').ok('survey', 'submit', { surveyId: s.id, answers: answersFor('s5'), elapsedMs: 60_000, districtId: 'd-wenhua' })
  })
})

describe('careless answers are flagged, shown apart, and can be reviewed', () => {
  it('flags an implausibly fast answer and a straight-lined long scale; staff count one after review', async () => {
    const five = Array.from({ length: 5 }, (_, i) => ({
      id: `s${i + 1}`,
      kind: 'scale' as const,
      title: `第${i + 1}方面满意吗？`,
      description: '',
      required: true,
      options: [],
      minChoices: null,
      maxChoices: null,
      showIf: null,
      metric: 'satisfaction' as const,
      positive: ['s5', 's4'],
    }))
    const s = await publishedSurvey(cloud, { questions: five })
    const all = (level: string) => Object.fromEntries(five.map((q) => [q.id, level]))
    await cloud.as(fresh()).ok('survey', 'submit', { surveyId: s.id, answers: { s1: 's5', s2: 's4', s3: 's4', s4: 's2', s5: 's5' }, elapsedMs: 90_000, districtId: 'd-wenhua' })
    await cloud.as(fresh()).ok('survey', 'submit', { surveyId: s.id, answers: { s1: 's5', s2: 's4', s3: 's4', s4: 's2', s5: 's5' }, elapsedMs: 4_000, districtId: 'd-wenhua' })
    await cloud.as(fresh()).ok('survey', 'submit', { surveyId: s.id, answers: all('s1'), elapsedMs: 90_000, districtId: 'd-binhe' })

    const results = await cloud.as('demo-staff').ok('survey', 'results', { id: s.id })
    expect(results.totals).toEqual({ responses: 1, online: 1, assisted: 0, flagged: 2 })
    expect(results.metrics[0]).toMatchObject({ metric: 'satisfaction', positive: 4, answers: 5, n: 1 })
    expect(results.flagged.responses).toBe(2)
    expect(results.flagged.metrics[0]).toMatchObject({ positive: 4, answers: 10, n: 2 })

    const flagged = await cloud.as('demo-staff').ok('survey', 'listResponses', { id: s.id, flagged: true })
    expect(flagged.items.map((r) => [r.no, r.flags, r.counted])).toEqual([
      [3, ['straightline'], false],
      [2, ['too_fast'], false],
    ])
    const accepted = await cloud.as('demo-staff').ok('survey', 'acceptResponse', { responseId: flagged.items[1].id })
    expect(accepted).toMatchObject({ counted: true, reviewed: true, flags: ['too_fast'] })
    const after = await cloud.as('demo-staff').ok('survey', 'results', { id: s.id })
    expect(after.totals).toMatchObject({ responses: 2, flagged: 1 })
    expect(after.metrics[0]).toMatchObject({ positive: 8, answers: 10, n: 2 })
    expect(after.districts.find((d) => d.districtId === 'd-wenhua')).toMatchObject({ responses: 2, flagged: 0 })
    // Accepting twice changes nothing.
    await cloud.as('demo-staff').ok('survey', 'acceptResponse', { responseId: flagged.items[1].id })
    expect((await cloud.as('demo-staff').ok('survey', 'results', { id: s.id })).totals.responses).toBe(2)
  })
})

describe('free-text answers', () => {
  it('are listed newest first, searchable in bounded windows, flagged ones marked', async () => {
    const s = await publishedSurvey(cloud)
    const texts = ['希望增加垃圾分类投放点', '停车位太少', '路灯经常不亮', '垃圾清运要及时', '整体很好，继续保持']
    for (const t of texts) await cloud.as(fresh()).ok('survey', 'submit', { surveyId: s.id, answers: answersFor('s4', { q6: t }), elapsedMs: 60_000, districtId: 'd-wenhua' })
    const page = await cloud.as('demo-staff').ok('survey', 'listTexts', { id: s.id, questionId: 'q6', limit: 2 })
    expect(page.items.map((i) => i.text)).toEqual(['整体很好，继续保持', '垃圾清运要及时'])
    expect(page.nextOffset).toBe(2)
    const rest = await cloud.as('demo-staff').ok('survey', 'listTexts', { id: s.id, questionId: 'q6', offset: 2, limit: 10 })
    expect(rest.items).toHaveLength(3)
    expect(rest.nextOffset).toBeNull()
    const found = await cloud.as('demo-staff').ok('survey', 'listTexts', { id: s.id, questionId: 'q6', search: '垃圾', limit: 10 })
    expect(found.items.map((i) => [i.no, i.text, i.districtName])).toEqual([
      [4, '垃圾清运要及时', '文华区'],
      [1, '希望增加垃圾分类投放点', '文华区'],
    ])
    expect(found).toMatchObject({ nextOffset: null, scanned: 5 })
    const one = await cloud.as('demo-staff').ok('survey', 'listTexts', { id: s.id, questionId: 'q6', search: '垃圾', limit: 1 })
    expect(one).toMatchObject({ items: [{ no: 4 }], nextOffset: 2, scanned: 2 })
    expect((await cloud.as('demo-staff').fail('survey', 'listTexts', { id: s.id, questionId: 'q1' })).code).toBe('NOT_FOUND')
  })
})

describe('public results', () => {
  it('are shown after answering when staff allow it, without free text', async () => {
    const s = await publishedSurvey(cloud)
    const who = fresh()
    expect((await cloud.as(who).fail('survey', 'publicResults', { id: s.id })).message).toBe('提交问卷后即可查看当前结果')
    await cloud.as(who).ok('survey', 'submit', { surveyId: s.id, answers: answersFor('s5', { q6: '私人意见' }), elapsedMs: 60_000, districtId: 'd-wenhua' })
    const pub = await cloud.as(who).ok('survey', 'publicResults', { id: s.id })
    expect(pub.responses).toBe(1)
    expect(pub.questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5'])
    expect(JSON.stringify(pub)).not.toContain('私人意见')
    const hidden = await publishedSurvey(cloud, { showResults: false })
    const who2 = fresh()
    await cloud.as(who2).ok('survey', 'submit', { surveyId: hidden.id, answers: answersFor('s5'), elapsedMs: 60_000, districtId: 'd-wenhua' })
    expect((await cloud.as(who2).fail('survey', 'publicResults', { id: hidden.id })).message).toBe('本问卷的结果暂不公开')
  })
})

describe('timer', () => {
  it('closes surveys whose closing time has passed', async () => {
    const s = await publishedSurvey(cloud, { closesAt: new Date(now() + 3600_000).toISOString() })
    cloud.rt.clock.advance(2 * 3600_000)
    try {
      expect((await cloud.as('demo-staff').ok('survey', 'get', { id: s.id })).phase).toBe('closed')
      const res = await cloud.rt.invoke('survey', { Type: 'Timer', TriggerName: 'closeExpired', Time: new Date(now()).toISOString() }, { source: 'wx_trigger' })
      expect(res).toEqual({ ok: true, data: { closed: expect.any(Number) } })
      const doc = (await cloud.db.collection(COLLECTIONS.surveys).doc(s.id).get()).data as SurveyDoc
      expect(doc.status).toBe('closed')
      expect(new Date(doc.closedAt as Date).toISOString()).toBe(s.closesAt)
    } finally {
      cloud.rt.clock.reset()
    }
  })
})

describe('demo seed', () => {
  it('has an open second wave with answers from every district, a closed first wave, and a draft', async () => {
    const { DEMO_SURVEY_IDS } = await import('../../scripts/seed')
    const r = await cloud.as('demo-staff').ok('survey', 'results', { id: DEMO_SURVEY_IDS.wave2 })
    expect(r.survey).toMatchObject({ phase: 'open', wave: 2 })
    expect(r.totals.responses).toBeGreaterThan(40)
    expect(r.totals.assisted).toBeGreaterThan(0)
    expect(r.totals.flagged).toBeGreaterThan(0)
    expect(r.districts.map((d) => d.name)).toEqual(['文华区', '滨河区', '高新区'])
    expect(r.metrics.map((m) => m.label)).toEqual(['知晓率', '支持率', '满意度', '参与率'])
    expect(r.waves.map((w) => [w.wave, w.phase])).toEqual([
      [1, 'closed'],
      [2, 'open'],
    ])
    expect(r.waves[0].responses).toBeGreaterThan(60)
    // The demo residents have not answered it yet: they can try it in the app.
    const open = await cloud.as('demo-resident').ok('survey', 'listOpen', {})
    expect(open.items.find((s) => s.id === DEMO_SURVEY_IDS.wave2)).toMatchObject({ answered: false })
    expect((await cloud.as('demo-staff').ok('survey', 'get', { id: DEMO_SURVEY_IDS.volunteers })).status).toBe('draft')
    const texts = await cloud.as('demo-staff').ok('survey', 'listTexts', { id: DEMO_SURVEY_IDS.wave2, questionId: 'q14', limit: 5 })
    expect(texts.items.length).toBeGreaterThan(0)
  })
})
