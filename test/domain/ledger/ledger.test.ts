import { describe, expect, it } from '@jest/globals'
import { ledgerFilterSchema } from '../../../src/domain/ledger/filters'
import { progressPercent } from '../../../src/domain/ledger/job'
import { actorLabel, eventDetail, timelineText } from '../../../src/domain/ledger/reports'
import { hoursRow } from '../../../src/domain/ledger/hours'
import { csvLines, safeFileName } from '../../../src/domain/ledger/table'
import type { TimelineEvent } from '../../../src/domain/report/report'
import type { LedgerDoc } from '../../../src/domain/volunteer/ledger'

const period = { from: '2025-06-01T00:00:00+08:00', to: '2025-07-01T00:00:00+08:00' }

describe('ledger filters', () => {
  it('takes each ledger its own filters and refuses the rest', () => {
    expect(ledgerFilterSchema.safeParse({ kind: 'reports', ...period, districtId: 'd-1', unitId: 'u-1', categoryId: 'c-1' }).success).toBe(true)
    expect(ledgerFilterSchema.safeParse({ kind: 'hours', ...period, districtId: 'd-1' }).success).toBe(true)
    const hoursByUnit = ledgerFilterSchema.safeParse({ kind: 'hours', ...period, unitId: 'u-1' })
    expect(hoursByUnit.success).toBe(false)
    expect(hoursByUnit.error?.issues[0].message).toBe('该台账不支持所选筛选条件')
    expect(ledgerFilterSchema.safeParse({ kind: 'surveys', ...period }).error?.issues[0].message).toBe('请选择问卷')
    expect(ledgerFilterSchema.safeParse({ kind: 'surveys', ...period, surveyId: 's-1' }).success).toBe(true)
  })

  it('wants a forward period of at most 400 days', () => {
    expect(ledgerFilterSchema.safeParse({ kind: 'reports', from: period.to, to: period.from }).error?.issues[0].message).toBe('截止时间应晚于起始时间')
    expect(ledgerFilterSchema.safeParse({ kind: 'reports', from: '2024-01-01T00:00:00Z', to: '2025-03-01T00:00:00Z' }).error?.issues[0].message).toBe('时间范围最长 400 天')
  })
})

describe('progress', () => {
  it('stays below 100 until the file exists, even past the estimate', () => {
    expect(progressPercent('running', 0, 0)).toBe(0)
    expect(progressPercent('running', 200, 430)).toBe(46)
    expect(progressPercent('running', 500, 430)).toBe(99)
    expect(progressPercent('done', 430, 430)).toBe(100)
    expect(progressPercent('done', 0, 0)).toBe(100)
  })
})

const ev = (over: Partial<TimelineEvent>): TimelineEvent => ({ at: '2025-06-01T02:00:00.000Z', type: 'submit', actor: { role: 'resident' }, from: null, to: 'submitted', ...over })

describe('report timeline', () => {
  it('names roles and units, never people, and says what happened', () => {
    expect(actorLabel(ev({ actor: { role: 'unit', unitName: '环卫中心' } }))).toBe('环卫中心')
    expect(actorLabel(ev({ actor: { role: 'system' } }))).toBe('系统')
    expect(eventDetail(ev({ type: 'acceptDispatch', unit: { id: 'u', name: '环卫中心' }, deadline: '2025-06-03T15:59:59.999Z' }))).toBe('派至环卫中心；时限2025-06-03')
    expect(eventDetail(ev({ type: 'escalate', escalation: 2, note: '请立即整改' }))).toBe('第2次督办；请立即整改')
    expect(
      timelineText([
        ev({}),
        ev({ at: '2025-06-01T03:00:00.000Z', type: 'reject', actor: { role: 'staff' }, from: 'submitted', to: 'rejected', reason: 'location_unknown' }),
      ]),
    ).toBe('2025-06-01 10:00:00 提交随手拍（市民）\n2025-06-01 11:00:00 不予受理（创城办）：位置不明，无法核实')
  })
})

describe('hours row', () => {
  const entry: LedgerDoc = {
    _id: 'svc:e1:o1',
    openid: 'o1',
    at: '2025-06-06T09:00:00.000Z',
    kind: 'adjustment',
    minutes: -30,
    points: 0,
    balanceMinutes: 90,
    balancePoints: 1,
    ref: { type: 'correction', id: 'c1', title: '周五环境整治（时长更正）' },
    serviceAt: '2025-06-06T07:00:00.000Z',
    source: null,
    serviceType: null,
    subject: { type: 'event', id: 'e1' },
    period: null,
    teamId: 't1',
    by: 'demo-staff',
    note: null,
  }
  it('masks the mobile, signs corrections and falls back to the service time', () => {
    const row = hoursRow(entry, { name: '王建国', mobile: '13912341001' }, '幸福里社区志愿服务队')
    expect(row).toEqual(['2025-06-06 17:00:00', '王建国', '139****1001', '幸福里社区志愿服务队', '周五环境整治（时长更正）', '志愿服务', '2025-06-06 15:00:00', '2025-06-06 15:00:00', '-0.50', '时长更正', '时长更正'])
  })
})

describe('csv', () => {
  it('quotes, keeps line breaks inside cells and defuses formulas', () => {
    expect(csvLines([['a,b', '第一行\n第二行', '=1+1', '说"好"']])).toBe('"a,b","第一行\n第二行",\'=1+1,"说""好"""\r\n')
    expect(safeFileName('随手拍 台账/6月')).toBe('随手拍台账6月')
  })
})
