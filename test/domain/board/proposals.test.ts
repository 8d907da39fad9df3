import { gridFigures, rankGrids, rankTeams, rankUnits, suggestedText, unitFigures, type UnitGroup } from '../../../src/domain/board/proposals'

const NOW = new Date('2024-05-13T02:00:00.000Z')
const g = (unitId: string, status: UnitGroup['status'], n: number, o: Partial<UnitGroup> = {}): UnitGroup => ({
  unitId,
  unitName: `单位${unitId}`,
  status,
  everOverdue: false,
  late: false,
  n,
  ...o,
})

describe('units by 按时整改率 (hand-computed)', () => {
  // A: 5 closed on time, 1 closed late → 5/6. B: 2 closed on time, 2 overdue now, 1 open in time → 2/4.
  // C: 1 closed on time → 1/1, too few to rank. D: 3 closed on time, 1 rectified after a missed deadline → 3/4.
  // E: 4 closed on time → 4/4.
  const groups: UnitGroup[] = [
    g('A', 'closed', 5),
    g('A', 'closed', 1, { everOverdue: true }),
    g('B', 'closed', 2),
    g('B', 'dispatched', 2, { late: true }),
    g('B', 'in_progress', 1),
    g('C', 'closed', 1),
    g('D', 'closed', 3),
    g('D', 'rectified', 1, { everOverdue: true }),
    g('E', 'closed', 4),
  ]
  const figs = unitFigures(groups, NOW)

  it('counts settled cases the way the dashboards do', () => {
    const by = new Map(figs.map((f) => [f.unitId, f]))
    expect(by.get('A')?.onTime).toEqual({ numerator: 5, denominator: 6, rate: 5 / 6 })
    expect(by.get('B')?.onTime).toEqual({ numerator: 2, denominator: 4, rate: 0.5 })
    expect(by.get('B')?.total).toBe(5)
    expect(by.get('C')?.onTime).toEqual({ numerator: 1, denominator: 1, rate: 1 })
    // D's rectified-after-the-deadline case is open, so only settled because it missed the deadline: 3/4.
    expect(by.get('D')?.onTime).toEqual({ numerator: 3, denominator: 4, rate: 0.75 })
  })

  it('praises the best from 80 % (1/1 is no record) and criticises the worst under 60 %', () => {
    const { best, worst } = rankUnits(figs)
    expect(best.map((p) => [p.subject.id, p.figures.summary])).toEqual([
      ['E', '按时整改 4/4（100%）'],
      ['A', '按时整改 5/6（83.3%）'],
    ])
    expect(worst.map((p) => [p.subject.id, p.figures.rate])).toEqual([['B', 0.5]])
    expect(best[0]).toMatchObject({ kind: 'unit_best', side: 'red', key: 'unit_best:E', figures: { metric: 'on_time', numerator: 4, denominator: 4, rate: 1 } })
  })

  it('breaks ties on the larger sample, then the name', () => {
    const tie = unitFigures([g('X', 'closed', 3), g('Y', 'closed', 9), g('Z', 'closed', 3)], NOW)
    expect(rankUnits(tie).best.map((p) => p.subject.id)).toEqual(['Y', 'X', 'Z'])
  })
})

describe('grids by recurring problems (hand-computed)', () => {
  // G1: 4 stalls + 2 piles → 3 + 1 = 4 recurring of 6. G2: 3 different → 0 of 3. G3: 2 litter → 1 of 2.
  // G4: one report → too quiet to praise.
  const figs = gridFigures([
    { gridId: 'G1', categoryId: 'city-stall', n: 4 },
    { gridId: 'G1', categoryId: 'city-pile', n: 2 },
    { gridId: 'G2', categoryId: 'city-stall', n: 1 },
    { gridId: 'G2', categoryId: 'city-pile', n: 1 },
    { gridId: 'G2', categoryId: 'yard-dog', n: 1 },
    { gridId: 'G3', categoryId: 'sanitation-exposed', n: 2 },
    { gridId: 'G4', categoryId: 'city-stall', n: 1 },
  ])

  it('counts every repeat of a category beyond its first report', () => {
    const by = new Map(figs.map((f) => [f.gridId, f]))
    expect(by.get('G1')).toEqual({ gridId: 'G1', total: 6, recurring: 4, topCategoryId: 'city-stall' })
    expect(by.get('G2')).toEqual({ gridId: 'G2', total: 3, recurring: 0, topCategoryId: null })
    expect(by.get('G3')).toMatchObject({ total: 2, recurring: 1, topCategoryId: 'sanitation-exposed' })
  })

  it('ranks most (黑榜) and fewest (红榜, at least 2 reports), never the same grid twice', () => {
    const { most, fewest } = rankGrids(figs, (id) => `网格${id}`)
    expect(most.map((p) => [p.subject.id, p.figures.numerator, p.figures.denominator])).toEqual([
      ['G1', 4, 6],
      ['G3', 1, 2],
    ])
    expect(fewest.map((p) => p.subject.id)).toEqual(['G2'])
    expect(fewest[0]).toMatchObject({ side: 'red', subject: { type: 'place', name: '网格G2' }, figures: { summary: '反复出现 0 次 / 共 3 件（0%）' } })
  })
})

describe('volunteer teams', () => {
  it('ranks by confirmed hours, then services', () => {
    const out = rankTeams([
      { teamId: 't1', teamName: '甲队', minutes: 600, services: 10 },
      { teamId: 't2', teamName: '乙队', minutes: 900, services: 12 },
      { teamId: 't3', teamName: '丙队', minutes: 600, services: 14 },
      { teamId: 't4', teamName: '丁队', minutes: 0, services: 0 },
    ])
    expect(out.map((p) => p.subject.name)).toEqual(['乙队', '丙队', '甲队'])
    expect(out[0].figures.summary).toBe('志愿服务 12 人次，累计 15 小时')
  })
})

describe('suggested wording', () => {
  it('quotes the figures it comes from', () => {
    const { worst } = rankUnits(unitFigures([g('B', 'closed', 1), g('B', 'dispatched', 3, { late: true })], NOW))
    const text = suggestedText(worst[0], '2024年5月6日—12日')
    expect(text.problem).toContain('已到期4件，按时整改仅1件，按时整改率25%')
    expect(text.requirement.length).toBeGreaterThan(5)
  })
})
