// The client's zod-free copies of 随手拍 labels and rules (src/services/report.ts, location.ts, draft.ts) agree
// with the domain they were copied from.
import * as domain from '../../src/domain/report'
import { distanceMeters as domainDistance, offsetPoint as domainOffset } from '../../src/domain/city/geo'
import * as client from '../../src/services/report'
import { composeAddress, describeOffset, describePlace, distanceMeters, offsetBetween, offsetPoint } from '../../src/services/geo'
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }))
import { sortByUsage } from '../../src/services/draft'

test('labels are the domain’s', () => {
  expect(client.STATUS_LABELS).toEqual(domain.STATUS_LABELS)
  expect(client.STATUS_DESCRIPTIONS).toEqual(domain.STATUS_DESCRIPTIONS)
  expect(client.EVENT_LABELS).toEqual(domain.EVENT_LABELS)
  expect(client.REJECTION_REASON_LABELS).toEqual(domain.REJECTION_REASON_LABELS)
  expect(client.RATING_LABELS).toEqual(domain.RATING_LABELS)
  expect(client.REVISIT_ANSWER_LABELS).toEqual(domain.REVISIT_ANSWER_LABELS)
  expect([...client.OPEN_STATUSES]).toEqual([...domain.OPEN_STATUSES])
  expect([...client.WITH_UNIT_STATUSES]).toEqual([...domain.WITH_UNIT_STATUSES])
})

test('deadlines and dates are computed as the server does', () => {
  for (const at of ['2024-05-06T09:50:00.000Z', '2024-05-06T16:30:00.000Z', '2024-12-31T15:59:59.999Z']) {
    for (const days of [1, 3, 7, 60]) expect(client.deadlineFrom(Date.parse(at), days)).toBe(domain.deadlineFrom(new Date(at), days).toISOString())
  }
  expect(client.formatDate('2024-05-06T16:30:00.000Z')).toBe(domain.formatChinaDate('2024-05-06T16:30:00.000Z'))
  expect(client.formatDateTime('2024-05-06T16:30:00.000Z')).toBe(domain.formatChinaDateTime('2024-05-06T16:30:00.000Z'))
  expect(client.formatDeadline(domain.deadlineFrom(new Date('2024-05-06T01:00:00.000Z'), 3).toISOString())).toBe('5月9日 24:00 前')
})

test('countdown: the server’s overdue flag wins; otherwise the time left', () => {
  const deadline = '2024-05-09T15:59:59.999Z'
  expect(client.deadlineInfo(deadline, Date.parse('2024-05-07T12:00:00.000Z'))).toEqual({ tone: 'ok', text: '剩余 2 天 3 小时' })
  expect(client.deadlineInfo(deadline, Date.parse('2024-05-09T06:00:00.000Z')).tone).toBe('due_soon')
  expect(client.deadlineInfo(deadline, Date.parse('2024-05-10T18:00:00.000Z'))).toEqual({ tone: 'overdue', text: '已超期 1 天 2 小时' })
  expect(client.deadlineInfo(deadline, Date.parse('2024-05-07T12:00:00.000Z'), true).tone).toBe('overdue')
})

test('reply templates: unfilled placeholders are filled from the form, unknown ones stay visible', () => {
  expect(client.fillTemplate('已交由{unit}处理，时限至{deadline}，{other}', { unit: '文华城管', deadline: '5月9日' })).toBe('已交由文华城管处理，时限至5月9日，{other}')
})

test('pin offsets in metres round-trip and match the domain’s geometry', () => {
  const fix = { lat: 34.62, lng: 112.45 }
  const moved = offsetPoint(fix, 20, -10)
  expect(moved).toEqual(domainOffset(fix, 20, -10))
  const back = offsetBetween(fix, moved)
  expect(back.eastM).toBeCloseTo(20, 0)
  expect(back.northM).toBeCloseTo(-10, 0)
  expect(distanceMeters(fix, moved)).toBeCloseTo(domainDistance(fix, moved), 6)
  expect(describeOffset(20, -10)).toBe('东 20 米 · 南 10 米')
  expect(describeOffset(0.2, 0)).toBe('定位点')
})

test('the address names the place and what the resident added, within the limit', () => {
  const place = describePlace({
    district: { id: 'd', name: '文华区', intro: '', center: { lat: 0, lng: 0 } },
    street: { id: 's', districtId: 'd', name: '人民路街道', communities: [], center: { lat: 0, lng: 0 } },
    grid: { name: '幸福里社区第一网格' } as never,
    micro: null,
  })
  expect(place).toEqual({ area: '文华区 · 人民路街道', grid: '幸福里社区第一网格', inCity: true })
  expect(composeAddress(place, { lat: 34.6, lng: 112.4 }, '3号楼东侧', 100)).toBe('文华区人民路街道 幸福里社区第一网格（3号楼东侧）')
  expect(composeAddress(describePlace(null), { lat: 34.6, lng: 112.4 }, '', 100)).toBe('位置 34.60000, 112.40000')
  expect(composeAddress(place, { lat: 0, lng: 0 }, 'x'.repeat(200), 100)).toHaveLength(100)
})

test('the resident’s most used categories come first, then the catalogue order', () => {
  const items = [
    { id: 'a', order: 1 },
    { id: 'b', order: 2 },
    { id: 'c', order: 3 },
  ]
  expect(sortByUsage(items, { c: 3, b: 1 }).map((i) => i.id)).toEqual(['c', 'b', 'a'])
  expect(sortByUsage(items, {}).map((i) => i.id)).toEqual(['a', 'b', 'c'])
})
