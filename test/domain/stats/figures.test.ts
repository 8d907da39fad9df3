import { ratio } from '@/domain/report/stats'
import { boxAround, cellCenter, cellKeyOf, placeInBox, topCells, topCounts } from '@/domain/stats/hotspots'
import { rankUnits } from '@/domain/stats/ranking'
import { bucketsOf, daysOf, seriesOf } from '@/domain/stats/series'
import type { UnitMetrics } from '@/domain/stats/unit-metrics'

const m = (unitId: string, on: number, closed: number, overdue = 0, escalations = 0, avgHandlingHours: number | null = 10): UnitMetrics =>
  ({ unitId, onTimeRate: ratio(on, closed), overdue, escalations, avgHandlingHours, avgCloseHours: null, counts: {} as UnitMetrics['counts'] }) as UnitMetrics

describe('rankUnits (通报 order)', () => {
  it('orders by rate, then overdue, 督办 and handling time; ties share a place; units without 销号 come last', () => {
    const ranked = rankUnits([m('a', 9, 10), m('b', 10, 10), m('c', 9, 10, 2), m('d', 9, 10), m('e', 0, 0, 5), m('f', 0, 0, 1), m('g', 9, 10, 0, 0, 5)])
    expect(ranked.map((r) => [r.unitId, r.rank])).toEqual([
      ['b', 1],
      ['g', 2], // 90 %, faster
      ['a', 3],
      ['d', 3], // same figures as a
      ['c', 5], // 90 % but 2 overdue
      ['e', null], // no 销号: most overdue first
      ['f', null],
    ])
  })
})

describe('series buckets', () => {
  it('lists every day of the period, inclusive', () => {
    expect(daysOf('2024-02-27', '2024-03-02')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02'])
    expect(daysOf('2024-03-02', '2024-03-01')).toEqual([])
  })

  it('groups days into Monday weeks and calendar months, clipped to the period', () => {
    // 2024-05-01 is a Wednesday.
    expect(bucketsOf('2024-05-01', '2024-05-13', 'week').map((b) => [b.key, b.days.length])).toEqual([
      ['2024-05-01', 5],
      ['2024-05-06', 7],
      ['2024-05-13', 1],
    ])
    expect(bucketsOf('2024-04-20', '2024-06-02', 'month').map((b) => [b.key, b.label, b.days.length])).toEqual([
      ['2024-04-20', '2024-04', 11],
      ['2024-05-01', '2024-05', 31],
      ['2024-06-01', '2024-06', 2],
    ])
  })

  it('sums per-day values per bucket, zeros for empty days', () => {
    const perDay: Record<string, number> = { '2024-05-06': 2, '2024-05-08': 3, '2024-05-13': 1 }
    const s = seriesOf(bucketsOf('2024-05-06', '2024-05-19', 'week'), (d) => perDay[d], (a: number, v) => a + (v ?? 0), () => 0)
    expect(s.map((x) => x.value)).toEqual([5, 1])
  })
})

describe('hotspots', () => {
  it('keys ~100 m cells and finds their centres back', () => {
    const key = cellKeyOf(34.6215, 112.4532)
    expect(key).toBe('c34621_112453')
    expect(cellCenter(key)).toEqual({ lat: expect.closeTo(34.6215, 6), lng: expect.closeTo(112.4535, 6) })
    expect(cellCenter(cellKeyOf(-33.8688, 151.2093))!.lat).toBeCloseTo(-33.8685, 4)
    expect(cellCenter('nonsense')).toBeNull()
  })

  it('ranks places with repeats only, most first', () => {
    const counts = { c1_1: 1, c2_2: 4, c3_3: 2, c4_4: 4 }
    expect(topCells(counts, 10).map((c) => [c.key, c.count])).toEqual([
      ['c2_2', 4],
      ['c4_4', 4],
      ['c3_3', 2],
    ])
    expect(topCounts({ g1: 3, g2: 1, g3: 5 }, 1)).toEqual([{ id: 'g3', count: 5 }])
  })

  it('places points in a padded box (north up)', () => {
    const box = boxAround([
      { lat: 34.6, lng: 112.4 },
      { lat: 34.7, lng: 112.6 },
    ])!
    expect(box.minLat).toBeCloseTo(34.59)
    expect(box.maxLng).toBeCloseTo(112.62)
    expect(placeInBox({ lat: 34.65, lng: 112.5 }, box)).toEqual({ x: expect.closeTo(0.5, 6), y: expect.closeTo(0.5, 6) })
    expect(placeInBox({ lat: 40, lng: 100 }, box)).toEqual({ x: 0, y: 0 })
    expect(boxAround([])).toBeNull()
  })
})
