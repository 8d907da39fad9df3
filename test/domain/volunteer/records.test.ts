import {
  buildCsv,
  certificateNumber,
  certificateText,
  codeFromBytes,
  csvCell,
  isValidIdNumber,
  maskIdNumber,
  maskMobile,
  maskName,
  monthKey,
  nextWeekdays,
  planRedeem,
  rankingBumps,
  rankItems,
  renderCertificateSvg,
  requestTransition,
  seriesOccurrences,
  summariseByType,
  toRequestView,
  chinaDayNumber,
  atChinaTime,
  type GoodsDoc,
  type RequestDoc,
} from '../../../src/domain/volunteer'

describe('privacy helpers', () => {
  it('masks mobile, ID number and names', () => {
    expect(maskMobile('13900001001')).toBe('139****1001')
    expect(maskIdNumber('41030219650315123X')).toBe('4103**********123X')
    expect(maskName('王建国')).toBe('王*国')
    expect(maskName('王芳')).toBe('王*')
    expect(maskName('欧阳娜娜')).toBe('欧**娜')
  })
  it('validates ID numbers with the GB 11643 check digit and a real birth date', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true)
    expect(isValidIdNumber('11010519491231002x')).toBe(true)
    expect(isValidIdNumber('110105194912310021')).toBe(false)
    expect(isValidIdNumber('110105194902300028')).toBe(false)
    expect(isValidIdNumber('1101051949123100')).toBe(false)
  })
  it('shows request contacts in full only to the resident and the taker', () => {
    const r = { _id: 'q1', residentId: 'r', category: 'elderly', place: { address: 'x', lat: 34, lng: 112 }, expectedAt: '2026-11-27T07:00:00.000Z', description: '代取药品', contact: { name: '王秀兰', mobile: '13900001003' }, status: 'taken', team: null, dispatchedAt: null, dispatchedBy: null, volunteer: { openid: 'v', name: '王建国' }, takenAt: null, doneAt: null, minutes: null, doneNote: null, rating: null, creditedAt: null, closedReason: null, createdAt: '2026-11-27T07:00:00.000Z', updatedAt: '2026-11-27T07:00:00.000Z', version: 1 } as RequestDoc
    expect(toRequestView(r, 'resident')).toMatchObject({ contactMobile: '13900001003', volunteerName: '王*国' })
    expect(toRequestView(r, 'taker')).toMatchObject({ contactMobile: '13900001003', volunteerName: '王建国', mine: true })
    expect(toRequestView(r, 'team')).toMatchObject({ contactMobile: '139****1003', contactName: '王*兰' })
    expect(toRequestView(r, 'staff')).toMatchObject({ contactMobile: '139****1003', contactName: '王秀兰', volunteerName: '王建国' })
  })
})

describe('爱心超市 rules', () => {
  const goods = (over: Partial<GoodsDoc> = {}): GoodsDoc => ({ _id: 'g', name: '大米', kind: 'goods', shop: null, description: '', pointsPrice: 10, stock: 2, limitPerPerson: null, image: null, active: true, order: 1, redeemedCount: 0, createdAt: '', updatedAt: '', ...over })
  const b = (points: number) => ({ totalMinutes: 600, points, pointsEarned: 10, pointsSpent: 0, serviceCount: 1, firstServiceAt: null, lastServiceAt: null })
  it('debits points and takes stock; refuses short points, empty stock, limits and withdrawn goods', () => {
    expect(planRedeem({ goods: goods(), balances: b(25), alreadyRedeemed: 0 })).toMatchObject({ ok: true, stock: 1, balances: { points: 15, pointsSpent: 10 } })
    expect(planRedeem({ goods: goods(), balances: b(9), alreadyRedeemed: 0 })).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('积分不足') })
    expect(planRedeem({ goods: goods({ stock: 0 }), balances: b(99), alreadyRedeemed: 0 })).toMatchObject({ ok: false, message: '该商品已兑完' })
    expect(planRedeem({ goods: goods({ limitPerPerson: 1 }), balances: b(99), alreadyRedeemed: 1 })).toMatchObject({ ok: false, message: '每人限兑 1 次' })
    expect(planRedeem({ goods: goods({ active: false }), balances: b(99), alreadyRedeemed: 0 })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(planRedeem({ goods: null, balances: b(99), alreadyRedeemed: 0 })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })
  it('makes codes without look-alike characters', () => {
    const code = codeFromBytes(Uint8Array.from({ length: 16 }, (_, i) => i * 17))
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/)
  })
})

describe('rankings', () => {
  it('bumps the volunteer’s and the team’s month of the service (Beijing time)', () => {
    const bumps = rankingBumps({ serviceAt: '2026-11-30T16:30:00.000Z', openid: 'o1', name: '王建国', team: { id: 't1', name: '队' }, minutes: 120, services: 1 })
    expect(bumps.map((b) => b.id)).toEqual(['2026-12:v:o1', '2026-12:t:t1'])
    expect(monthKey('2026-11-30T15:59:59.000Z')).toBe('2026-11')
  })
  it('ranks competition-style: equal minutes share a rank', () => {
    expect(rankItems([{ minutes: 300 }, { minutes: 200 }, { minutes: 200 }, { minutes: 100 }]).map((i) => i.rank)).toEqual([1, 2, 2, 4])
  })
})

describe('certificate and export', () => {
  const body = {
    number: certificateNumber(2026, 123),
    issuer: { name: '示范市志愿服务联合会', contact: 'x', seal: 'y' },
    volunteerName: '王建国',
    idNumberMasked: '4103**********1234',
    periodFrom: '2026-08-07T07:00:00.000Z',
    periodTo: '2026-11-20T23:30:00.000Z',
    totalMinutes: 6210,
    serviceCount: 3,
    byType: summariseByType([
      { date: '2026-08-07T07:00:00.000Z', title: '周五环境整治 <b>', type: 'environment', minutes: 120 },
      { date: '2026-08-14T07:00:00.000Z', title: '周五环境整治', type: 'environment', minutes: 120 },
      { date: '2026-08-15T07:00:00.000Z', title: '点单', type: null, minutes: 90 },
    ]),
    items: [{ date: '2026-08-07T07:00:00.000Z', title: '周五环境整治 <b>', type: 'environment' as const, minutes: 120 }],
    issuedAt: '2026-11-23T02:00:00.000Z',
  }
  it('numbers certificates SF-<year>-<6 digits> and states what the 出具办法 asks', () => {
    expect(body.number).toBe('SF-2026-000123')
    expect(body.byType).toEqual([
      { type: 'environment', label: '周五环境整治', count: 2, minutes: 240 },
      { type: null, label: '志愿服务', count: 1, minutes: 90 },
    ])
    const text = certificateText(body)
    expect(text).toContain('王建国')
    expect(text).toContain('4103**********1234')
    expect(text).toContain('2026年8月7日 至 2026年11月21日')
    expect(text).toContain('103.5 小时')
  })
  it('renders an escaped SVG', () => {
    const svg = renderCertificateSvg(body)
    expect(svg.startsWith('<?xml')).toBe(true)
    expect(svg).toContain('SF-2026-000123')
    expect(svg).toContain('&lt;b&gt;')
    expect(svg).not.toContain('<b>')
    // The body text stays inside the border: 36 px CJK lines within the 960 px between the margins.
    const bodyLines = [...svg.matchAll(/<text x="140" y="\d+" font-size="36"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])
    expect(bodyLines.length).toBeGreaterThan(1)
    for (const l of bodyLines) expect([...l.replace(/&[a-z]+;/g, '_')].length * 36).toBeLessThanOrEqual(960)
  })
  it('exports UTF-8 CSV with a BOM, quoting and defused formulas', () => {
    const csv = buildCsv([
      { name: '王建国', idNumberMasked: null, mobile: '13900001001', team: '幸福里, 一队', title: '=HYPERLINK("x")', type: 'environment', startAt: '2026-11-20T07:00:00.000Z', endAt: '2026-11-20T09:00:00.000Z', minutes: 100, source: 'recorded', confirmedAt: '2026-11-21T02:00:00.000Z' },
    ])
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    const [header, row] = csv.slice(1).split('\r\n')
    expect(header.split(',')).toHaveLength(13)
    expect(row).toContain('"幸福里, 一队"')
    expect(row).toContain(`"'=HYPERLINK(""x"")"`)
    expect(row).toContain('2026-11-20 15:00:00')
    expect(row).toContain(',1.67,签到记录,')
    expect(csvCell('+1')).toBe("'+1")
  })
})

describe('weekly series', () => {
  const now = new Date('2026-11-23T02:00:00.000Z') // Monday 10:00 Beijing
  it('finds the next Fridays at the start time, skipping one whose sign-up deadline has passed', () => {
    const days = nextWeekdays(now, 5, '15:00', 3)
    expect(days.map((d) => atChinaTime(d, '15:00').toISOString())).toEqual(['2026-11-27T07:00:00.000Z', '2026-12-04T07:00:00.000Z', '2026-12-11T07:00:00.000Z'])
    const friday1pm = new Date('2026-11-27T05:30:00.000Z') // Friday 13:30 Beijing, deadline 13:00 passed
    const occ = seriesOccurrences({ _id: 's1', weekday: 5, startTime: '15:00', durationMinutes: 120, deadlineMinutes: 120 }, friday1pm, 2)
    expect(occ.map((o) => o.id)).toEqual(['s1-20261204', 's1-20261211'])
    expect(occ[0]).toMatchObject({ startAt: '2026-12-04T07:00:00.000Z', endAt: '2026-12-04T09:00:00.000Z', signupDeadline: '2026-12-04T05:00:00.000Z' })
    expect(chinaDayNumber('2026-11-27T07:00:00.000Z')).toBe(chinaDayNumber('2026-11-27T15:59:00.000Z'))
  })
})

describe('点单 state machine', () => {
  it('goes submitted → dispatched → taken → done → rated, with release, cancel and reject', () => {
    expect(requestTransition('submitted', 'dispatch')).toBe('dispatched')
    expect(requestTransition('dispatched', 'take')).toBe('taken')
    expect(requestTransition('taken', 'take')).toBeNull()
    expect(requestTransition('taken', 'release')).toBe('dispatched')
    expect(requestTransition('taken', 'complete')).toBe('done')
    expect(requestTransition('done', 'rate')).toBe('rated')
    expect(requestTransition('rated', 'rate')).toBeNull()
    expect(requestTransition('taken', 'cancel')).toBeNull()
    expect(requestTransition('submitted', 'reject')).toBe('rejected')
  })
})
