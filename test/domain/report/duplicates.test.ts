import { distanceMeters, offsetPoint } from '@/domain/city/geo'
import {
  DUPLICATE_RADIUS_M,
  findDuplicateCandidates,
  isDuplicateCandidate,
  roundDistance,
  searchBox,
  type DuplicateCandidateReport,
  type ReportStatus,
} from '@/domain/report'
import { DAY, POINT } from './fixtures'

const NOW = new Date('2024-05-10T04:00:00.000Z')

function candidate(id: string, eastM: number, o: { status?: ReportStatus; categoryId?: string; ageDays?: number; northM?: number } = {}): DuplicateCandidateReport {
  const p = offsetPoint(POINT, eastM, o.northM ?? 0)
  return {
    _id: id,
    categoryId: o.categoryId ?? 'illegal-parking',
    status: o.status ?? 'dispatched',
    createdAt: new Date(NOW.getTime() - (o.ageDays ?? 1) * DAY).toISOString(),
    location: { ...p, address: '朝阳西街', districtId: null, streetId: null, gridId: null },
  }
}
const probe = { ...POINT, categoryId: 'illegal-parking' }

describe('haversine distances the check relies on', () => {
  it('offsets of 50/99/101 m measure as such (±1 m)', () => {
    for (const m of [50, 99, 101]) expect(Math.abs(distanceMeters(POINT, offsetPoint(POINT, m, 0)) - m)).toBeLessThan(1)
    // 0.001° of latitude ≈ 111.2 m
    expect(distanceMeters({ lat: 39, lng: 106 }, { lat: 39.001, lng: 106 })).toBeCloseTo(111.2, 0)
  })
})

describe('isDuplicateCandidate', () => {
  it('same category, within 100 m, last 7 days, still open', () => {
    expect(isDuplicateCandidate(probe, candidate('a', 60), NOW)).toBe(true)
    expect(isDuplicateCandidate(probe, candidate('a', 0, { northM: 95 }), NOW)).toBe(true)
  })
  it('not beyond 100 m', () => {
    expect(isDuplicateCandidate(probe, candidate('a', 98), NOW)).toBe(true)
    expect(isDuplicateCandidate(probe, candidate('a', 103), NOW)).toBe(false)
    expect(isDuplicateCandidate(probe, candidate('a', 80, { northM: 80 }), NOW)).toBe(false) // 113 m diagonally
  })
  it('not another category (unless the probe asks for any)', () => {
    const other = candidate('a', 10, { categoryId: 'street-stall' })
    expect(isDuplicateCandidate(probe, other, NOW)).toBe(false)
    expect(isDuplicateCandidate(POINT, other, NOW)).toBe(true)
  })
  it('not older than 7 days', () => {
    expect(isDuplicateCandidate(probe, candidate('a', 10, { ageDays: 7 }), NOW)).toBe(true)
    expect(isDuplicateCandidate(probe, candidate('a', 10, { ageDays: 7.01 }), NOW)).toBe(false)
  })
  it('not closed, rejected, merged or out of scope', () => {
    for (const status of ['closed', 'rejected', 'duplicate', 'out_of_scope'] as const)
      expect(isDuplicateCandidate(probe, candidate('a', 10, { status }), NOW)).toBe(false)
    for (const status of ['submitted', 'dispatched', 'in_progress', 'rectified', 'returned', 'reopened'] as const)
      expect(isDuplicateCandidate(probe, candidate('a', 10, { status }), NOW)).toBe(true)
  })
  it('not itself', () => {
    expect(isDuplicateCandidate({ ...probe, excludeId: 'a' }, candidate('a', 0), NOW)).toBe(false)
  })
})

describe('findDuplicateCandidates', () => {
  it('nearest first, the older first at equal distance, with distances', () => {
    const list = [
      candidate('far', 90),
      candidate('near-new', 20, { ageDays: 1 }),
      candidate('near-old', 20, { ageDays: 3 }),
      candidate('out', 150),
      candidate('closed', 5, { status: 'closed' }),
    ]
    const found = findDuplicateCandidates(probe, list, NOW)
    expect(found.map((f) => f.report._id)).toEqual(['near-old', 'near-new', 'far'])
    expect(found[2].distanceM).toBeGreaterThan(89)
    expect(found[2].distanceM).toBeLessThan(91)
  })
  it('radius can be widened for the nearby map', () => {
    expect(findDuplicateCandidates(probe, [candidate('out', 150)], NOW, { radiusM: 200 })).toHaveLength(1)
  })
})

describe('searchBox', () => {
  it('encloses every point of the circle', () => {
    const box = searchBox(POINT, DUPLICATE_RADIUS_M)
    for (let deg = 0; deg < 360; deg += 15) {
      const rad = (deg * Math.PI) / 180
      const p = offsetPoint(POINT, DUPLICATE_RADIUS_M * Math.cos(rad), DUPLICATE_RADIUS_M * Math.sin(rad))
      expect(p.lat).toBeGreaterThanOrEqual(box.minLat)
      expect(p.lat).toBeLessThanOrEqual(box.maxLat)
      expect(p.lng).toBeGreaterThanOrEqual(box.minLng)
      expect(p.lng).toBeLessThanOrEqual(box.maxLng)
    }
  })
})

it('roundDistance blurs to 10 m', () => {
  expect(roundDistance(34.9)).toBe(30)
  expect(roundDistance(35)).toBe(40)
})
