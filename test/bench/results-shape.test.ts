/**
 * bench/results.json is what `npm run bench` wrote last, committed so figures can be compared from run to
 * run. It must keep the agreed shape, cover every key action (or say why one is missing) and be an
 * honest record: latencies at every scale it claims, percentiles in order, budgets the code keeps.
 */
import fs from 'node:fs'
import path from 'node:path'
import { ACTION_SPECS } from '../../bench/actions'
import { percentile, resultsSchema } from '../../bench/results'

const file = path.join(__dirname, '../../bench/results.json')
const results = resultsSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')))

describe('bench/results.json', () => {
  it('has a figure (or a reason) for every key action the bench measures', () => {
    expect(Object.keys(results.actions).sort()).toEqual(ACTION_SPECS.map((s) => s.key).sort())
  })

  it('gives p50 ≤ p95 at every scale it measured, and the p95 ratio of the largest to the smallest', () => {
    const first = results.meta.scales[0]
    const last = results.meta.scales[results.meta.scales.length - 1]
    for (const [key, a] of Object.entries(results.actions)) {
      if ('missing' in a) continue
      for (const s of results.meta.scales) {
        expect([key, s, a.p50_ms[s]! <= a.p95_ms[s]!]).toEqual([key, s, true])
        expect(a.docs_examined_by_scale[s]).toBeDefined()
      }
      if (first !== last) expect(a.p95_ratio).toBeCloseTo(a.p95_ms[last]! / a.p95_ms[first]!, 1)
      expect(a.docs_examined).toBe(a.docs_examined_by_scale[last])
    }
  })

  it('records the sizes of every package and cloud function, and the photo pipeline', () => {
    expect(results.sizes.weapp_main_bytes).toBeGreaterThan(0)
    expect(Object.keys(results.sizes.weapp_subpackages_bytes).length).toBeGreaterThan(0)
    expect(Object.keys(results.sizes.functions_bytes).sort()).toEqual(Object.keys(results.sizes.functions_require_ms).sort())
    expect(results.photo).not.toBeNull()
    expect(results.photo!.bytes_out).toBeLessThan(results.photo!.bytes_in)
  })

  it('rejects a file missing a required figure', () => {
    const broken = JSON.parse(fs.readFileSync(file, 'utf8'))
    delete broken.sizes.weapp_main_bytes
    expect(resultsSchema.safeParse(broken).success).toBe(false)
  })
})

describe('percentile', () => {
  it('is the nearest-rank percentile', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i)
    expect(percentile(values, 50)).toBe(50)
    expect(percentile(values, 95)).toBe(95)
    expect(percentile([7], 95)).toBe(7)
    expect(percentile([], 50)).toBe(0)
  })
})
