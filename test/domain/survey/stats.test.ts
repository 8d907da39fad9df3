/**
 * Rates and Wilson intervals against hand-computed values. z = 1.959964 (z² = 3.841459) throughout.
 */
import { formatInterval, formatPercent, metricRates, questionPositive, rateOf, wilson, Z95 } from '@/domain/survey/stats'
import { normalizeQuestion } from '@/domain/survey/definition'
import type { SurveyQuestion } from '@/domain/survey/constants'
import type { BucketTally } from '@/domain/survey/tally'

const close = (actual: number | null | undefined, expected: number, digits = 5) => {
  expect(actual).not.toBeNull()
  expect(actual as number).toBeCloseTo(expected, digits)
}

describe('Wilson score interval', () => {
  it('uses the 97.5th normal percentile', () => {
    expect(Z95).toBeCloseTo(1.959964, 6)
  })

  it('9 of 10: [0.595850, 0.982124]', () => {
    // p = 0.9, z²/n = 0.3841459, denominator 1 + z²/n = 1.3841459
    // centre = (0.9 + z²/2n) / 1.3841459 = (0.9 + 0.1920729) / 1.3841459 = 0.788987
    // half   = z / 1.3841459 · √(p(1−p)/n + z²/4n²) = 1.416010 · √(0.009 + 0.0096037) = 1.416010 · 0.1363952 = 0.193137
    const ci = wilson(9, 10)!
    close(ci.low, 0.59585)
    close(ci.high, 0.982124)
  })

  it('5 of 10 is symmetric around one half: [0.236593, 0.763407]', () => {
    // centre = (0.5 + 0.1920729) / 1.3841459 = 0.5; half = 1.416010 · √(0.025 + 0.0096037) = 1.416010 · 0.1860204 = 0.263407
    const ci = wilson(5, 10)!
    close(ci.low, 0.236593)
    close(ci.high, 0.763407)
  })

  it('0 of 10 and 10 of 10 keep a width (Wald would give [0, 0] and [1, 1])', () => {
    // p = 0: centre = 0.1920729 / 1.3841459 = 0.138766; half = 1.416010 · √0.0096037 = 0.138766 → [0, 0.277533]
    const none = wilson(0, 10)!
    close(none.low, 0)
    close(none.high, 0.277533)
    const all = wilson(10, 10)!
    close(all.low, 0.722467)
    close(all.high, 1)
  })

  it('45 of 50: [0.786398, 0.956524]', () => {
    // z²/n = 0.0768292; centre = (0.9 + 0.0384146) / 1.0768292 = 0.871461
    // half = 1.959964 / 1.0768292 · √(0.0018 + 0.0003841) = 1.820128 · 0.0467349 = 0.085063
    const ci = wilson(45, 50)!
    close(ci.low, 0.786398)
    close(ci.high, 0.956524)
  })

  it('81 of 263: [0.255289, 0.366210]', () => {
    // p = 0.307985, z²/n = 0.0146063; centre = (0.307985 + 0.0073031) / 1.0146063 = 0.310749
    // half = 1.959964 / 1.0146063 · √(0.00081040 + 0.00001388) = 1.931748 · 0.0287103 = 0.055461
    const ci = wilson(81, 263)!
    close(ci.low, 0.255289)
    close(ci.high, 0.36621)
  })

  it('1 of 1 and 0 of 1: one answer still gives an honest, wide interval', () => {
    // n = 1: z²/n = 3.841459, denominator 4.841459; p = 1: centre = (1 + 1.9207295) / 4.841459 = 0.603275
    // half = 1.959964 / 4.841459 · √(0 + 0.9603648) = 0.404829 · 0.979982 = 0.396725 → [0.206549, 1]
    close(wilson(1, 1)!.low, 0.206549)
    close(wilson(1, 1)!.high, 1)
    close(wilson(0, 1)!.high, 0.793451)
  })

  it('always lies in [0, 1] and contains p', () => {
    for (let n = 1; n <= 60; n++) {
      for (let x = 0; x <= n; x++) {
        const ci = wilson(x, n)!
        expect(ci.low).toBeGreaterThanOrEqual(0)
        expect(ci.high).toBeLessThanOrEqual(1)
        expect(ci.low).toBeLessThanOrEqual(x / n + 1e-12)
        expect(ci.high).toBeGreaterThanOrEqual(x / n - 1e-12)
      }
    }
  })

  it('has no interval without answers or with impossible counts', () => {
    expect(wilson(0, 0)).toBeNull()
    expect(wilson(3, 2)).toBeNull()
    expect(wilson(-1, 5)).toBeNull()
  })
})

describe('rates', () => {
  it('rateOf: rate, sample size and interval; none without answers', () => {
    const r = rateOf(9, 10)
    expect(r).toMatchObject({ positive: 9, answers: 10, n: 10, rate: 0.9 })
    close(r.low, 0.59585)
    expect(rateOf(0, 0)).toEqual({ positive: 0, answers: 0, n: 0, rate: null, low: null, high: null })
  })

  const q = (p: Partial<SurveyQuestion> & Pick<SurveyQuestion, 'id' | 'kind'>): SurveyQuestion =>
    normalizeQuestion({ title: p.id, description: '', required: true, options: [], minChoices: null, maxChoices: null, showIf: null, metric: null, positive: [], ...p })

  const sat1 = q({ id: 'a', kind: 'scale', metric: 'satisfaction', positive: ['s5', 's4'] })
  const sat2 = q({ id: 'b', kind: 'scale', metric: 'satisfaction', positive: ['s5', 's4'] })
  const aware = q({ id: 'c', kind: 'yesno', metric: 'awareness' })
  const part = q({ id: 'd', kind: 'multi', options: [{ id: 'x', label: 'x' }, { id: 'y', label: 'y' }, { id: 'z', label: '都没有' }], metric: 'participation', positive: ['x', 'y'] })
  const bucket: BucketTally = {
    n: 10,
    as: 0,
    q: {
      a: { s: 10, a: 10, o: { s5: 4, s4: 4, s3: 1, s1: 1 } },
      b: { s: 8, a: 8, o: { s5: 2, s4: 2, s2: 4 } },
      c: { s: 10, a: 10, o: { yes: 7, no: 3 } },
      d: { s: 10, a: 10, o: { x: 5, y: 6, z: 2 }, p: 8 },
    },
  }

  it('a single-answer question’s positives come from its option counts, a multiple choice’s from `p`', () => {
    expect(questionPositive(sat1, bucket.q.a)).toBe(8)
    expect(questionPositive(aware, bucket.q.c)).toBe(7)
    // x + y = 11 choices, but only 8 respondents picked at least one of them.
    expect(questionPositive(part, bucket.q.d)).toBe(8)
  })

  it('pools a metric over its questions, with the largest question sample as n (conservative)', () => {
    const rates = metricRates([sat1, sat2, aware, part], bucket)
    expect(rates.map((r) => r.metric)).toEqual(['awareness', 'satisfaction', 'participation'])
    const sat = rates.find((r) => r.metric === 'satisfaction')!
    // (8 + 4) / (10 + 8) = 0.666667, interval as for 6.666667 of 10.
    expect(sat).toMatchObject({ label: '满意度', positive: 12, answers: 18, n: 10, questions: ['a', 'b'] })
    close(sat.rate, 2 / 3)
    const ci = wilson((2 / 3) * 10, 10)!
    close(sat.low, ci.low)
    close(sat.high, ci.high)
    // The interval is wider than treating the 18 answers as independent.
    expect(sat.high! - sat.low!).toBeGreaterThan(wilson(12, 18)!.high - wilson(12, 18)!.low)
    const aw = rates.find((r) => r.metric === 'awareness')!
    expect(aw).toMatchObject({ positive: 7, answers: 10, n: 10, rate: 0.7 })
  })

  it('formats percentages and intervals for the screens', () => {
    expect(formatPercent(0.875)).toBe('87.5%')
    expect(formatPercent(0.9)).toBe('90%')
    expect(formatPercent(null)).toBe('—')
    expect(formatInterval({ low: 0.59585, high: 0.982124 })).toBe('59.6%–98.2%')
    expect(formatInterval({ low: null, high: null })).toBe('')
  })
})
