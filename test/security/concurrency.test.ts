/**
 * Concurrency gaps not covered elsewhere. The rest of the list is tested where the code lives:
 * 200 sign-ups for 50 places, redemptions racing for stock and one volunteer's points on one item
 * (test/functions/volunteer-concurrency.test.ts); 100 submits of one draft and two staff on one report
 * (test/functions/report-guards.test.ts); one person's concurrent survey submits
 * (test/functions/survey-integrity.test.ts).
 */
import { COLLECTIONS } from '../../src/domain/collections'
import type { GoodsDoc, LedgerDoc } from '../../src/domain/volunteer'
import { startCloud, type TestCloud } from '../support/runtime'
import { addVolunteers, T0, volunteerDoc } from '../functions/volunteer-support'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud({ now: T0 })
}, 60_000)
afterAll(async () => {
  await cloud?.close()
})

describe('one volunteer redeeming different goods at once', () => {
  it('never spends more points than they have, and takes stock only for what was paid', async () => {
    const prices = [40, 30, 30, 25, 20, 15, 10, 10]
    const ids: string[] = []
    for (const [i, pointsPrice] of prices.entries()) {
      ids.push((await cloud.as('demo-staff').ok('volunteer', 'saveGoods', { name: `并发兑换商品${i + 1}`, kind: 'goods', pointsPrice, stock: 5 })).id)
    }
    const [v] = await addVolunteers(cloud, 'o-spree', 1, { points: 60, pointsEarned: 60, totalMinutes: 3600 })
    const answers = await Promise.all(ids.map((goodsId) => cloud.as(v).call('volunteer', 'redeem', { goodsId })))

    const paid = answers.flatMap((a, i) => (a.ok ? [prices[i]] : []))
    const spent = paid.reduce((s, p) => s + p, 0)
    expect(paid.length).toBeGreaterThan(0)
    expect(spent).toBeLessThanOrEqual(60)
    for (const a of answers) if (!a.ok) expect(a.message).toMatch(/^积分不足/)
    expect(await volunteerDoc(cloud, v)).toMatchObject({ points: 60 - spent, pointsSpent: spent })

    // Stock went down exactly for the goods paid for.
    for (const [i, id] of ids.entries()) {
      const g = (await cloud.db.collection(COLLECTIONS.volunteerGoods).doc(id).get()).data as GoodsDoc
      expect([id, g.stock]).toEqual([id, answers[i].ok ? 4 : 5])
    }
    // The ledger agrees and never shows a negative balance.
    const ledger = (await cloud.db.collection(COLLECTIONS.volunteerLedger).where({ openid: v }).get()).data as LedgerDoc[]
    expect(ledger).toHaveLength(paid.length)
    expect(ledger.every((e) => e.balancePoints >= 0)).toBe(true)
    expect(Math.min(...ledger.map((e) => e.balancePoints))).toBe(60 - spent)
  })
})
