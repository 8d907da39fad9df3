import {
  describeFigure,
  describeRule,
  isUnitMaterial,
  materialCloudPath,
  rankCards,
  rateFigure,
  countFigure,
  schemeSaveInputSchema,
  scoreFigure,
  SCHEME_TEMPLATES,
  totalPoints,
  type DataRule,
} from '../../../src/domain/assess'

const linear: DataRule = { metric: 'on_time_rate', scoring: { type: 'linear', zeroAt: 0.6, fullAt: 0.95 }, noData: 'full', surveyId: null, surveyMetric: null }
const deduct: DataRule = { metric: 'escalations', scoring: { type: 'deduct', per: 1.5, free: 1 }, noData: 'full', surveyId: null, surveyMetric: null }

describe('linear rule (rates)', () => {
  test.each([
    [0.5, 0],
    [0.6, 0],
    [0.95, 15],
    [1, 15],
    // 15 × (0.8 − 0.6) / 0.35 = 8.571… → 8.6
    [0.8, 8.6],
    // 15 × (0.775 − 0.6) / 0.35 = 7.5 exactly
    [0.775, 7.5],
  ])('rate %p of 15 points scores %p', (value, score) => {
    expect(scoreFigure(linear, 15, { value })).toBe(score)
  })
  test('no data scores by noData', () => {
    expect(scoreFigure(linear, 15, { value: null })).toBe(15)
    expect(scoreFigure({ ...linear, noData: 'zero' }, 15, { value: null })).toBe(0)
  })
})

describe('deduct rule (counts)', () => {
  test.each([
    [0, 5],
    [1, 5], // one free
    [2, 3.5],
    [3, 2],
    [4, 0.5],
    [5, 0], // never below 0
    [40, 0],
  ])('%p occurrences of 5 points scores %p', (count, score) => {
    expect(scoreFigure(deduct, 5, { value: count })).toBe(score)
  })
})

test('rules and figures read as the 考评细则 would say them', () => {
  expect(describeRule(linear)).toBe('按时整改率60%及以下得0分，95%及以上得满分，其间按比例计分；无数据时得满分')
  expect(describeRule(deduct)).toBe('超期督办次数超过1次的部分每次扣1.5分，扣完为止；无数据时得满分')
  expect(describeFigure(linear, rateFigure(17, 20, ''))).toBe('按时整改率 85%（17/20）')
  expect(describeFigure(linear, rateFigure(0, 0, ''))).toBe('按时整改率 无数据')
  expect(describeFigure(deduct, countFigure(3, ''))).toBe('超期督办次数 3')
  expect(describeFigure({ metric: 'survey_rate', surveyMetric: 'satisfaction' }, rateFigure(45, 50, ''))).toBe('问卷满意度 90%（45/50）')
})

test('ranking: highest total first, ties share a rank at 0.1 and keep the units’ order', () => {
  const card = (id: string, order: number, total: number) => ({ unit: { id, order }, total })
  const ranked = rankCards([card('a', 3, 80), card('b', 1, 92.5), card('c', 2, 80.00000001), card('d', 4, 70), card('e', 0, 80)] as never[]) as unknown as { unit: { id: string }; rank: number }[]
  expect(ranked.map((r) => [r.unit.id, r.rank])).toEqual([
    ['b', 1],
    ['e', 2],
    ['c', 2],
    ['a', 2],
    ['d', 5],
  ])
})

test('material paths: only the unit’s folder for that scheme and item', () => {
  const path = materialCloudPath('as-1', 'u-jj', 'i3', '1700000000-abc.jpg')
  expect(path).toBe('assess/as-1/u-jj/i3/1700000000-abc.jpg')
  const id = `cloud://env.bucket/${path}`
  expect(isUnitMaterial(id, 'as-1', 'u-jj', 'i3')).toBe(true)
  expect(isUnitMaterial(id, 'as-1', 'u-sz', 'i3')).toBe(false)
  expect(isUnitMaterial(id, 'as-1', 'u-jj', 'i4')).toBe(false)
  expect(isUnitMaterial(id, 'as-2', 'u-jj', 'i3')).toBe(false)
  expect(isUnitMaterial('cloud://env.bucket/assess/as-1/u-jj/i3/../../u-sz/i3/x.jpg', 'as-1', 'u-jj', 'i3')).toBe(false)
  expect(isUnitMaterial('cloud://env.bucket/assess/as-1/u-jj/i3/sub/x.jpg', 'as-1', 'u-jj', 'i3')).toBe(false)
  expect(() => materialCloudPath('as-1', 'u-jj', 'i3', '../x.jpg')).toThrow()
})

test('the three templates add up to 100 points and are valid schemes', () => {
  expect(SCHEME_TEMPLATES.map((t) => t.kind)).toEqual(['city', 'unit', 'village'])
  for (const t of SCHEME_TEMPLATES) {
    expect(totalPoints(t.items)).toBe(100)
    const items = t.items.map((i) => (i.rule?.metric === 'survey_rate' ? { ...i, rule: { ...i.rule, surveyId: 'sv-demo-cc-w2' } } : i))
    const parsed = schemeSaveInputSchema.safeParse({
      title: t.title,
      kind: t.kind,
      period: { label: '2026年第四季度', start: '2026-09-30T16:00:00.000Z', end: '2026-12-31T16:00:00.000Z' },
      scope: { unitTypes: t.unitTypes },
      items,
    })
    expect(parsed.error?.issues ?? []).toEqual([])
  }
})

test('a data item needs a rule that fits its metric, other items none', () => {
  const base = { title: '测试方案名称', kind: 'city', period: { label: '2026年第四季度', start: '2026-09-30T16:00:00.000Z', end: '2026-12-31T16:00:00.000Z' }, scope: { unitIds: ['u-jj'] } }
  const withItem = (item: object) => schemeSaveInputSchema.safeParse({ ...base, items: [{ id: 'i1', group: '督办单任务', title: '按时整改率', points: 10, ...item }] })
  expect(withItem({ kind: 'data' }).success).toBe(false)
  expect(withItem({ kind: 'material', rule: linear }).success).toBe(false)
  expect(withItem({ kind: 'data', rule: { ...linear, scoring: { type: 'deduct', per: 1 } } }).success).toBe(false)
  expect(withItem({ kind: 'data', rule: { ...linear, scoring: { type: 'linear', zeroAt: 0.9, fullAt: 0.6 } } }).success).toBe(false)
  expect(withItem({ kind: 'data', rule: linear }).success).toBe(true)
  expect(withItem({ kind: 'field', points: 10.3 }).success).toBe(false)
  expect(schemeSaveInputSchema.safeParse({ ...base, period: { ...base.period, end: base.period.start }, items: [{ id: 'i1', group: 'g', title: '实地考察', points: 5, kind: 'field' }] }).success).toBe(false)
})
