import { COLLECTIONS } from '../../src/domain/collections'
import { newVolunteer, VOLUNTEER_TEMPLATES, type EventDoc, type LedgerDoc, type SignupDoc } from '../../src/domain/volunteer'
import { offsetPoint } from '../../src/domain/city/geo'
import { countDocs, startCloud, type TestCloud } from '../support/runtime'
import { addVolunteers, day, eventInput, PLACE, publishedEvent, T0, volunteerDoc } from './volunteer-support'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud({ now: T0 })
}, 60_000)
afterAll(async () => {
  await cloud?.close()
})
beforeEach(() => {
  cloud.rt.clock.set(T0)
})

const staff = () => cloud.as('demo-staff')
const setClock = (iso: string, plusMs = 0) => cloud.rt.clock.set(Date.parse(iso) + plusMs)
const outboxTo = (openid: string, template: keyof typeof VOLUNTEER_TEMPLATES) =>
  cloud.rt.outbox.filter((m) => m.touser === openid && m.templateId === VOLUNTEER_TEMPLATES[template])

const REG = {
  name: '李明华',
  mobile: '13712345678',
  idNumber: '11010519491231002X',
  gender: 'male',
  skills: ['first_aid'],
  services: ['environment', 'traffic'],
  districtId: 'd-wenhua',
  streetId: 's-renmin',
  availability: ['weekend_morning'],
  teamId: 't-xingfuli',
  consent: true,
}

// ------------------------------------------------------------------------------------------- demo seed

describe('the demo seed', () => {
  it('is consistent: headcounts, waitlists, post assignments and balances match their documents', async () => {
    const all = async <T,>(name: string): Promise<T[]> => {
      const out: T[] = []
      for (let skip = 0; ; skip += 100) {
        const res = await cloud.db.collection(name).skip(skip).limit(100).get()
        out.push(...(res.data as T[]))
        if (res.data.length < 100) return out
      }
    }
    const events = await all<EventDoc>(COLLECTIONS.volunteerEvents)
    const signups = await all<SignupDoc>(COLLECTIONS.volunteerSignups)
    const ledger = await all<LedgerDoc>(COLLECTIONS.volunteerLedger)
    expect(events.length).toBeGreaterThan(30)
    for (const e of events) {
      const mine = signups.filter((x) => x.eventId === e._id)
      expect([e._id, mine.filter((x) => x.status === 'confirmed' && !x.addedByOrganiser).length]).toEqual([e._id, e.confirmedCount])
      expect(mine.filter((x) => x.status === 'waitlisted').map((x) => x.openid)).toEqual(e.waitlist)
      for (const p of e.posts) expect(mine.filter((x) => x.status === 'confirmed' && x.postId === p.id).length).toBe(p.assigned)
      expect(e.confirmedCount).toBeLessThanOrEqual(e.capacity)
    }
    for (const v of await all<{ _id: string; totalMinutes: number; points: number; status: string }>(COLLECTIONS.volunteers)) {
      const entries = ledger.filter((x) => x.openid === v._id)
      expect([v._id, entries.reduce((n, x) => n + x.minutes, 0), entries.reduce((n, x) => n + x.points, 0)]).toEqual([v._id, v.totalMinutes, v.points])
    }
    // Every confirmed participation with confirmed hours is in the ledger, once.
    const credited = signups.filter((x) => x.hours?.status === 'confirmed')
    expect(new Set(credited.map((x) => `svc:${x.eventId}:${x.openid}`))).toEqual(new Set(ledger.filter((x) => x.ref.type === 'event').map((x) => x._id)))
  })
})

// ---------------------------------------------------------------------------------------- registration

describe('registration and approval', () => {
  it('registers a resident (pending), shows them their own mobile and only a masked ID number', async () => {
    const me = await cloud.as('o-reg-1').ok('volunteer', 'register', REG as never)
    expect(me).toMatchObject({
      openid: 'o-reg-1',
      name: '李明华',
      mobile: '13712345678',
      idNumberMasked: '1101**********002X',
      status: 'pending',
      team: { id: 't-xingfuli', name: '幸福里社区志愿服务队' },
      area: { districtId: 'd-wenhua', streetId: 's-renmin', label: '文华区 人民路街道' },
      totalMinutes: 0,
      level: { current: { level: 0 } },
    })
    expect(JSON.stringify(me)).not.toContain('110105194912')
    const stored = await volunteerDoc(cloud, 'o-reg-1')
    expect(JSON.stringify(stored)).not.toContain('11010519491231002X')
    expect(stored.idHash).toMatch(/^[0-9a-f]{64}$/)
    expect((await cloud.as('o-reg-1').ok('volunteer', 'myProfile', {})).profile?.status).toBe('pending')
    expect((await cloud.as('o-nobody').ok('volunteer', 'myProfile', {})).profile).toBeNull()
  })

  it('requires consent and valid fields, and refuses a second person with the same ID number', async () => {
    const noConsent = await cloud.as('o-reg-2').fail('volunteer', 'register', { ...REG, consent: false })
    expect(noConsent.code).toBe('INVALID_INPUT')
    expect(noConsent.message).toContain('请阅读并同意')
    const badId = await cloud.as('o-reg-2').fail('volunteer', 'register', { ...REG, idNumber: '110105194912310021' })
    expect(badId.message).toContain('身份证号码不正确')
    const badMobile = await cloud.as('o-reg-2').fail('volunteer', 'register', { ...REG, mobile: '12345' })
    expect(badMobile.issues?.[0].path).toBe('mobile')
    const dup = await cloud.as('o-reg-2').fail('volunteer', 'register', { ...REG, idNumber: '11010519491231002x' })
    expect(dup).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('身份证号码已注册') })
    const wrongStreet = await cloud.as('o-reg-2').fail('volunteer', 'register', { ...REG, idNumber: undefined, districtId: 'd-binhe' })
    expect(wrongStreet.message).toBe('街道不属于所选的区')
  })

  it('lets only staff review; approval grants the volunteer role, counts the team member and notifies', async () => {
    await cloud.as('o-reg-3').ok('volunteer', 'register', { ...REG, idNumber: undefined, name: '周小燕' } as never)
    for (const who of ['o-reg-3', 'demo-volunteer', 'demo-unit', 'demo-resident']) {
      expect((await cloud.as(who).fail('volunteer', 'reviewRegistration', { openid: 'o-reg-3', decision: 'approve' })).code).toBe('FORBIDDEN')
    }
    const teamBefore = (await cloud.as('o-reg-3').ok('volunteer', 'listTeams', {})).items.find((t) => t.id === 't-xingfuli')!.memberCount
    const approved = await staff().ok('volunteer', 'reviewRegistration', { openid: 'o-reg-3', decision: 'approve' })
    expect(approved).toMatchObject({ status: 'approved', mobileMasked: '137****5678' })
    expect((await cloud.as('o-reg-3').ok('user', 'me')).roles).toContain('volunteer')
    const teamAfter = (await cloud.as('o-reg-3').ok('volunteer', 'listTeams', {})).items.find((t) => t.id === 't-xingfuli')!.memberCount
    expect(teamAfter).toBe(teamBefore + 1)
    expect(outboxTo('o-reg-3', 'review')).toHaveLength(1)
    // Again: idempotent, no second message; rejecting an approved one is a conflict.
    await staff().ok('volunteer', 'reviewRegistration', { openid: 'o-reg-3', decision: 'approve' })
    expect(outboxTo('o-reg-3', 'review')).toHaveLength(1)
    expect((await staff().fail('volunteer', 'reviewRegistration', { openid: 'o-reg-3', decision: 'reject', note: '资料不全' })).code).toBe('CONFLICT')
    expect((await cloud.as('o-reg-3').fail('volunteer', 'register', REG)).code).toBe('CONFLICT')
  })

  it('rejects with a reason; the applicant may resubmit', async () => {
    await cloud.as('o-reg-4').ok('volunteer', 'register', { ...REG, idNumber: undefined } as never)
    expect((await staff().fail('volunteer', 'reviewRegistration', { openid: 'o-reg-4', decision: 'reject' })).message).toContain('不通过时请说明原因')
    const rejected = await staff().ok('volunteer', 'reviewRegistration', { openid: 'o-reg-4', decision: 'reject', note: '请填写真实姓名' })
    expect(rejected.status).toBe('rejected')
    const again = await cloud.as('o-reg-4').ok('volunteer', 'register', { ...REG, idNumber: undefined, name: '李明' } as never)
    expect(again).toMatchObject({ status: 'pending', name: '李明', reviewNote: null })
  })

  it('never puts a mobile or ID number in staff lists and details — masked values only', async () => {
    const list = await staff().ok('volunteer', 'listRegistrations', { limit: 100 })
    expect(list.items.length).toBeGreaterThan(5)
    const text = JSON.stringify(list)
    for (const raw of ['13712345678', '13900001001', '110105194912', 'idHash']) expect(text).not.toContain(raw)
    expect(list.items.every((v) => !('mobile' in v) && /^\d{3}\*{4}\d{4}$/.test(v.mobileMasked))).toBe(true)
    const pending = await staff().ok('volunteer', 'listRegistrations', { status: 'pending' })
    expect(pending.items.map((v) => v.openid)).toContain('demo-resident-2')
    const one = await staff().ok('volunteer', 'getVolunteer', { openid: 'demo-volunteer' })
    expect(one).toMatchObject({ mobileMasked: '139****1001', idNumberMasked: expect.stringMatching(/^4103\*{10}\d{3}[\dX]$/) })
    expect(JSON.stringify(one)).not.toContain('13900001001')
  })

  it('lets a volunteer update their profile', async () => {
    const me = await cloud.as('demo-resident-4').ok('volunteer', 'updateProfile', { mobile: '13811112222', skills: ['photography'] })
    expect(me).toMatchObject({ mobile: '13811112222', skills: ['photography'] })
    expect((await cloud.as('demo-resident').fail('volunteer', 'updateProfile', { mobile: '13811112222' })).code).toBe('FORBIDDEN')
  })
})

// ---------------------------------------------------------------------------------------------- events

describe('events', () => {
  it('drafts are the organiser’s: hidden from residents until published; only staff organise', async () => {
    expect((await cloud.as('demo-volunteer').fail('volunteer', 'saveEvent', eventInput())).code).toBe('FORBIDDEN')
    const draft = await staff().ok('volunteer', 'saveEvent', eventInput() as never)
    expect(draft).toMatchObject({ status: 'draft', posts: [{ id: 'p1', needed: 2, assigned: 0, missing: 2 }, { id: 'p2', task: 'persuasion' }], signupWindow: 'not_published' })
    expect((await cloud.as('demo-resident').fail('volunteer', 'getEvent', { id: draft.id })).code).toBe('NOT_FOUND')
    expect((await cloud.as('demo-volunteer').fail('volunteer', 'signUp', { eventId: draft.id })).code).toBe('NOT_FOUND')
    const pub = await staff().ok('volunteer', 'publishEvent', { id: draft.id })
    expect(pub).toMatchObject({ status: 'published', signupWindow: 'open' })
    expect((await cloud.as('demo-resident').ok('volunteer', 'getEvent', { id: draft.id })).title).toBe('周五环境整治·测试')
    expect((await staff().fail('volunteer', 'publishEvent', { id: draft.id })).code).toBe('CONFLICT')
  })

  it('validates times', async () => {
    const backwards = await staff().fail('volunteer', 'saveEvent', eventInput({ endAt: day(4, '14:00') }))
    expect(backwards.message).toBe('结束时间应晚于开始时间')
    const past = await staff().fail('volunteer', 'saveEvent', eventInput({ startAt: day(-1, '15:00'), endAt: day(-1, '17:00') }))
    expect(past.message).toBe('开始时间应晚于现在')
    const late = await staff().fail('volunteer', 'saveEvent', eventInput({ signupDeadline: day(4, '16:00') }))
    expect(late.message).toBe('报名截止时间不能晚于开始时间')
  })

  it('lists upcoming events with the caller’s own sign-up', async () => {
    const list = await cloud.as('demo-volunteer').ok('volunteer', 'listEvents', { limit: 50 })
    const friday = list.items.find((e) => e.id === 'e-friday-p1')!
    expect(friday.my).toMatchObject({ status: 'confirmed', postId: 'p1' })
    const starts = list.items.map((e) => e.startAt)
    expect([...starts].sort()).toEqual(starts)
    const full = list.items.find((e) => e.id === 'e-traffic-p1')!
    expect(full).toMatchObject({ capacity: 3, confirmedCount: 3, waitlistCount: 1 })
    const past = await cloud.as('demo-volunteer').ok('volunteer', 'listEvents', { scope: 'past', limit: 5 })
    expect(past.items[0].status).toBe('finished')
    expect(past.items.every((e) => Date.parse(e.endAt) <= T0.getTime())).toBe(true)
  })

  it('cancelling an event notifies everyone signed up or waiting and frees their time', async () => {
    const id = await publishedEvent(cloud, { capacity: 1, startAt: day(5, '09:00'), endAt: day(5, '11:00') })
    const [a, b] = await addVolunteers(cloud, 'o-cancel-ev', 2)
    expect((await cloud.as(a).ok('volunteer', 'signUp', { eventId: id })).signup.status).toBe('confirmed')
    expect((await cloud.as(b).ok('volunteer', 'signUp', { eventId: id })).signup.status).toBe('waitlisted')
    const res = await staff().ok('volunteer', 'cancelEvent', { id, reason: '暴雨预警，活动取消' })
    expect(res).toMatchObject({ notified: 2, event: { status: 'cancelled', cancelReason: '暴雨预警，活动取消' } })
    expect(outboxTo(a, 'cancelled')).toHaveLength(1)
    expect(outboxTo(b, 'cancelled')[0].data.thing3.value).toBe('暴雨预警，活动取消')
    expect((await volunteerDoc(cloud, a)).slots.some((s) => s.eventId === id)).toBe(false)
    expect((await cloud.as(a).fail('volunteer', 'signUp', { eventId: id })).message).toBe('活动已取消')
  })
})

// -------------------------------------------------------------------------------------------- sign-ups

describe('sign-up, waitlist and overlaps', () => {
  it('confirms, waitlists, promotes in order on cancellation and notifies the promoted', async () => {
    const id = await publishedEvent(cloud, { capacity: 2, startAt: day(3, '09:00'), endAt: day(3, '11:00') })
    const vols = await addVolunteers(cloud, 'o-wait', 5)
    const results = []
    for (const v of vols) results.push(await cloud.as(v).ok('volunteer', 'signUp', { eventId: id }))
    expect(results.map((r) => [r.signup.status, r.signup.position])).toEqual([
      ['confirmed', null],
      ['confirmed', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
      ['waitlisted', 3],
    ])
    expect(outboxTo(vols[0], 'signup')).toHaveLength(1)
    expect(outboxTo(vols[2], 'signup')).toHaveLength(0)
    // Signing up again changes nothing.
    expect((await cloud.as(vols[3]).ok('volunteer', 'signUp', { eventId: id })).signup).toMatchObject({ status: 'waitlisted', position: 2 })
    // A waiting volunteer leaves: the others move up.
    await cloud.as(vols[3]).ok('volunteer', 'cancelSignUp', { eventId: id })
    expect((await cloud.as(vols[4]).ok('volunteer', 'getEvent', { id })).my).toMatchObject({ status: 'waitlisted', position: 2 })
    // A confirmed volunteer leaves: the first waiting is promoted and told so.
    const after = await cloud.as(vols[0]).ok('volunteer', 'cancelSignUp', { eventId: id })
    expect(after.event).toMatchObject({ confirmedCount: 2, waitlistCount: 1 })
    expect((await cloud.as(vols[2]).ok('volunteer', 'getEvent', { id })).my).toMatchObject({ status: 'confirmed', position: null })
    expect(outboxTo(vols[2], 'signup')[0].data.thing4.value).toContain('候补成功')
    expect((await cloud.as(vols[4]).ok('volunteer', 'getEvent', { id })).my).toMatchObject({ status: 'waitlisted', position: 1 })
    expect((await cloud.as(vols[0]).fail('volunteer', 'cancelSignUp', { eventId: id })).code).toBe('NOT_FOUND')
    // Raising the capacity lets the waitlist in.
    const raised = await staff().ok('volunteer', 'saveEvent', { id, ...eventInput({ capacity: 3, startAt: day(3, '09:00'), endAt: day(3, '11:00') }) } as never)
    expect(raised).toMatchObject({ confirmedCount: 3, waitlistCount: 0 })
    expect(outboxTo(vols[4], 'signup')).toHaveLength(1)
    const lower = await staff().fail('volunteer', 'saveEvent', { id, ...eventInput({ capacity: 1, startAt: day(3, '09:00'), endAt: day(3, '11:00') }) })
    expect(lower.code).toBe('CONFLICT')
  })

  it('refuses overlapping events for one volunteer, and allows back-to-back ones', async () => {
    const a = await publishedEvent(cloud, { startAt: day(2, '09:00'), endAt: day(2, '11:00') })
    const b = await publishedEvent(cloud, { startAt: day(2, '10:30'), endAt: day(2, '12:00') })
    const c = await publishedEvent(cloud, { startAt: day(2, '11:00'), endAt: day(2, '12:30') })
    const [v] = await addVolunteers(cloud, 'o-overlap', 1)
    await cloud.as(v).ok('volunteer', 'signUp', { eventId: a })
    expect(await cloud.as(v).fail('volunteer', 'signUp', { eventId: b })).toMatchObject({ code: 'CONFLICT', message: '您在该时段已报名其他活动' })
    await cloud.as(v).ok('volunteer', 'signUp', { eventId: c })
    await cloud.as(v).ok('volunteer', 'cancelSignUp', { eventId: a })
    expect((await cloud.as(v).fail('volunteer', 'signUp', { eventId: b })).code).toBe('CONFLICT') // still overlaps c
    await cloud.as(v).ok('volunteer', 'cancelSignUp', { eventId: c })
    await cloud.as(v).ok('volunteer', 'signUp', { eventId: b })
  })

  it('opens sign-ups 7 days ahead, closes them at the deadline, keeps team events to the team', async () => {
    const far = await publishedEvent(cloud, { startAt: day(9, '09:00'), endAt: day(9, '11:00') })
    const [v] = await addVolunteers(cloud, 'o-window', 1)
    expect((await cloud.as(v).fail('volunteer', 'signUp', { eventId: far })).message).toContain('报名尚未开始')
    const soon = await publishedEvent(cloud, { startAt: day(1, '09:00'), endAt: day(1, '11:00') })
    setClock(day(1, '07:30'))
    expect((await cloud.as(v).fail('volunteer', 'signUp', { eventId: soon })).message).toBe('报名已截止')
    cloud.rt.clock.set(T0)
    const teamOnly = await publishedEvent(cloud, { teamId: 't-jiaotong', startAt: day(2, '14:00'), endAt: day(2, '16:00') })
    expect((await cloud.as(v).fail('volunteer', 'signUp', { eventId: teamOnly })).code).toBe('FORBIDDEN')
    expect((await cloud.as('demo-resident-4').ok('volunteer', 'signUp', { eventId: teamOnly })).signup.status).toBe('confirmed')
    expect((await cloud.as('demo-resident').fail('volunteer', 'signUp', { eventId: teamOnly })).code).toBe('FORBIDDEN')
  })

  it('assigns volunteers to posts and shows the organiser what is uncovered', async () => {
    const id = await publishedEvent(cloud, { capacity: 5, startAt: day(3, '14:00'), endAt: day(3, '16:00') })
    const [a, b, c] = await addVolunteers(cloud, 'o-post', 3)
    await cloud.as(a).ok('volunteer', 'signUp', { eventId: id, postId: 'p1' })
    await cloud.as(b).ok('volunteer', 'signUp', { eventId: id })
    await cloud.as(c).ok('volunteer', 'signUp', { eventId: id })
    let roster = await staff().ok('volunteer', 'eventRoster', { id })
    expect(roster.event.posts.map((p) => [p.id, p.assigned, p.missing])).toEqual([['p1', 1, 1], ['p2', 0, 1]])
    expect(roster.event.uncoveredPosts).toBe(2)
    await staff().ok('volunteer', 'assignPost', { eventId: id, openid: b, postId: 'p1' })
    const res = await staff().ok('volunteer', 'assignPost', { eventId: id, openid: c, postId: 'p2' })
    expect(res.row.postId).toBe('p2')
    expect(res.event.uncoveredPosts).toBe(0)
    await staff().ok('volunteer', 'assignPost', { eventId: id, openid: b, postId: null })
    roster = await staff().ok('volunteer', 'eventRoster', { id })
    expect(roster.event.posts.map((p) => p.missing)).toEqual([1, 0])
    expect(roster.rows.map((r) => r.mobileMasked).every((m) => /^\d{3}\*{4}\d{4}$/.test(m))).toBe(true)
    expect(JSON.stringify(roster)).not.toContain('13800000')
    expect((await cloud.as(a).fail('volunteer', 'eventRoster', { id })).code).toBe('FORBIDDEN')
  })
})

// ------------------------------------------------------------------------------- attendance and hours

describe('check-in, hours and confirmation', () => {
  it('scans a rotating code on site: forwarded (expired) codes and far-away scans are refused', async () => {
    const id = await publishedEvent(cloud, { startAt: day(2, '15:00'), endAt: day(2, '17:00') })
    const [v, w] = await addVolunteers(cloud, 'o-scan', 2)
    await cloud.as(v).ok('volunteer', 'signUp', { eventId: id })
    expect((await cloud.as(v).fail('volunteer', 'checkinToken', { eventId: id, kind: 'in' })).code).toBe('FORBIDDEN')
    expect((await staff().fail('volunteer', 'checkinToken', { eventId: id, kind: 'in' })).message).toContain('30 分钟')

    setClock(day(2, '14:50'))
    const { token, expiresAt, refreshAfterMs } = await staff().ok('volunteer', 'checkinToken', { eventId: id, kind: 'in' })
    expect(refreshAfterMs).toBe(10_000)
    expect(Date.parse(expiresAt) - cloud.rt.clock.now()).toBeLessThanOrEqual(20_000)
    const far = offsetPoint(PLACE, 1500, 0)
    expect((await cloud.as(v).fail('volunteer', 'scan', { token, ...far })).message).toContain('请到现场')
    expect((await cloud.as(w).fail('volunteer', 'scan', { token, lat: PLACE.lat, lng: PLACE.lng })).message).toContain('没有报名')
    const near = offsetPoint(PLACE, 120, 80)
    const inRes = await cloud.as(v).ok('volunteer', 'scan', { token, ...near })
    expect(inRes).toMatchObject({ eventId: id, kind: 'in', repeated: false, minutes: null })
    expect(inRes.distanceM).toBeGreaterThan(100)
    expect((await cloud.as(v).ok('volunteer', 'scan', { token, ...near })).repeated).toBe(true)

    // A screenshot kept for later does not work.
    cloud.rt.clock.advance(25_000)
    expect((await cloud.as(v).fail('volunteer', 'scan', { token, ...near })).message).toContain('已过期')
    expect((await cloud.as(v).fail('volunteer', 'scan', { token: token.replace('.in.', '.out.'), ...near })).message).toBe('签到码无效')

    setClock(day(2, '17:10'))
    const out = await staff().ok('volunteer', 'checkinToken', { eventId: id, kind: 'out' })
    const outRes = await cloud.as(v).ok('volunteer', 'scan', { token: out.token, ...near })
    // 14:50 → 17:10 is 140 minutes, capped by the event's 120.
    expect(outRes).toMatchObject({ kind: 'out', minutes: 120 })
    const mine = await cloud.as(v).ok('volunteer', 'mySignUps', { scope: 'past' })
    expect(mine.items[0]).toMatchObject({ eventId: id, hours: { minutes: 120, source: 'recorded', status: 'pending' } })
  })

  it('only staff confirm hours, never their own; only confirmed hours count, once', async () => {
    const id = await publishedEvent(cloud, { startAt: day(2, '09:00'), endAt: day(2, '11:00') })
    const [v] = await addVolunteers(cloud, 'o-confirm', 1, { team: { id: 't-xingfuli', name: '幸福里社区志愿服务队' } })
    // demo-staff is also a volunteer here: they may not confirm their own hours.
    await cloud.db.collection(COLLECTIONS.users).doc('demo-staff').update({ data: { roles: ['staff', 'volunteer'] } })
    await cloud.db.collection(COLLECTIONS.volunteers).add({ data: { ...newVolunteer('demo-staff', { name: '张晓', mobile: '13900003333', skills: [], services: ['environment'], availability: ['weekend_morning'], idNumberMasked: null, idHash: null, area: null, team: null }, T0), status: 'approved' } })
    await cloud.as(v).ok('volunteer', 'signUp', { eventId: id })
    await staff().ok('volunteer', 'signUp', { eventId: id })
    setClock(day(2, '09:05'))
    await staff().ok('volunteer', 'markAttendance', { eventId: id, openid: v, kind: 'in' })
    await staff().ok('volunteer', 'markAttendance', { eventId: id, openid: 'demo-staff', kind: 'in' })
    setClock(day(2, '10:35'))
    const row = await staff().ok('volunteer', 'markAttendance', { eventId: id, openid: v, kind: 'out' })
    expect(row).toMatchObject({ checkIn: { method: 'organiser' }, hours: { minutes: 90, source: 'recorded', status: 'pending' } })
    await staff().ok('volunteer', 'markAttendance', { eventId: id, openid: 'demo-staff', kind: 'out' })

    const before = await volunteerDoc(cloud, v)
    expect(before.totalMinutes).toBe(0)
    expect((await cloud.as(v).fail('volunteer', 'confirmHours', { eventId: id })).code).toBe('FORBIDDEN')
    const res = await staff().ok('volunteer', 'confirmHours', { eventId: id })
    expect(res).toMatchObject({ confirmed: 1, minutes: 90 })
    expect(res.skipped).toEqual([{ openid: 'demo-staff', reason: '不能确认本人的服务时长' }])
    const after = await volunteerDoc(cloud, v)
    expect(after).toMatchObject({ totalMinutes: 90, points: 1, serviceCount: 1 })
    expect(outboxTo(v, 'hours')).toHaveLength(1)
    // Confirming again credits nothing twice.
    const again = await staff().ok('volunteer', 'confirmHours', { eventId: id, openids: [v] })
    expect(again).toMatchObject({ confirmed: 0, skipped: [{ openid: v, reason: '时长已确认' }] })
    expect(await countDocs(cloud.db, COLLECTIONS.volunteerLedger, { openid: v })).toBe(1)
    const record = await cloud.as(v).ok('volunteer', 'myRecord', {})
    expect(record).toMatchObject({ totalMinutes: 90, points: 1, monthMinutes: 90, pendingMinutes: 0 })
    const team = await cloud.as(v).ok('volunteer', 'rankings', { kind: 'team' })
    expect(team.me?.id).toBe('t-xingfuli')
    await cloud.db.collection(COLLECTIONS.users).doc('demo-staff').update({ data: { roles: ['staff'] } })
  })

  it('manual hours need a reason, stay within the event’s length, cannot be one’s own, and are audited', async () => {
    const id = await publishedEvent(cloud, { startAt: day(2, '09:00'), endAt: day(2, '11:00') })
    const [v] = await addVolunteers(cloud, 'o-manual', 1)
    await cloud.as(v).ok('volunteer', 'signUp', { eventId: id })
    expect((await staff().fail('volunteer', 'setManualHours', { eventId: id, openid: v, minutes: 60, reason: '漏签退' })).message).toBe('活动开始后才能补录时长')
    setClock(day(2, '12:00'))
    expect((await staff().fail('volunteer', 'setManualHours', { eventId: id, openid: v, minutes: 60 })).code).toBe('INVALID_INPUT')
    expect((await staff().fail('volunteer', 'setManualHours', { eventId: id, openid: v, minutes: 121, reason: '漏签退' })).message).toContain('不能超过活动时长')
    expect((await staff().fail('volunteer', 'setManualHours', { eventId: id, openid: 'demo-staff', minutes: 60, reason: '漏签退' })).code).toBe('FORBIDDEN')
    expect((await cloud.as(v).fail('volunteer', 'setManualHours', { eventId: id, openid: v, minutes: 60, reason: '漏签退' })).code).toBe('FORBIDDEN')
    const audits = await countDocs(cloud.db, COLLECTIONS.volunteerAudit, { action: 'manualHours' })
    const row = await staff().ok('volunteer', 'setManualHours', { eventId: id, openid: v, minutes: 110, reason: '手机没电未能签到签退，经负责人核实' })
    expect(row.hours).toMatchObject({ minutes: 110, source: 'manual', status: 'pending', reason: '手机没电未能签到签退，经负责人核实' })
    expect(await countDocs(cloud.db, COLLECTIONS.volunteerAudit, { action: 'manualHours' })).toBe(audits + 1)
    // A past event the volunteer served at without signing up.
    const [w] = await addVolunteers(cloud, 'o-manual-walkin', 1)
    const walkIn = await staff().ok('volunteer', 'setManualHours', { eventId: id, openid: w, minutes: 60, reason: '现场临时加入' })
    expect(walkIn).toMatchObject({ addedByOrganiser: true, status: 'confirmed' })
    expect((await staff().ok('volunteer', 'confirmHours', { eventId: id })).confirmed).toBe(2)
    const ledger = await cloud.db.collection(COLLECTIONS.volunteerLedger).where({ openid: v }).get()
    expect(ledger.data[0]).toMatchObject({ kind: 'service', minutes: 110, source: 'manual', note: '手机没电未能签到签退，经负责人核实' })
    expect((await staff().fail('volunteer', 'setManualHours', { eventId: id, openid: v, minutes: 100, reason: '改一下' })).message).toContain('时长已确认')
  })

  it('a volunteer may ask for a correction; staff approval books the difference in the ledger', async () => {
    const id = await publishedEvent(cloud, { startAt: day(2, '09:00'), endAt: day(2, '11:00') })
    const [v] = await addVolunteers(cloud, 'o-correct', 1)
    await cloud.as(v).ok('volunteer', 'signUp', { eventId: id })
    setClock(day(2, '09:00'))
    await staff().ok('volunteer', 'markAttendance', { eventId: id, openid: v, kind: 'in' })
    setClock(day(2, '09:40'))
    await staff().ok('volunteer', 'markAttendance', { eventId: id, openid: v, kind: 'out' })
    await staff().ok('volunteer', 'confirmHours', { eventId: id })
    expect((await volunteerDoc(cloud, v)).totalMinutes).toBe(40)
    expect((await cloud.as(v).fail('volunteer', 'requestCorrection', { eventId: id, requestedMinutes: 150, reason: '全程参加' })).message).toContain('不能超过活动时长')
    const c = await cloud.as(v).ok('volunteer', 'requestCorrection', { eventId: id, requestedMinutes: 120, reason: '签退时扫错了码，实际全程参加' })
    expect(c).toMatchObject({ status: 'pending', currentMinutes: 40, requestedMinutes: 120 })
    expect((await cloud.as(v).fail('volunteer', 'requestCorrection', { eventId: id, requestedMinutes: 110, reason: '再来一次' })).code).toBe('CONFLICT')
    expect((await cloud.as(v).fail('volunteer', 'resolveCorrection', { id: c.id, decision: 'approve', note: '同意' })).code).toBe('FORBIDDEN')
    const pending = await staff().ok('volunteer', 'listCorrections', {})
    expect(pending.items.map((x) => x.id)).toContain(c.id)
    const done = await staff().ok('volunteer', 'resolveCorrection', { id: c.id, decision: 'approve', note: '经现场负责人核实' })
    expect(done).toMatchObject({ status: 'approved', appliedMinutes: 120 })
    expect(await volunteerDoc(cloud, v)).toMatchObject({ totalMinutes: 120, points: 2, serviceCount: 1 })
    const ledger = (await cloud.as(v).ok('volunteer', 'myLedger', {})).items
    expect(ledger.map((e) => [e.kind, e.minutes, e.points, e.balanceMinutes])).toEqual([
      ['adjustment', 80, 2, 120],
      ['service', 40, 0, 40],
    ])
    expect((await staff().fail('volunteer', 'resolveCorrection', { id: c.id, decision: 'reject', note: '重复处理' })).code).toBe('CONFLICT')
    expect((await cloud.as(v).ok('volunteer', 'myCorrections', {})).items[0].status).toBe('approved')
  })
})

// ----------------------------------------------------------------------------------- timer and no-shows

describe('the tick timer', () => {
  it('moves events by the clock, marks no-shows, pauses repeat no-shows until staff clear it', async () => {
    const [v, present] = await addVolunteers(cloud, 'o-noshow', 2)
    const ids: string[] = []
    for (let i = 0; i < 3; i++) ids.push(await publishedEvent(cloud, { startAt: day(1 + i, '09:00'), endAt: day(1 + i, '10:00') }))
    for (const id of ids) await cloud.as(v).ok('volunteer', 'signUp', { eventId: id })
    await cloud.as(present).ok('volunteer', 'signUp', { eventId: ids[0] })
    setClock(day(1, '09:10'))
    let tick = await cloud.rt.runTrigger('volunteer', 'tick')
    expect(tick.ok).toBe(true)
    expect((await cloud.as(v).ok('volunteer', 'getEvent', { id: ids[0] })).status).toBe('ongoing')
    await staff().ok('volunteer', 'markAttendance', { eventId: ids[0], openid: present, kind: 'in' })
    setClock(day(3, '12:00'))
    tick = await cloud.rt.runTrigger('volunteer', 'tick')
    expect(tick.data.noShows).toBeGreaterThanOrEqual(3)
    expect((await volunteerDoc(cloud, v)).noShows).toHaveLength(3)
    const stored = await cloud.db.collection(COLLECTIONS.volunteerEvents).where({ _id: ids[0] }).get()
    expect((stored.data[0] as EventDoc).status).toBe('finished')
    const roster = await staff().ok('volunteer', 'eventRoster', { id: ids[0] })
    expect(roster.rows.find((r) => r.openid === v)?.noShow).toBe(true)
    expect(roster.rows.find((r) => r.openid === present)?.noShow).toBe(false)
    expect(roster.counts).toMatchObject({ confirmed: 2, checkedIn: 1, noShows: 1 })
    // Running again marks nothing twice.
    expect((await cloud.rt.runTrigger('volunteer', 'tick')).data.noShows).toBe(0)

    const next = await publishedEvent(cloud, { startAt: day(5, '09:00'), endAt: day(5, '10:00') })
    const paused = await cloud.as(v).fail('volunteer', 'signUp', { eventId: next })
    expect(paused).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('报名已暂停') })
    expect((await cloud.as(v).ok('volunteer', 'myProfile', {})).profile?.signups).toMatchObject({ recentNoShows: 3, paused: true })
    expect((await cloud.as(v).fail('volunteer', 'clearPause', { openid: v, note: '已谈话' })).code).toBe('FORBIDDEN')
    const cleared = await staff().ok('volunteer', 'clearPause', { openid: v, note: '已电话沟通，承诺按时参加' })
    expect(cleared.signups).toMatchObject({ recentNoShows: 0, paused: false })
    await cloud.as(v).ok('volunteer', 'signUp', { eventId: next })
    // Hours added by hand for a no-show take the no-show back.
    await staff().ok('volunteer', 'setManualHours', { eventId: ids[2], openid: v, minutes: 30, reason: '到场较晚未签到，经核实参加' })
    expect((await volunteerDoc(cloud, v)).noShows).toHaveLength(2)
  })

  it('keeps the weekly series generated ahead, idempotently by date', async () => {
    const first = await cloud.rt.runTrigger('volunteer', 'tick')
    expect(first.ok).toBe(true)
    const series = await cloud.db.collection(COLLECTIONS.volunteerEvents).where({ seriesId: 's-friday-xingfuli', startAt: cloud.db.command.gt(T0.toISOString()) }).get()
    // The seeded next two Fridays already cover the two weeks ahead: nothing duplicated.
    expect(series.data.map((e) => e.startAt).sort()).toEqual([day(4, '15:00'), day(11, '15:00')])
    setClock(day(8, '10:00'))
    const later = await cloud.rt.runTrigger('volunteer', 'tick')
    expect(later.data.generated).toBe(1)
    const again = await cloud.rt.runTrigger('volunteer', 'tick')
    expect(again.data.generated).toBe(0)
    const e = await cloud.as('demo-volunteer').ok('volunteer', 'getEvent', { id: `s-friday-xingfuli-${day(18, '15:00').slice(0, 10).replace(/-/g, '')}` })
    expect(e).toMatchObject({ startAt: day(18, '15:00'), posts: [{ name: '幸福里小区1-3号楼' }, {}, {}, {}], seriesId: 's-friday-xingfuli' })
  })

  it('createSeries generates the next Fridays from a template, and again only the missing ones', async () => {
    const template = { ...eventInput(), startAt: undefined, endAt: undefined }
    delete template.startAt
    delete template.endAt
    const res = await staff().ok('volunteer', 'createSeries', { template: template as never, weekday: 5, startTime: '14:30', durationMinutes: 150, weeks: 3 })
    expect(res.created).toHaveLength(3)
    const first = await staff().ok('volunteer', 'getEvent', { id: res.created[0] })
    expect(first).toMatchObject({ startAt: day(4, '14:30'), endAt: day(4, '17:00'), status: 'published', posts: [{ id: 'p1' }, { id: 'p2' }] })
    const again = await staff().ok('volunteer', 'createSeries', { seriesId: res.seriesId, weeks: 4 })
    expect(again.created).toHaveLength(1)
    expect(again.existing).toEqual(res.created)
    const list = await staff().ok('volunteer', 'staffEvents', { seriesId: res.seriesId })
    expect(list.items).toHaveLength(4)
    expect((await cloud.as('demo-volunteer').fail('volunteer', 'createSeries', { seriesId: res.seriesId })).code).toBe('FORBIDDEN')
  })
})

// -------------------------------------------------------------------------------- record and documents

describe('record, rankings, certificate and export', () => {
  it('shows the demo volunteer’s 时间存折: a 一星志愿者 with a consistent ledger', async () => {
    const record = await cloud.as('demo-volunteer').ok('volunteer', 'myRecord', {})
    expect(record).toMatchObject({ name: '王建国', level: { current: { name: '一星志愿者' } } })
    const all: LedgerDoc[] = (await cloud.db.collection(COLLECTIONS.volunteerLedger).where({ openid: 'demo-volunteer' }).limit(1000).get()).data as LedgerDoc[]
    expect(all.reduce((n, e) => n + e.minutes, 0)).toBe(record.totalMinutes)
    expect(all.reduce((n, e) => n + e.points, 0)).toBe(record.points)
    expect(record.points).toBe(record.pointsEarned - record.pointsSpent)
    const page = await cloud.as('demo-volunteer').ok('volunteer', 'myLedger', { limit: 5 })
    expect(page.hasMore).toBe(true)
    expect(page.items[0].balancePoints).toBe(record.points)
    expect((await cloud.as('demo-resident').fail('volunteer', 'myRecord', {})).code).toBe('FORBIDDEN')
  })

  it('ranks volunteers (masked names) and teams by month', async () => {
    const month = '2026-11'
    const vols = await cloud.as('demo-resident').ok('volunteer', 'rankings', { kind: 'volunteer', month })
    expect(vols.items.length).toBeGreaterThan(3)
    expect(vols.items.every((i) => i.name.includes('*'))).toBe(true)
    // Public: no OPENID in the rows, not even as a key.
    const volunteerIds = (await cloud.db.collection('volunteers').limit(100).get()).data.map((d) => String(d._id))
    expect(JSON.stringify(vols)).not.toMatch(new RegExp(volunteerIds.map((id) => id.replace(/[-]/g, '\\-')).join('|')))
    const mins = vols.items.map((i) => i.minutes)
    expect([...mins].sort((a, b) => b - a)).toEqual(mins)
    expect(vols.me).toBeNull()
    const mine = await cloud.as('demo-volunteer').ok('volunteer', 'rankings', { kind: 'volunteer', month, limit: 1 })
    expect(mine.me?.isMe).toBe(true)
    const teams = await cloud.as('demo-resident').ok('volunteer', 'rankings', { kind: 'team', month })
    expect(teams.items[0].name).toBe('幸福里社区志愿服务队')
  })

  it('issues numbered certificates (with a saved SVG) that anyone can check by number', async () => {
    const a = await cloud.as('demo-volunteer').ok('volunteer', 'issueCertificate', {})
    const b = await cloud.as('demo-volunteer').ok('volunteer', 'issueCertificate', { from: day(-30, '00:00'), render: false })
    expect(a.number).toMatch(/^SF-2026-\d{6}$/)
    expect(Number(b.number.slice(-6))).toBe(Number(a.number.slice(-6)) + 1)
    expect(a).toMatchObject({ issuer: { name: '示范市志愿服务联合会' }, volunteerName: '王建国', idNumberMasked: expect.stringContaining('**********') })
    expect(a.byType[0]).toMatchObject({ label: '周五环境整治' })
    expect(a.url).toContain(`${a.number}.svg`)
    expect(b.totalMinutes).toBeLessThan(a.totalMinutes)
    expect(b.url).toBeNull()
    const file = await (cloud.rt as unknown as { storageApi: { downloadFile(p: { fileID: string }): Promise<{ fileContent: Buffer }> } }).storageApi.downloadFile({ fileID: a.fileId! })
    expect(file.fileContent.toString('utf8')).toContain(a.number)
    const check = await cloud.as('demo-resident').ok('volunteer', 'verifyCertificate', { number: a.number })
    expect(check).toMatchObject({ number: a.number, volunteerName: '王*国', totalMinutes: a.totalMinutes })
    expect((await cloud.as('demo-resident').fail('volunteer', 'verifyCertificate', { number: 'SF-2026-999999' })).code).toBe('NOT_FOUND')
    expect((await cloud.as('demo-volunteer').ok('volunteer', 'myCertificates', {})).items.map((c) => c.number)).toEqual([b.number, a.number])
    const [fresh] = await addVolunteers(cloud, 'o-cert', 1)
    expect((await cloud.as(fresh).fail('volunteer', 'issueCertificate', {})).message).toContain('没有已确认的志愿服务记录')
  })

  it('exports confirmed hours as CSV for the national system (staff only, audited)', async () => {
    expect((await cloud.as('demo-volunteer').fail('volunteer', 'exportHours', { from: day(-200, '00:00'), to: day(1, '00:00') })).code).toBe('FORBIDDEN')
    const res = await staff().ok('volunteer', 'exportHours', { from: day(-200, '00:00'), to: day(1, '00:00') })
    expect(res.rows).toBeGreaterThan(50)
    const file = await (cloud.rt as unknown as { storageApi: { downloadFile(p: { fileID: string }): Promise<{ fileContent: Buffer }> } }).storageApi.downloadFile({ fileID: res.fileId })
    const csv = file.fileContent.toString('utf8')
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    const lines = csv.trim().split('\r\n')
    expect(lines[0]).toContain('志愿者姓名,证件类型,证件号码,手机号码')
    expect(lines).toHaveLength(res.rows + 1)
    expect(csv).toContain('王建国')
    expect(csv).toContain('点单服务')
    expect(await countDocs(cloud.db, COLLECTIONS.volunteerAudit, { action: 'export' })).toBeGreaterThan(0)
  })
})

// ------------------------------------------------------------------------------------------ 爱心超市

describe('爱心超市', () => {
  it('redeems for points with a one-time code that only staff verify, once', async () => {
    const goods = await cloud.as('demo-volunteer').ok('volunteer', 'listGoods', {})
    expect(goods.items.map((g) => g.id)).toContain('g-towel')
    const before = await cloud.as('demo-volunteer').ok('volunteer', 'myRecord', {})
    const res = await cloud.as('demo-volunteer').ok('volunteer', 'redeem', { goodsId: 'g-towel' })
    expect(res.points).toBe(before.points - 10)
    expect(res.redemption.code).toMatch(/^[23456789A-HJKMNP-Z]{10}$/)
    const code = res.redemption.code!
    expect((await cloud.as('demo-volunteer').fail('volunteer', 'verifyRedemption', { code })).code).toBe('FORBIDDEN')
    const check = await staff().ok('volunteer', 'checkRedemption', { code: code.toLowerCase() })
    expect(check).toMatchObject({ goodsName: '毛巾两条装', status: 'issued', volunteerName: '王*国' })
    expect(JSON.stringify(check)).not.toContain(code)
    expect((await staff().ok('volunteer', 'verifyRedemption', { code })).status).toBe('verified')
    expect((await staff().fail('volunteer', 'verifyRedemption', { code })).message).toBe('该核销码已使用')
    const mine = await cloud.as('demo-volunteer').ok('volunteer', 'myRedemptions', {})
    expect(mine.items.find((r) => r.id === res.redemption.id)).toMatchObject({ status: 'verified', code: null })
    expect((await cloud.as('demo-volunteer').fail('volunteer', 'cancelRedemption', { id: res.redemption.id })).code).toBe('CONFLICT')
  })

  it('a retried redeem with the same clientId is answered once; cancelling refunds points and stock', async () => {
    const [v] = await addVolunteers(cloud, 'o-redeem', 1, { points: 50, pointsEarned: 50, totalMinutes: 3000 })
    const first = await cloud.as(v).ok('volunteer', 'redeem', { goodsId: 'g-oil', clientId: 'tap-0001-abc' })
    const second = await cloud.as(v).ok('volunteer', 'redeem', { goodsId: 'g-oil', clientId: 'tap-0001-abc' })
    expect(second).toMatchObject({ replayed: true, points: 20, redemption: { id: first.redemption.id } })
    const stockBefore = (await cloud.as(v).ok('volunteer', 'listGoods', {})).items.find((g) => g.id === 'g-oil')!.stock
    const cancelled = await cloud.as(v).ok('volunteer', 'cancelRedemption', { id: first.redemption.id })
    expect(cancelled).toMatchObject({ points: 50, redemption: { status: 'cancelled', code: null } })
    expect((await cloud.as(v).ok('volunteer', 'listGoods', {})).items.find((g) => g.id === 'g-oil')!.stock).toBe(stockBefore + 1)
    expect((await staff().fail('volunteer', 'verifyRedemption', { code: first.redemption.code! })).message).toBe('该兑换已取消')
    expect((await cloud.as('demo-volunteer').fail('volunteer', 'cancelRedemption', { id: first.redemption.id })).code).toBe('NOT_FOUND')
    const ledger = (await cloud.as(v).ok('volunteer', 'myLedger', {})).items
    expect(ledger.map((e) => [e.kind, e.points])).toEqual([['refund', 30], ['redeem', -30]])
  })

  it('refuses when points are short, per-person limits are reached, or stock is gone; staff keep the catalogue', async () => {
    const [v] = await addVolunteers(cloud, 'o-short', 1, { points: 55, pointsEarned: 55 })
    expect((await cloud.as(v).fail('volunteer', 'redeem', { goodsId: 'g-movie' })).message).toContain('积分不足')
    await cloud.as(v).ok('volunteer', 'redeem', { goodsId: 'g-cup' })
    expect((await cloud.as(v).fail('volunteer', 'redeem', { goodsId: 'g-cup' })).message).toBe('每人限兑 1 次')
    expect((await cloud.as(v).fail('volunteer', 'saveGoods', { name: '雨伞', kind: 'goods', pointsPrice: 5, stock: 1 })).code).toBe('FORBIDDEN')
    const g = await staff().ok('volunteer', 'saveGoods', { name: '雨伞', kind: 'goods', pointsPrice: 5, stock: 1 })
    await cloud.as(v).ok('volunteer', 'redeem', { goodsId: g.id })
    const [w] = await addVolunteers(cloud, 'o-short-2', 1, { points: 55, pointsEarned: 55 })
    expect((await cloud.as(w).fail('volunteer', 'redeem', { goodsId: g.id })).message).toBe('该商品已兑完')
    await staff().ok('volunteer', 'saveGoods', { id: g.id, name: '雨伞', kind: 'goods', pointsPrice: 5, stock: 0, active: false })
    expect((await cloud.as(w).ok('volunteer', 'listGoods', {})).items.some((x) => x.id === g.id)).toBe(false)
    expect((await staff().ok('volunteer', 'listGoods', { includeInactive: true })).items.some((x) => x.id === g.id)).toBe(true)
    expect((await cloud.as(w).ok('volunteer', 'listGoods', { includeInactive: true })).items.some((x) => x.id === g.id)).toBe(false)
  })
})

// ----------------------------------------------------------------------------------- 点单 → 评单

describe('点单 → 派单 → 接单 → 评单', () => {
  it('runs a request from a resident to credited hours', async () => {
    const req = await cloud.as('demo-resident-3').ok('volunteer', 'submitRequest', {
      category: 'elderly',
      place: { address: '幸福里小区5号楼2单元', lat: 34.62, lng: 112.45 },
      expectedAt: day(2, '09:00'),
      description: '老人行动不便，需要陪同去社区医院复查。',
      contactName: '陈建军',
      contactMobile: '13655556666',
    })
    expect(req).toMatchObject({ status: 'submitted', contactMobile: '13655556666' })
    expect((await cloud.as('demo-volunteer').fail('volunteer', 'dispatchRequest', { id: req.id, teamId: 't-xingfuli' })).code).toBe('FORBIDDEN')
    const queue = await staff().ok('volunteer', 'listRequests', {})
    expect(queue.items.find((r) => r.id === req.id)).toMatchObject({ contactMobile: '136****6666' })
    await staff().ok('volunteer', 'dispatchRequest', { id: req.id, teamId: 't-xingfuli' })
    expect(outboxTo('demo-volunteer', 'request').length).toBeGreaterThan(0)

    const open = await cloud.as('demo-volunteer').ok('volunteer', 'teamRequests', {})
    expect(open.items.find((r) => r.id === req.id)).toMatchObject({ contactMobile: '136****6666', contactName: '陈*军' })
    expect((await cloud.as('demo-resident-4').fail('volunteer', 'takeRequest', { id: req.id })).message).toBe('该需求派给了其他服务队')
    const [mate] = await addVolunteers(cloud, 'o-take', 1, { team: { id: 't-xingfuli', name: '幸福里社区志愿服务队' } })
    const [a, b] = await Promise.all([cloud.as('demo-volunteer').call('volunteer', 'takeRequest', { id: req.id }), cloud.as(mate).call('volunteer', 'takeRequest', { id: req.id })])
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1)
    const taker = a.ok ? 'demo-volunteer' : mate
    const other = a.ok ? mate : 'demo-volunteer'
    const mine = await cloud.as(taker).ok('volunteer', 'teamRequests', { scope: 'mine' })
    expect(mine.items.find((r) => r.id === req.id)).toMatchObject({ contactMobile: '13655556666', mine: true })
    expect((await cloud.as(other).fail('volunteer', 'completeRequest', { id: req.id, minutes: 90 })).code).toBe('FORBIDDEN')
    expect((await cloud.as('demo-resident-3').fail('volunteer', 'rateRequest', { id: req.id, score: 5 })).code).toBe('CONFLICT')
    await cloud.as(taker).ok('volunteer', 'completeRequest', { id: req.id, minutes: 100, note: '陪同复查，已送回家' })
    const before = await volunteerDoc(cloud, taker)
    expect((await cloud.as('demo-resident').fail('volunteer', 'rateRequest', { id: req.id, score: 5 })).code).toBe('NOT_FOUND')
    const rated = await cloud.as('demo-resident-3').ok('volunteer', 'rateRequest', { id: req.id, score: 5, comment: '非常感谢' })
    expect(rated).toMatchObject({ status: 'rated', rating: { score: 5 }, minutes: 100 })
    const after = await volunteerDoc(cloud, taker)
    expect(after.totalMinutes - before.totalMinutes).toBe(100)
    expect((await cloud.as('demo-resident-3').fail('volunteer', 'rateRequest', { id: req.id, score: 4 })).code).toBe('CONFLICT')
    expect(await countDocs(cloud.db, COLLECTIONS.volunteerLedger, { _id: `req:${req.id}` })).toBe(1)
  })

  it('credits unrated requests automatically a week after completion; residents can withdraw before it is taken', async () => {
    const req = await cloud.as('demo-resident-3').ok('volunteer', 'submitRequest', {
      category: 'repair',
      place: { address: '幸福里小区6号楼', lat: 34.62, lng: 112.45 },
      expectedAt: day(1, '10:00'),
      description: '楼道灯不亮了，想请志愿者帮忙看看。',
      contactName: '陈建军',
      contactMobile: '13655556666',
    })
    await staff().ok('volunteer', 'dispatchRequest', { id: req.id, teamId: 't-aixin' })
    const [zhou] = await addVolunteers(cloud, 'o-aixin', 1, { team: { id: 't-aixin', name: '滨江花园“爱心车队”志愿服务队' } })
    await cloud.as(zhou).ok('volunteer', 'takeRequest', { id: req.id })
    await cloud.as(zhou).ok('volunteer', 'completeRequest', { id: req.id, minutes: 45 })
    const before = (await volunteerDoc(cloud, zhou)).totalMinutes
    setClock(day(8, '12:00'))
    const tick = await cloud.rt.runTrigger('volunteer', 'tick')
    expect(tick.data.credited).toBeGreaterThanOrEqual(1)
    expect((await volunteerDoc(cloud, zhou)).totalMinutes).toBe(before + 45)
    expect((await cloud.as('demo-resident-3').ok('volunteer', 'myRequests', {})).items.find((r) => r.id === req.id)).toMatchObject({ status: 'rated', rating: { auto: true } })

    const other = await cloud.as('demo-resident-3').ok('volunteer', 'submitRequest', {
      category: 'other',
      place: { address: '幸福里小区6号楼', lat: 34.62, lng: 112.45 },
      expectedAt: day(9, '10:00'),
      description: '想了解志愿者注册流程。',
      contactName: '陈建军',
      contactMobile: '13655556666',
    })
    expect((await cloud.as('demo-resident-3').ok('volunteer', 'cancelRequest', { id: other.id })).status).toBe('cancelled')
  })
})

describe('sign-up documents', () => {
  it('are one per person and event (`<eventId>:<openid>`)', async () => {
    const id = await publishedEvent(cloud, { startAt: day(3, '18:00'), endAt: day(3, '20:00') })
    const [v] = await addVolunteers(cloud, 'o-once', 1)
    await Promise.all(Array.from({ length: 5 }, () => cloud.as(v).call('volunteer', 'signUp', { eventId: id })))
    const docs = (await cloud.db.collection(COLLECTIONS.volunteerSignups).where({ eventId: id }).get()).data as SignupDoc[]
    expect(docs.map((d) => d._id)).toEqual([`${id}:${v}`])
    expect((await staff().ok('volunteer', 'getEvent', { id })).confirmedCount).toBe(1)
  })
})
