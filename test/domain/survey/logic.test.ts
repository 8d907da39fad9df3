import fc from 'fast-check'
import { pruneHidden, progress, sanitizeDraft, validateAnswers, visibleQuestions } from '@/domain/survey/logic'
import { BRANCHY } from './fixtures'

const ids = (answers: Record<string, unknown>) => visibleQuestions(BRANCHY, answers as never).map((q) => q.id)

describe('show-if evaluation', () => {
  it('shows a question only when its source answer matches', () => {
    expect(ids({})).toEqual(['q1', 'q4', 'q6'])
    expect(ids({ q1: 'a' })).toEqual(['q1', 'q2', 'q4', 'q6'])
    expect(ids({ q1: 'b' })).toEqual(['q1', 'q4', 'q6'])
    expect(ids({ q4: 'yes' })).toEqual(['q1', 'q4', 'q5', 'q6'])
    expect(ids({ q4: 'no' })).toEqual(['q1', 'q4', 'q6'])
  })

  it('chains: a question whose source is hidden is hidden, whatever stale answer the source still has', () => {
    expect(ids({ q1: 'a', q2: 's1' })).toEqual(['q1', 'q2', 'q3', 'q4', 'q6'])
    // q1 changed away from a: q2 disappears, so q3 disappears although q2 still says s1 in the draft.
    expect(ids({ q1: 'c', q2: 's1' })).toEqual(['q1', 'q4', 'q6'])
  })

  it('reads only own properties and tolerates junk values', () => {
    const proto = Object.create({ q1: 'a' })
    expect(ids(proto)).toEqual(['q1', 'q4', 'q6'])
    expect(ids({ q1: 42, q4: ['yes'] })).toEqual(['q1', 'q4', 'q5', 'q6'])
    expect(ids({ q1: null })).toEqual(['q1', 'q4', 'q6'])
  })
})

describe('progress and pruning', () => {
  it('counts only visible questions', () => {
    expect(progress(BRANCHY, {})).toEqual({ answered: 0, total: 3, requiredLeft: 2 })
    expect(progress(BRANCHY, { q1: 'a', q2: 's1' })).toEqual({ answered: 2, total: 5, requiredLeft: 2 })
    expect(progress(BRANCHY, { q1: 'a', q2: 's1', q3: ['a'], q4: 'no' })).toEqual({ answered: 4, total: 5, requiredLeft: 0 })
    expect(progress(BRANCHY, { q1: 'b', q4: 'yes', q5: '   ' })).toEqual({ answered: 2, total: 4, requiredLeft: 0 })
  })

  it('drops answers of questions that became hidden, and empty ones', () => {
    expect(pruneHidden(BRANCHY, { q1: 'c', q2: 's1', q3: ['a'], q4: 'yes', q5: '', q6: '好' })).toEqual({ q1: 'c', q4: 'yes', q6: '好' })
  })
})

describe('answer validation', () => {
  const ok = (answers: unknown) => {
    const r = validateAnswers(BRANCHY, answers)
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    return r
  }
  const issues = (answers: unknown) => {
    const r = validateAnswers(BRANCHY, answers)
    if (r.ok) throw new Error('unexpectedly valid')
    return r.issues
  }

  it('accepts the branches and normalises', () => {
    expect(ok({ q1: 'b', q4: 'no' })).toEqual({ ok: true, answers: { q1: 'b', q4: 'no' }, visible: ['q1', 'q4', 'q6'] })
    expect(ok({ q1: 'a', q2: 's2', q3: ['c', 'a'], q4: 'yes', q5: ' 很好 ', q6: '' }).answers).toEqual({ q1: 'a', q2: 's2', q3: ['a', 'c'], q4: 'yes', q5: '很好' })
  })

  it('refuses unknown questions, missing required, hidden answered, bad options, bounds and types', () => {
    expect(issues({ q1: 'b', q4: 'no', q7: 'x' })).toEqual([{ path: 'answers.q7', message: '问卷中没有这道题' }])
    expect(issues({ q1: 'b' })).toEqual([{ path: 'answers.q4', message: '第4题为必答题' }])
    expect(issues({ q1: 'b', q2: 's5', q4: 'no' })).toEqual([{ path: 'answers.q2', message: '第2题在当前作答情况下不显示，不能作答' }])
    expect(issues({ q1: 'a', q2: 's5', q3: ['a'], q4: 'no' })).toEqual([{ path: 'answers.q3', message: '第3题在当前作答情况下不显示，不能作答' }])
    expect(issues({ q1: 'd', q4: 'no' })).toEqual([{ path: 'answers.q1', message: '第1题的选项不存在' }])
    expect(issues({ q1: 'a', q2: 's1', q3: [], q4: 'no' })).toEqual([{ path: 'answers.q3', message: '第3题为必答题' }])
    expect(issues({ q1: 'a', q2: 's1', q3: ['a', 'b', 'c'], q4: 'no' })).toEqual([{ path: 'answers.q3', message: '第3题最多选择 2 项' }])
    expect(issues({ q1: 'a', q2: 's1', q3: ['a', 'x'], q4: 'no' })).toEqual([{ path: 'answers.q3', message: '第3题的选项不存在' }])
    expect(issues({ q1: ['a'], q4: 'no' })).toEqual([{ path: 'answers.q1', message: '第1题的答案格式不正确' }])
    expect(issues({ q1: 'b', q4: 'yes', q5: '长'.repeat(201) })).toEqual([{ path: 'answers.q5', message: '第5题最多 200 个字' }])
    expect(issues({ q1: 'b', q4: 'no', q6: 7 })).toEqual([{ path: 'answers.q6', message: '第6题的答案格式不正确' }])
  })

  it('refuses hostile shapes without throwing', () => {
    for (const junk of [null, 'q1=a', 42, [], ['a'], true]) expect(validateAnswers(BRANCHY, junk).ok).toBe(false)
    expect(issues({ q1: 'b', q4: 'no', toString: 'a' })).toEqual([{ path: 'answers.toString', message: '问卷中没有这道题' }])
    expect(issues({ q1: { $ne: 'x' }, q4: 'no' })[0].path).toBe('answers.q1')
    expect(issues({ q1: 'a', q2: 's1', q3: [1, 2], q4: 'no' })).toEqual([{ path: 'answers.q3', message: '第3题的答案应为选项列表' }])
  })

  it('never throws, and whatever it accepts is stable: valid again, only visible questions, only real options', () => {
    const value = fc.oneof(
      fc.constantFrom('a', 'b', 'c', 'd', 's1', 's2', 's5', 'yes', 'no', '', '  '),
      fc.string({ maxLength: 5 }),
      fc.array(fc.constantFrom('a', 'b', 'c', 'x'), { maxLength: 4 }),
      fc.integer(),
      fc.constant(null),
    )
    const answers = fc.dictionary(fc.constantFrom('q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q9', 'valueOf'), value, { maxKeys: 7 })
    fc.assert(
      fc.property(answers, (a) => {
        const r = validateAnswers(BRANCHY, a)
        if (!r.ok) return r.issues.length > 0
        const again = validateAnswers(BRANCHY, r.answers)
        if (!again.ok || JSON.stringify(again.answers) !== JSON.stringify(r.answers)) return false
        return Object.keys(r.answers).every((k) => r.visible.includes(k))
      }),
      { numRuns: 2000 },
    )
  })
})

describe('drafts kept on the device', () => {
  it('keeps what still fits the definition and drops the rest', () => {
    expect(sanitizeDraft(BRANCHY, { q1: 'a', q2: 's9', q3: ['a', 'a', 'z', 3], q4: 'yes', q5: 'x'.repeat(300), q8: 'gone' })).toEqual({
      q1: 'a',
      q3: ['a'],
      q4: 'yes',
      q5: 'x'.repeat(200),
    })
    expect(sanitizeDraft(BRANCHY, 'garbage')).toEqual({})
    expect(sanitizeDraft(BRANCHY, null)).toEqual({})
  })
})
