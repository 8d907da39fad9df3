/**
 * Definitions, edit compatibility, careless detection, person keys, tallies and the template.
 */
import { carelessFlags } from '@/domain/survey/careless'
import { incompatibleChanges } from '@/domain/survey/compat'
import type { SurveyDefinition } from '@/domain/survey/constants'
import { blankQuestion, checkDefinition, nextOptionId, nextQuestionId, normalizeDefinition, normalizeQuestion } from '@/domain/survey/definition'
import { idCardCheckDigit, maskPersonKey, normalizeMobile, normalizePersonKey } from '@/domain/survey/person'
import { applyIncrements, emptyCounts, responseIncrements, sumCounts, tallyResponses } from '@/domain/survey/tally'
import { civilizedCityTemplate } from '@/domain/survey/template'
import { BRANCHY, question } from './fixtures'

const def = (over: Partial<SurveyDefinition> = {}): SurveyDefinition => ({
  title: '测试问卷',
  intro: '',
  opensAt: '2025-06-01T00:00:00.000Z',
  closesAt: '2025-06-15T00:00:00.000Z',
  audience: 'all',
  districtId: null,
  anonymous: true,
  showResults: true,
  allowAssisted: true,
  questions: BRANCHY,
  ...over,
})

describe('definitions', () => {
  it('normalises: fixed scale and yes/no options, no options for text, defaults for positive answers', () => {
    const scale = normalizeQuestion({ ...question({ id: 'q1', kind: 'scale' }), options: [{ id: 'zz', label: '乱写' }], metric: 'satisfaction', positive: [] })
    expect(scale.options.map((o) => o.label)).toEqual(['很满意', '满意', '基本满意', '不满意', '很不满意'])
    expect(scale.positive).toEqual(['s5', 's4', 's3'])
    const text = normalizeQuestion({ ...question({ id: 'q2', kind: 'text' }), options: [{ id: 'a', label: 'x' }], metric: 'support', positive: ['a'], minChoices: 2 })
    expect(text).toMatchObject({ options: [], metric: null, positive: [], minChoices: null })
    const yn = normalizeQuestion({ ...question({ id: 'q3', kind: 'yesno' }), metric: 'awareness', positive: ['no', 'bogus'] })
    expect(yn.positive).toEqual(['no'])
  })

  it('accepts a sound definition and the template', () => {
    expect(checkDefinition(def())).toEqual([])
    const t = civilizedCityTemplate()
    expect(checkDefinition(normalizeDefinition(def({ questions: t.questions })), { publishing: true, now: new Date('2025-06-02T00:00:00Z') })).toEqual([])
    expect(t.questions.filter((q) => q.metric).map((q) => q.metric)).toEqual([
      'awareness', 'awareness', 'support', 'satisfaction', 'satisfaction', 'satisfaction', 'satisfaction', 'satisfaction', 'satisfaction', 'participation', 'support',
    ])
  })

  it('names every problem a builder can make', () => {
    const bad = def({
      title: ' ',
      closesAt: '2025-05-01T00:00:00.000Z',
      audience: 'district',
      questions: [
        question({ id: 'q1', kind: 'single', options: [{ id: 'a', label: '甲' }] }),
        question({ id: 'q1', kind: 'multi', options: [{ id: 'a', label: '甲' }, { id: 'a', label: '甲' }], minChoices: 3, maxChoices: 1 }),
        question({ id: 'q3', kind: 'yesno', showIf: { questionId: 'q4', anyOf: ['yes'] } }),
        question({ id: 'q4', kind: 'text', title: '' }),
        question({ id: 'q5', kind: 'yesno', showIf: { questionId: 'q4', anyOf: ['x'] } }),
        question({ id: 'Q6', kind: 'single', options: [{ id: 'a', label: '甲' }, { id: 'b', label: '乙' }], showIf: { questionId: 'q3', anyOf: ['maybe'] } }),
      ],
    })
    const messages = checkDefinition(bad).map((i) => i.message)
    expect(messages).toEqual([
      '请填写问卷标题',
      '截止时间应晚于开始时间',
      '面向指定辖区时请选择辖区',
      '第1题至少需要 2 个选项',
      '第2题的编号与第1题重复',
      '第2题的选项编号重复',
      '第2题有重复的选项“甲”',
      '第2题的最少/最多选择项数不合理',
      '第3题的显示条件只能依据它前面的题目',
      '第4题未填写题目',
      '第5题的显示条件只能依据选择类题目',
      '第6题的编号格式不正确',
      '第6题的显示条件引用了不存在的选项',
    ])
    expect(checkDefinition(def({ questions: [] }), { publishing: true, now: new Date('2025-06-20T00:00:00Z') }).map((i) => i.message)).toEqual([
      '请至少添加一道题',
      '截止时间已过，请重新设置',
    ])
  })

  it('hands out fresh ids and blank questions for the builder', () => {
    expect(nextQuestionId(BRANCHY)).toBe('q7')
    expect(nextQuestionId([{ id: 'q2' }])).toBe('q3')
    expect(nextQuestionId([{ id: 'q2' }, { id: 'q3' }])).toBe('q4')
    expect(nextOptionId([{ id: 'a', label: '' }, { id: 'c', label: '' }])).toBe('b')
    expect(blankQuestion('multi', 'q9')).toMatchObject({ id: 'q9', kind: 'multi', options: [{ id: 'a' }, { id: 'b' }], required: true })
    expect(blankQuestion('scale', 'q9').options).toHaveLength(5)
  })
})

describe('edit compatibility once there are answers', () => {
  const base = normalizeDefinition(def())
  const edited = (change: (d: SurveyDefinition) => void) => {
    const d = structuredClone(base)
    change(d)
    return incompatibleChanges(base, normalizeDefinition(d)).map((i) => i.message)
  }

  it('allows wording, closing time, results visibility and re-tagging single-answer questions', () => {
    expect(
      edited((d) => {
        d.title = '新标题'
        d.intro = '新说明'
        d.closesAt = '2025-07-01T00:00:00.000Z'
        d.showResults = false
        d.questions[0].title = '改过的题目'
        d.questions[0].options[1].label = '改过的选项'
        d.questions[1].metric = 'satisfaction'
        d.questions[1].positive = ['s5']
      }),
    ).toEqual([])
  })

  it('refuses every structural change', () => {
    expect(edited((d) => d.questions.pop())).toEqual(['不能删除题目（“题目q6”）'])
    expect(edited((d) => d.questions.push(question({ id: 'q7', kind: 'yesno' })))).toEqual(['不能新增题目'])
    expect(edited((d) => d.questions.splice(3, 3, d.questions[5], d.questions[3], d.questions[4]))).toEqual(['不能调整题目顺序'])
    expect(edited((d) => (d.questions[0].options = d.questions[0].options.slice(0, 2)))).toEqual(['第1题不能增删或调整选项，只能修改选项文字'])
    expect(edited((d) => d.questions[0].options.reverse())).toEqual(['第1题不能增删或调整选项，只能修改选项文字'])
    expect(edited((d) => (d.questions[3].required = false))).toEqual(['第4题不能修改是否必答'])
    expect(edited((d) => (d.questions[2].maxChoices = 3))).toEqual(['第3题不能修改可选项数'])
    expect(edited((d) => (d.questions[1].showIf = null))).toEqual(['第2题不能修改显示条件'])
    expect(edited((d) => Object.assign(d.questions[0], { kind: 'multi' }))).toContain('第1题不能修改题型')
    expect(edited((d) => Object.assign(d, { audience: 'volunteers' }))).toEqual(['不能修改调查对象'])
    expect(edited((d) => (d.anonymous = false))).toEqual(['不能修改是否匿名（已作答的市民是按原设置作答的）'])
    expect(edited((d) => (d.opensAt = '2025-06-02T00:00:00.000Z'))).toEqual(['不能修改开始时间'])
    expect(edited((d) => Object.assign(d.questions[2], { metric: 'participation', positive: ['a'] }))).toEqual(['第3题（多选题）不能修改指标和正向答案'])
  })
})

describe('careless answers', () => {
  const scales = Array.from({ length: 6 }, (_, i) => question({ id: `s${i + 1}`, kind: 'scale' }))
  const same = (level: string, n = 6) => Object.fromEntries(scales.slice(0, n).map((q) => [q.id, level]))

  it('flags too fast: under 2 s per answered question, online only, from 3 answers', () => {
    expect(carelessFlags(scales, { ...same('s4', 3), s4: 's5' }, 7_999, 'online')).toEqual(['too_fast'])
    expect(carelessFlags(scales, { ...same('s4', 3), s4: 's5' }, 8_000, 'online')).toEqual([])
    expect(carelessFlags(scales, { ...same('s4', 3), s4: 's5' }, 1_000, 'assisted')).toEqual([])
    expect(carelessFlags(scales, same('s4', 2), 100, 'online')).toEqual([])
    expect(carelessFlags(scales, same('s4', 3), null, 'online')).toEqual([])
  })

  it('flags straight-lining: 5+ scale answers all the same, for paper forms too', () => {
    expect(carelessFlags(scales, same('s5', 5), 60_000, 'online')).toEqual(['straightline'])
    expect(carelessFlags(scales, same('s1'), 60_000, 'assisted')).toEqual(['straightline'])
    expect(carelessFlags(scales, same('s3', 4), 60_000, 'online')).toEqual([])
    expect(carelessFlags(scales, { ...same('s5'), s6: 's4' }, 60_000, 'online')).toEqual([])
    expect(carelessFlags(scales, same('s5'), 1_000, 'online')).toEqual(['too_fast', 'straightline'])
  })
})

describe('person keys for 代录', () => {
  it('normalises mobile numbers and ID numbers, checking the ID check digit', () => {
    expect(normalizePersonKey(' 139-1234-5678 ')).toEqual({ ok: true, kind: 'mobile', value: '13912345678' })
    expect(normalizePersonKey('+8613912345678')).toEqual({ ok: true, kind: 'mobile', value: '13912345678' })
    expect(normalizePersonKey('8613912345678')).toEqual({ ok: true, kind: 'mobile', value: '13912345678' })
    // GB 11643: 11010519491231002 → Σ(digit·weight) mod 11 = 2 → check 'X'
    expect(idCardCheckDigit('11010519491231002')).toBe('X')
    expect(normalizePersonKey('11010519491231002x')).toEqual({ ok: true, kind: 'idcard', value: '11010519491231002X' })
    expect(normalizePersonKey('110105194912310021')).toEqual({ ok: false, message: '身份证号码校验位不正确，请核对' })
    expect(normalizePersonKey('12912345678').ok).toBe(false)
    expect(normalizePersonKey('').ok).toBe(false)
    expect(normalizeMobile('11010519491231002X')).toEqual({ ok: false, message: '请填写 11 位手机号' })
    expect(maskPersonKey({ kind: 'mobile', value: '13912345678' })).toBe('139****5678')
    expect(maskPersonKey({ kind: 'idcard', value: '11010519491231002X' })).toBe('1101**********002X')
  })
})

describe('tallies', () => {
  it('one response adds to shown, answered, options and (multiple choice with a metric) positive respondents', () => {
    const qs = [
      ...BRANCHY.slice(0, 2),
      { ...BRANCHY[2], metric: 'participation' as const, positive: ['a', 'b'] },
      ...BRANCHY.slice(3),
    ]
    const inc = responseIncrements(qs, { q1: 'a', q2: 's1', q3: ['a', 'b'], q4: 'no' }, ['q1', 'q2', 'q3', 'q4', 'q6'], 'assisted', 'm')
    expect(inc).toEqual({
      'm.n': 1,
      'm.as': 1,
      'm.q.q1.s': 1,
      'm.q.q1.a': 1,
      'm.q.q1.o.a': 1,
      'm.q.q2.s': 1,
      'm.q.q2.a': 1,
      'm.q.q2.o.s1': 1,
      'm.q.q3.s': 1,
      'm.q.q3.a': 1,
      'm.q.q3.o.a': 1,
      'm.q.q3.o.b': 1,
      'm.q.q3.p': 1,
      'm.q.q4.s': 1,
      'm.q.q4.a': 1,
      'm.q.q4.o.no': 1,
      'm.q.q6.s': 1,
    })
    const counts = applyIncrements(emptyCounts(), inc)
    expect(counts.m.q.q3).toEqual({ s: 1, a: 1, o: { a: 1, b: 1 }, p: 1 })
    // Moving it to the flagged bucket and back restores the counts.
    const moved = applyIncrements(applyIncrements(counts, responseIncrements(qs, { q1: 'a', q2: 's1', q3: ['a', 'b'], q4: 'no' }, ['q1', 'q2', 'q3', 'q4', 'q6'], 'assisted', 'm', -1)), inc)
    expect(moved).toEqual(counts)
  })

  it('recomputes from responses and sums districts', () => {
    const r1 = { answers: { q1: 'b', q4: 'yes', q5: '好' }, visible: ['q1', 'q4', 'q5', 'q6'], channel: 'online' as const, flagged: false }
    const r2 = { answers: { q1: 'a', q2: 's5', q4: 'no' }, visible: ['q1', 'q2', 'q4', 'q6'], channel: 'online' as const, flagged: true }
    const both = tallyResponses(BRANCHY, [r1, r2])
    expect(both.m.n).toBe(1)
    expect(both.f.n).toBe(1)
    expect(both.m.q.q5).toEqual({ s: 1, a: 1 })
    expect(sumCounts([tallyResponses(BRANCHY, [r1]), tallyResponses(BRANCHY, [r2])])).toEqual(both)
  })
})
