/**
 * Concurrency of 志愿服务: sign-ups racing for places, cancellations racing with the waitlist, redemptions
 * racing for stock and points, verifications racing for one code. All calls are real invocations of the
 * function against devcloud's store, fired at once with Promise.all.
 */
import { COLLECTIONS } from '../../src/domain/collections'
import { VOLUNTEER_TEMPLATES, type EventDoc, type GoodsDoc, type LedgerDoc, type RedemptionDoc, type SignupDoc } from '../../src/domain/volunteer'
import { countDocs, startCloud, type TestCloud } from '../support/runtime'
import { addVolunteers, day, publishedEvent, T0, volunteerDoc } from './volunteer-support'

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

async function eventDoc(id: string): Promise<EventDoc> {
  return (await cloud.db.collection(COLLECTIONS.volunteerEvents).where({ _id: id }).get()).data[0] as EventDoc
}
async function signupsOf(id: string): Promise<SignupDoc[]> {
  const out: SignupDoc[] = []
  for (let skip = 0; ; skip += 100) {
    const res = await cloud.db.collection(COLLECTIONS.volunteerSignups).where({ eventId: id }).orderBy('seq', 'asc').skip(skip).limit(100).get()
    out.push(...(res.data as SignupDoc[]))
    if (res.data.length < 100) return out
  }
}

describe('200 concurrent sign-ups for 50 places', () => {
  let eventId: string
  let vols: string[]
  let results: { openid: string; status: string; position: number | null }[]

  beforeAll(async () => {
    eventId = await publishedEvent(cloud, { capacity: 50, startAt: day(3, '15:00'), endAt: day(3, '17:00') })
    vols = await addVolunteers(cloud, 'o-rush', 200)
    const answers = await Promise.all(vols.map((v) => cloud.as(v).call('volunteer', 'signUp', { eventId })))
    results = answers.map((a, i) => {
      if (!a.ok) throw new Error(`${vols[i]}: ${JSON.stringify(a)}`)
      return { openid: vols[i], status: a.data.signup.status, position: a.data.signup.position }
    })
  }, 120_000)

  it('confirms exactly 50 and waitlists 150 with positions 1..150 in arrival order', async () => {
    const confirmed = results.filter((r) => r.status === 'confirmed')
    const waiting = results.filter((r) => r.status === 'waitlisted')
    expect(confirmed).toHaveLength(50)
    expect(waiting).toHaveLength(150)
    expect(waiting.map((r) => r.position).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1))

    const e = await eventDoc(eventId)
    expect(e.confirmedCount).toBe(50)
    expect(e.signupSeq).toBe(200)
    expect(e.waitlist).toHaveLength(150)
    // The queue is arrival order: the i-th in the queue was told position i, and arrived (seq) after the (i−1)-th.
    const docs = await signupsOf(eventId)
    expect(docs).toHaveLength(200)
    expect(docs.filter((d) => d.status === 'confirmed')).toHaveLength(50)
    const seqOf = new Map(docs.map((d) => [d.openid, d.seq]))
    const told = new Map(waiting.map((r) => [r.openid, r.position]))
    e.waitlist.forEach((openid, i) => expect(told.get(openid)).toBe(i + 1))
    const seqs = e.waitlist.map((o) => seqOf.get(o)!)
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs)
    // Every confirmed place was taken before the first waiting one arrived.
    const lastConfirmed = Math.max(...docs.filter((d) => d.status === 'confirmed').map((d) => d.seq))
    expect(lastConfirmed).toBe(50)
    expect(new Set(docs.map((d) => d.seq)).size).toBe(200)
    // Confirmed sign-ups were notified; waiting ones not yet.
    const signupMsgs = cloud.rt.outbox.filter((m) => m.templateId === VOLUNTEER_TEMPLATES.signup && vols.includes(m.touser))
    expect(new Set(signupMsgs.map((m) => m.touser))).toEqual(new Set(confirmed.map((r) => r.openid)))
  })

  it('concurrent cancellations promote the waitlist in order and notify each promoted volunteer', async () => {
    const before = await eventDoc(eventId)
    const confirmed = results.filter((r) => r.status === 'confirmed').map((r) => r.openid)
    const leaving = confirmed.slice(0, 20)
    const alsoLeavingFromQueue = [before.waitlist[5], before.waitlist[30]]
    const answers = await Promise.all([...leaving, ...alsoLeavingFromQueue].map((v) => cloud.as(v).call('volunteer', 'cancelSignUp', { eventId })))
    expect(answers.every((a) => a.ok)).toBe(true)

    const after = await eventDoc(eventId)
    expect(after.confirmedCount).toBe(50)
    // 20 places freed; the queue minus the two who left, promoted from its head in order.
    const queue = before.waitlist.filter((o) => !alsoLeavingFromQueue.includes(o))
    const promoted = new Set(
      (await signupsOf(eventId)).filter((d) => d.status === 'confirmed' && d.promotedAt).map((d) => d.openid),
    )
    expect(promoted.size).toBe(20)
    // Whichever order the cancellations committed in, the promoted are the head of the remaining queue (a
    // queued leaver promoted before its own cancellation committed frees its place again, for the next).
    expect(promoted).toEqual(new Set(queue.slice(0, 20)))
    expect(after.waitlist).toEqual(queue.slice(20))
    const docs = await signupsOf(eventId)
    expect(docs.filter((d) => d.status === 'confirmed')).toHaveLength(50)
    for (const p of promoted) {
      const msgs = cloud.rt.outbox.filter((m) => m.touser === p && m.templateId === VOLUNTEER_TEMPLATES.signup)
      expect(msgs).toHaveLength(1)
      expect(msgs[0].data.thing4.value).toContain('候补成功')
    }
    // Positions reported to the rest are their places in the queue.
    const third = after.waitlist[2]
    expect((await cloud.as(third).ok('volunteer', 'getEvent', { id: eventId })).my).toMatchObject({ status: 'waitlisted', position: 3 })
  })

  it('never exceeds capacity when sign-ups and cancellations race', async () => {
    const id = await publishedEvent(cloud, { capacity: 10, startAt: day(4, '09:00'), endAt: day(4, '11:00') })
    const first = await addVolunteers(cloud, 'o-race-a', 10)
    await Promise.all(first.map((v) => cloud.as(v).ok('volunteer', 'signUp', { eventId: id })))
    const second = await addVolunteers(cloud, 'o-race-b', 40)
    const answers = await Promise.all([
      ...second.map((v) => cloud.as(v).call('volunteer', 'signUp', { eventId: id })),
      ...first.slice(0, 5).map((v) => cloud.as(v).call('volunteer', 'cancelSignUp', { eventId: id })),
    ])
    expect(answers.every((a) => a.ok)).toBe(true)
    const e = await eventDoc(id)
    const docs = await signupsOf(id)
    expect(e.confirmedCount).toBe(10)
    expect(docs.filter((d) => d.status === 'confirmed')).toHaveLength(10)
    expect(docs.filter((d) => d.status === 'waitlisted').map((d) => d.openid).sort()).toEqual([...e.waitlist].sort())
    expect(e.waitlist).toHaveLength(35)
  })
})

describe('concurrent redemptions', () => {
  async function goods(stock: number, pointsPrice: number, limitPerPerson: number | null = null): Promise<string> {
    const g = await cloud.as('demo-staff').ok('volunteer', 'saveGoods', { name: `测试商品${stock}-${pointsPrice}`, kind: 'goods', pointsPrice, stock, limitPerPerson })
    return g.id
  }
  const goodsDoc = async (id: string) => (await cloud.db.collection(COLLECTIONS.volunteerGoods).where({ _id: id }).get()).data[0] as GoodsDoc

  it('50 volunteers racing for 10 in stock: exactly 10 succeed, stock reaches 0, never below', async () => {
    const id = await goods(10, 20)
    const vols = await addVolunteers(cloud, 'o-mall', 50, { points: 100, pointsEarned: 100, totalMinutes: 6000 })
    const answers = await Promise.all(vols.map((v) => cloud.as(v).call('volunteer', 'redeem', { goodsId: id })))
    const ok = answers.filter((a) => a.ok)
    expect(ok).toHaveLength(10)
    expect(answers.filter((a) => !a.ok).every((a) => !a.ok && a.code === 'CONFLICT' && a.message === '该商品已兑完')).toBe(true)
    expect(await goodsDoc(id)).toMatchObject({ stock: 0, redeemedCount: 10 })
    expect(await countDocs(cloud.db, COLLECTIONS.volunteerRedemptions, { goodsId: id })).toBe(10)
    const codes = new Set(ok.map((a) => (a.ok ? a.data.redemption.code : '')))
    expect(codes.size).toBe(10)
    // Exactly the winners paid.
    const docs = await Promise.all(vols.map((v) => volunteerDoc(cloud, v)))
    expect(docs.filter((d) => d.points === 80)).toHaveLength(10)
    expect(docs.filter((d) => d.points === 100)).toHaveLength(40)
  })

  it('one volunteer with points for 3 redeeming 10 times at once gets 3; the balance never goes negative', async () => {
    const id = await goods(100, 10)
    const [v] = await addVolunteers(cloud, 'o-greedy', 1, { points: 30, pointsEarned: 30, totalMinutes: 1800 })
    const answers = await Promise.all(Array.from({ length: 10 }, () => cloud.as(v).call('volunteer', 'redeem', { goodsId: id })))
    expect(answers.filter((a) => a.ok)).toHaveLength(3)
    const refused = answers.filter((a) => !a.ok)
    expect(refused.every((a) => !a.ok && a.message.startsWith('积分不足'))).toBe(true)
    const balances = answers.filter((a) => a.ok).map((a) => (a.ok ? a.data.points : -1)).sort((a, b) => a - b)
    expect(balances).toEqual([0, 10, 20])
    expect(await volunteerDoc(cloud, v)).toMatchObject({ points: 0, pointsSpent: 30 })
    expect((await goodsDoc(id)).stock).toBe(97)
    const ledger = (await cloud.db.collection(COLLECTIONS.volunteerLedger).where({ openid: v }).get()).data as LedgerDoc[]
    expect(ledger).toHaveLength(3)
    expect(ledger.every((e) => e.balancePoints >= 0)).toBe(true)
    expect(ledger.map((e) => e.balancePoints).sort((a, b) => a - b)).toEqual([0, 10, 20])
  })

  it('a per-person limit holds under concurrency too', async () => {
    const id = await goods(100, 1, 2)
    const [v] = await addVolunteers(cloud, 'o-limit', 1, { points: 50, pointsEarned: 50 })
    const answers = await Promise.all(Array.from({ length: 8 }, () => cloud.as(v).call('volunteer', 'redeem', { goodsId: id })))
    expect(answers.filter((a) => a.ok)).toHaveLength(2)
  })

  it('a code verified by several staff at once is used exactly once', async () => {
    const id = await goods(5, 1)
    const [v] = await addVolunteers(cloud, 'o-verify', 1, { points: 5, pointsEarned: 5 })
    const r = await cloud.as(v).ok('volunteer', 'redeem', { goodsId: id })
    const answers = await Promise.all(Array.from({ length: 8 }, () => cloud.as('demo-staff').call('volunteer', 'verifyRedemption', { code: r.redemption.code })))
    expect(answers.filter((a) => a.ok)).toHaveLength(1)
    expect(answers.filter((a) => !a.ok && a.code === 'CONFLICT')).toHaveLength(7)
    const doc = (await cloud.db.collection(COLLECTIONS.volunteerRedemptions).where({ _id: r.redemption.id }).get()).data[0] as RedemptionDoc
    expect(doc.status).toBe('verified')
  })
})

describe('concurrent hour confirmation', () => {
  it('confirmations of the same event racing each other credit each volunteer once', async () => {
    const id = await publishedEvent(cloud, { capacity: 20, startAt: day(2, '09:00'), endAt: day(2, '11:00') })
    const vols = await addVolunteers(cloud, 'o-dbl', 10)
    for (const v of vols) await cloud.as(v).ok('volunteer', 'signUp', { eventId: id })
    cloud.rt.clock.set(day(2, '12:00'))
    for (const v of vols) await cloud.as('demo-staff').ok('volunteer', 'setManualHours', { eventId: id, openid: v, minutes: 120, reason: '集中补录' })
    const rounds = await Promise.all([
      cloud.as('demo-staff').ok('volunteer', 'confirmHours', { eventId: id }),
      cloud.as('demo-staff').ok('volunteer', 'confirmHours', { eventId: id, openids: vols }),
      cloud.as('demo-staff').ok('volunteer', 'confirmHours', { eventId: id, openids: vols.slice(0, 5) }),
    ])
    expect(rounds.reduce((n, r) => n + r.confirmed, 0)).toBe(10)
    expect(rounds.reduce((n, r) => n + r.minutes, 0)).toBe(1200)
    for (const v of vols) expect((await volunteerDoc(cloud, v)).totalMinutes).toBe(120)
    expect(await countDocs(cloud.db, COLLECTIONS.volunteerLedger, { 'ref.id': id })).toBe(10)
  })
})
