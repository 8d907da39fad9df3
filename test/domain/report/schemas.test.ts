import { z } from 'zod'
import { reportContract } from '@/domain/contracts/report'
import { submitInputSchema } from '@/domain/report'
import { FILE, submitInput } from './fixtures'

const input = reportContract.actions
const ok = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success
const issues = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value)
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

describe('submit input', () => {
  it('accepts a good report and trims text', () => {
    const r = submitInputSchema.parse({ ...submitInput, description: '  人行道被车辆占用了  ' })
    expect(r.description).toBe('人行道被车辆占用了')
  })

  it('refuses out-of-range and non-finite coordinates', () => {
    const bad = [
      { lat: 91, lng: 106 },
      { lat: -91, lng: 106 },
      { lat: 39, lng: 181 },
      { lat: 39, lng: -181 },
      { lat: 51.5, lng: -0.12 }, // London: a spoofed or WGS-84-abroad point, never our city
      { lat: 1, lng: 106 },
      { lat: Number.NaN, lng: 106 },
      { lat: 39, lng: Number.POSITIVE_INFINITY },
      { lat: '39', lng: 106 },
    ]
    for (const p of bad) expect(ok(submitInputSchema, { ...submitInput, location: { ...submitInput.location, ...p } })).toBe(false)
    expect(issues(submitInputSchema, { ...submitInput, location: { ...submitInput.location, lat: 91 } })).toEqual(['location.lat: 位置不在服务范围内'])
  })

  it('refuses 0 or 7 photos, duplicates, and anything that is not a cloud fileID', () => {
    expect(issues(submitInputSchema, { ...submitInput, photos: [] })).toEqual(['photos: 请至少上传 1 张照片'])
    expect(issues(submitInputSchema, { ...submitInput, photos: [1, 2, 3, 4, 5, 6, 7].map((n) => FILE(n)) })).toEqual(['photos: 最多上传 6 张照片'])
    expect(ok(submitInputSchema, { ...submitInput, photos: [1, 2, 3, 4, 5, 6].map((n) => FILE(n)) })).toBe(true)
    for (const photos of [[FILE(1), FILE(1)], ['https://evil.example/x.jpg'], ['cloud://env/'], ['cloud://env/a b.jpg'], [`cloud://e/${'a'.repeat(1000)}`], [{ $gt: '' }]])
      expect(ok(submitInputSchema, { ...submitInput, photos })).toBe(false)
  })

  it('limits the description to 5–500 characters after trimming', () => {
    expect(ok(submitInputSchema, { ...submitInput, description: '四个字啊' })).toBe(false)
    expect(ok(submitInputSchema, { ...submitInput, description: '   五个字了吧   ' })).toBe(true)
    expect(ok(submitInputSchema, { ...submitInput, description: '     ab     ' })).toBe(false)
    expect(ok(submitInputSchema, { ...submitInput, description: '字'.repeat(500) })).toBe(true)
    expect(issues(submitInputSchema, { ...submitInput, description: '字'.repeat(501) })).toEqual(['description: 问题描述最多 500 个字'])
  })

  it('refuses invisible control and direction-override characters, keeps newlines and emoji', () => {
    for (const description of ['正常描述\u0000隐藏', '正常描述\u202e反向', '正常\u200b描述零宽'])
      expect(ok(submitInputSchema, { ...submitInput, description })).toBe(false)
    expect(ok(submitInputSchema, { ...submitInput, description: '第一行\n第二行 👨‍👩‍👧 🚗' })).toBe(true)
  })

  it('refuses unknown keys at every level (no smuggled status, reporter or district)', () => {
    expect(issues(submitInputSchema, { ...submitInput, status: 'closed' })).toEqual([': Unrecognized key: "status"'])
    expect(ok(submitInputSchema, { ...submitInput, reporterId: 'someone-else' })).toBe(false)
    expect(ok(submitInputSchema, { ...submitInput, location: { ...submitInput.location, districtId: 'x' } })).toBe(false)
  })

  it('refuses a malformed clientId or category id', () => {
    for (const clientId of ['short', 'has space in it', 'x'.repeat(65), '$where:1=1'])
      expect(ok(submitInputSchema, { ...submitInput, clientId })).toBe(false)
    for (const categoryId of ['Parking', '../etc', '', 'a'])
      expect(ok(submitInputSchema, { ...submitInput, categoryId })).toBe(false)
  })
})

describe('contract inputs', () => {
  it('ids are plain tokens, never operators or paths', () => {
    for (const id of ['', '../x', 'a/b', '{"$ne":1}', 'x'.repeat(65)]) expect(ok(input.detail.input, { id })).toBe(false)
    expect(ok(input.detail.input, { id: { $ne: null } })).toBe(false)
    expect(ok(input.detail.input, { id: '9a2f0c1e64a1b2c3d4e5f60718293a4b' })).toBe(true)
  })

  it('every action input refuses unknown keys', () => {
    const minimal: Record<string, object> = {
      submit: submitInput,
      myList: {},
      detail: { id: 'r1' },
      cosign: { id: 'r1' },
      nearbyOpen: { lat: 39, lng: 106 },
      rate: { id: 'r1', score: 'satisfied' },
      revisit: { id: 'r1', answer: 'fixed' },
      staffQueue: {},
      staffDetail: { id: 'r1' },
      acceptDispatch: { id: 'r1', unitId: 'u1' },
      reject: { id: 'r1', reason: 'unclear', text: '看不清' },
      merge: { id: 'r1', originalId: 'r0' },
      outOfScope: { id: 'r1', note: '铁路部门管理' },
      verifyClose: { id: 'r1' },
      sendBack: { id: 'r1', reason: '未整改到位' },
      redispatch: { id: 'r1', unitId: 'u2' },
      escalate: { id: 'r1' },
      replyTemplates: { id: 'r1', kind: 'reject' },
      overdueBoard: {},
      stats: {},
      unitTasks: {},
      unitDetail: { id: 'r1' },
      acknowledge: { id: 'r1' },
      rectify: { id: 'r1', photos: [FILE(1, 'unit')], note: '已清理完毕' },
      returnToStaff: { id: 'r1', reason: '不属于本单位' },
    }
    expect(Object.keys(minimal).sort()).toEqual(Object.keys(input).sort())
    for (const [name, value] of Object.entries(minimal)) {
      const action = input[name as keyof typeof input]
      expect([name, ok(action.input, value)]).toEqual([name, true])
      expect([name, ok(action.input, { ...value, role: 'admin' })]).toEqual([name, false])
    }
  })

  it('paging: limit 1–50, default 20, cursor bounded', () => {
    expect(input.myList.input.parse({})).toEqual({ scope: 'all', limit: 20 })
    expect(ok(input.myList.input, { limit: 0 })).toBe(false)
    expect(ok(input.myList.input, { limit: 51 })).toBe(false)
    expect(ok(input.staffQueue.input, { limit: 50, cursor: 'abc' })).toBe(true)
    expect(ok(input.staffQueue.input, { cursor: 'x'.repeat(201) })).toBe(false)
    expect(ok(input.staffQueue.input, { status: 'archived' })).toBe(false)
  })

  it('nearbyOpen: coordinate ranges and a bounded radius', () => {
    expect(input.nearbyOpen.input.parse({ lat: 39, lng: 106 })).toEqual({ lat: 39, lng: 106, radiusM: 100 })
    expect(ok(input.nearbyOpen.input, { lat: 39, lng: 106, radiusM: 5000 })).toBe(false)
    expect(ok(input.nearbyOpen.input, { lat: 95, lng: 106 })).toBe(false)
  })

  it('rate / revisit: 不满意 and 未解决 need a reason; comments are bounded', () => {
    expect(ok(input.rate.input, { id: 'r1', score: 'unsatisfied' })).toBe(false)
    expect(ok(input.rate.input, { id: 'r1', score: 'unsatisfied', comment: '没修好' })).toBe(true)
    expect(ok(input.rate.input, { id: 'r1', score: 'satisfied', comment: '好'.repeat(201) })).toBe(false)
    expect(ok(input.rate.input, { id: 'r1', score: 'great' })).toBe(false)
    expect(ok(input.revisit.input, { id: 'r1', answer: 'not_fixed' })).toBe(false)
  })

  it('staff and unit inputs: bounded reasons, deadlines, photos', () => {
    expect(ok(input.reject.input, { id: 'r1', reason: 'because', text: '看不清' })).toBe(false)
    expect(ok(input.reject.input, { id: 'r1', reason: 'unclear', text: ' ' })).toBe(false)
    expect(ok(input.reject.input, { id: 'r1', reason: 'unclear', text: '字'.repeat(201) })).toBe(false)
    expect(ok(input.acceptDispatch.input, { id: 'r1', unitId: 'u1', deadlineDays: 0 })).toBe(false)
    expect(ok(input.acceptDispatch.input, { id: 'r1', unitId: 'u1', deadlineDays: 61 })).toBe(false)
    expect(ok(input.sendBack.input, { id: 'r1', reason: '未到位', deadlineDays: 2 })).toBe(true)
    expect(ok(input.rectify.input, { id: 'r1', photos: [1, 2, 3, 4, 5, 6, 7].map((n) => FILE(n, 'unit')), note: '已清理完毕' })).toBe(false)
    expect(ok(input.rectify.input, { id: 'r1', photos: [FILE(1, 'unit')], note: '好' })).toBe(false)
    expect(ok(input.rectify.input, { id: 'r1', photos: [FILE(1, 'unit')], note: '字'.repeat(501) })).toBe(false)
    expect(ok(input.returnToStaff.input, { id: 'r1', reason: '' })).toBe(false)
  })

  it('every input and output can be published as JSON Schema (GET /api/contracts)', () => {
    for (const [name, action] of Object.entries(input)) {
      expect([name, typeof z.toJSONSchema(action.input, { io: 'input' })]).toEqual([name, 'object'])
      expect([name, typeof z.toJSONSchema(action.output, { io: 'output' })]).toEqual([name, 'object'])
    }
  })

  it('roles: residents, staff and units each have their own actions', () => {
    const roles = Object.fromEntries(Object.entries(input).map(([n, a]) => [n, a.roles.join(',')]))
    expect(roles).toMatchObject({
      submit: 'resident',
      rate: 'resident',
      staffQueue: 'staff',
      acceptDispatch: 'staff',
      overdueBoard: 'staff,admin',
      unitTasks: 'unit',
      rectify: 'unit',
    })
  })
})
