import { createHash } from 'node:crypto'
import { sha256Hex } from '@/domain/shared/sha256'
import {
  cloudPathOfFileId,
  isOwnReportPhoto,
  proposeDispatch,
  rectifyPhotoScope,
  reportPhotoCloudPath,
  reportPhotoFolder,
  submitPhotoScope,
  type DispatchContext,
} from '@/domain/report'
import type { UnitDoc, UnitType } from '@/domain/city/unit'

describe('sha256Hex', () => {
  it('matches node:crypto on ASCII, Chinese, emoji and multi-block inputs', () => {
    const inputs = ['', 'abc', 'o6gY35eNuNk1p7k8Hc_VlOw8wKGI\nsubmit:draft-1', '随手拍：文庙街占道经营', '🚲🚗⛔', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), '长'.repeat(300)]
    for (const s of inputs) expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'))
  })
})

describe('report photo paths', () => {
  const fileId = (path: string) => `cloud://prod-1a2b.7072-prod-1a2b-1300000000/${path}`

  it('puts a draft’s photos in a folder that names neither the user nor links their drafts', () => {
    const path = reportPhotoCloudPath('oUser123', submitPhotoScope('draft-aaaaaaaa'), '1715000000000-k3j9.jpg')
    expect(path).toMatch(/^reports\/[0-9a-f]{32}\/1715000000000-k3j9\.jpg$/)
    expect(path).not.toContain('oUser123')
    expect(reportPhotoFolder('oUser123', submitPhotoScope('draft-bbbbbbbb'))).not.toBe(reportPhotoFolder('oUser123', submitPhotoScope('draft-aaaaaaaa')))
    expect(reportPhotoFolder('oUser123', rectifyPhotoScope('r1'))).not.toBe(reportPhotoFolder('oUser123', submitPhotoScope('r1')))
    expect(() => reportPhotoCloudPath('oUser123', 's', '../x.jpg')).toThrow(RangeError)
    expect(() => reportPhotoCloudPath('a/b', 's', 'x.jpg')).toThrow(RangeError)
  })

  it('recognises only the caller’s own folder for that scope', () => {
    const scope = submitPhotoScope('draft-aaaaaaaa')
    const own = fileId(reportPhotoCloudPath('oUser123', scope, 'a.jpg'))
    expect(cloudPathOfFileId(own)).toMatch(/^reports\//)
    expect(isOwnReportPhoto(own, 'oUser123', scope)).toBe(true)
    expect(isOwnReportPhoto(own, 'oOther456', scope)).toBe(false)
    expect(isOwnReportPhoto(own, 'oUser123', submitPhotoScope('draft-bbbbbbbb'))).toBe(false)
    const folder = reportPhotoFolder('oUser123', scope)
    for (const path of [`reports/${folder}/sub/a.jpg`, `reports/${folder}/../x/a.jpg`, `reports/${folder}/.hidden`, `other/${folder}/a.jpg`, `reports/${folder}/`]) {
      expect([path, isOwnReportPhoto(fileId(path), 'oUser123', scope)]).toEqual([path, false])
    }
    expect(isOwnReportPhoto('https://example.com/a.jpg', 'oUser123', scope)).toBe(false)
  })
})

describe('proposeDispatch', () => {
  let order = 0
  const unit = (id: string, type: UnitType, districtId: string | null, name = id): UnitDoc => ({
    _id: id,
    name,
    shortName: name.slice(0, 10),
    type,
    districtId,
    address: '',
    duties: '',
    contact: { name: '联系人', phone: '' },
    location: null,
    order: ++order,
    active: true,
  })
  const units = [
    unit('cg-city', '城管', null, '市城管局'),
    unit('cg-a', '城管', 'd-a', 'A区城管分局'),
    unit('cg-b', '城管', 'd-b', 'B区城管分局'),
    unit('sq-x', '社区', 'd-a', '人民路街道幸福里社区居委会'),
    unit('sq-y', '社区', 'd-a', '人民路街道文庙社区居委会'),
    unit('jd-r', '街道', 'd-a', 'A区人民路街道办事处'),
    unit('bb', '机关', null, '市财政局'),
    { ...unit('cg-off', '城管', 'd-a', '停用的城管'), active: false },
  ]
  const base: DispatchContext = {
    categoryName: '占道经营',
    unitType: '城管',
    deadlineDays: 3,
    gridUnit: units.find((u) => u._id === 'bb')!,
    community: '幸福里社区',
    streetName: '人民路街道',
    districtId: 'd-a',
    units,
  }

  it('prefers the district’s unit of the kind, then city-wide ones, and shows the grid’s 包保单位', () => {
    const p = proposeDispatch(base)
    expect(p.unit?.id).toBe('cg-a')
    expect(p.candidates.map((u) => u.id)).toEqual(['cg-a', 'cg-city', 'cg-b'])
    expect(p.gridUnit).toEqual({ id: 'bb', name: '市财政局', type: '机关' })
    expect(p.deadlineDays).toBe(3)
    expect(p.basis).toBe('“占道经营”一般由城管部门处理；按问题所在区推荐')
    expect(proposeDispatch({ ...base, districtId: 'd-c' }).unit?.id).toBe('cg-city')
  })

  it('takes the grid’s 包保单位 when it is itself of the kind', () => {
    const p = proposeDispatch({ ...base, gridUnit: units.find((u) => u._id === 'cg-b')! })
    expect(p.unit?.id).toBe('cg-b')
    expect(p.basis).toContain('包保单位')
  })

  it('matches the place’s 社区 and 街道 by name', () => {
    expect(proposeDispatch({ ...base, unitType: '社区', categoryName: '飞线充电' }).unit?.id).toBe('sq-x')
    expect(proposeDispatch({ ...base, unitType: '社区', community: '文庙社区' }).unit?.id).toBe('sq-y')
    expect(proposeDispatch({ ...base, unitType: '街道' }).unit?.id).toBe('jd-r')
  })

  it('says so when no active unit of the kind exists', () => {
    const p = proposeDispatch({ ...base, unitType: '消防' })
    expect(p).toMatchObject({ unit: null, candidates: [] })
    expect(p.basis).toContain('请手动选择')
  })
})
