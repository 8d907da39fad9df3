import { ActionError } from '../../../src/domain/core/envelope'
import {
  assertAllMasked,
  assertApprovable,
  assertCanAppendNote,
  assertExposureEditable,
  assertIssueEditable,
  assertPublishable,
  assertReturnable,
  assertSubmittable,
  blackProgress,
  exposureStatus,
  isOwnBoardPhoto,
  boardPhotoCloudPath,
  resolvePhotos,
  streetLevel,
  toExposurePublicDetail,
  type BoardPhoto,
  type ExposureDoc,
  type IssueDoc,
  type LinkedReport,
} from '../../../src/domain/board'

const NOW = new Date('2024-05-13T02:00:00.000Z')
const ORIG = 'cloud://env.bucket/reports/o-res/submit:x/a.jpg'
const masked = (original: string): BoardPhoto => ({ original, masked: `${original}.m`, thumb: `${original}.t`, regions: 1, maskedBy: { id: 's', name: 's' }, maskedAt: NOW.toISOString() })
const bare = (original: string): BoardPhoto => ({ original, masked: null, thumb: null, regions: 0, maskedBy: null, maskedAt: null })

function refusal(fn: () => void): ActionError {
  try {
    fn()
  } catch (e) {
    if (e instanceof ActionError) return e
    throw e
  }
  throw new Error('expected a refusal')
}

describe('masking before publishing', () => {
  it('resolves confirmations by original and names every unmasked photo', () => {
    const photos = resolvePhotos(['a', 'b', 'c'], new Map([['b', { original: 'b', masked: 'bm', thumb: 'bt', regions: 2, by: { id: 's', name: '小张' }, at: NOW.toISOString() }]]))
    expect(photos.map((p) => p.masked)).toEqual([null, 'bm', null])
    const e = refusal(() => assertAllMasked([{ photos, where: '照片', path: 'photos' }]))
    expect(e.code).toBe('CONFLICT')
    expect(e.message).toMatch(/^照片第1张、照片第3张尚未打码确认，不能发布/)
    expect(e.issues?.map((i) => i.path)).toEqual(['photos.0', 'photos.2'])
    expect(() => assertAllMasked([{ photos: [masked('x')], where: '照片', path: 'photos' }])).not.toThrow()
  })

  it('publishes an entry only once, and only with its photos masked', () => {
    expect(refusal(() => assertPublishable({ state: 'draft', photos: [bare('a')] })).message).toMatch(/尚未打码确认/)
    expect(() => assertPublishable({ state: 'draft', photos: [masked('a')] })).not.toThrow()
    expect(() => assertPublishable({ state: 'withdrawn', photos: [masked('a')] })).not.toThrow()
    expect(refusal(() => assertPublishable({ state: 'published', photos: [masked('a')] })).code).toBe('CONFLICT')
    expect(refusal(() => assertExposureEditable({ state: 'published' })).message).toMatch(/已发布的曝光不能修改/)
  })

  it('accepts only uploads in the caller’s own board folder', () => {
    const mine = `cloud://env.bucket/${boardPhotoCloudPath('o-staff', NOW, 'm-1.jpg')}`
    expect(isOwnBoardPhoto(mine, 'o-staff')).toBe(true)
    expect(isOwnBoardPhoto(mine, 'o-other')).toBe(false)
    expect(isOwnBoardPhoto('cloud://env.bucket/board/o-staff/../o-other/x.jpg', 'o-staff')).toBe(false)
    expect(isOwnBoardPhoto(ORIG, 'o-res')).toBe(false)
  })
})

describe('the public view of an entry', () => {
  const entry: ExposureDoc = {
    _id: 'e-1',
    state: 'published',
    title: '占道经营',
    categoryId: 'city-stall',
    location: { districtId: 'd', streetId: 's', label: '解放路' },
    unit: { id: 'u', name: '城管' },
    photos: [masked(ORIG)],
    requirement: '限期整改',
    deadline: '2024-05-15T15:59:59.999Z',
    reportId: 'r1',
    fix: null,
    publicStatus: 'rectifying',
    fixedAt: null,
    fixNotified: false,
    replies: [{ unitId: 'u', unitName: '城管', text: '已整改', at: NOW.toISOString() }],
    views: 3,
    followers: 1,
    createdBy: { id: 'o-staff', name: '小张' },
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    publishedAt: NOW.toISOString(),
    publishedBy: { id: 'o-staff', name: '小张' },
    withdrawn: null,
    version: 1,
  }
  const report = (o: Partial<LinkedReport>): LinkedReport => ({
    _id: 'r1',
    status: 'dispatched',
    dispatch: { unitId: 'u', unitName: '城管', deadline: '2024-05-15T15:59:59.999Z', dispatchedAt: NOW.toISOString(), round: 1 },
    rectification: null,
    closedAt: null,
    statusAt: NOW.toISOString(),
    ...o,
  })

  it('follows the report: 整改中, 逾期, 待核验, 已整改, 已关闭', () => {
    expect(exposureStatus(entry, report({}), NOW)).toBe('rectifying')
    expect(exposureStatus(entry, report({}), new Date('2024-05-16T00:00:00.000Z'))).toBe('overdue')
    expect(exposureStatus(entry, report({ status: 'rectified' }), NOW)).toBe('verifying')
    expect(exposureStatus(entry, report({ status: 'closed', closedAt: NOW.toISOString() }), NOW)).toBe('fixed')
    expect(exposureStatus(entry, report({ status: 'out_of_scope' }), NOW)).toBe('closed')
  })

  it('never carries the original, the author or the staff who masked', () => {
    const closed = report({
      status: 'closed',
      closedAt: NOW.toISOString(),
      rectification: { photos: [{ fileId: 'cloud://e.b/after-ok.jpg', checked: 'pass' }, { fileId: 'cloud://e.b/after-risky.jpg', checked: 'risky' }], note: '已整改', at: NOW.toISOString(), late: false },
    })
    const view = toExposurePublicDetail(entry, closed, NOW)
    const text = JSON.stringify(view)
    expect(text).not.toContain(ORIG + '"')
    expect(text).not.toContain('o-staff')
    expect(text).not.toContain('after-risky')
    expect(view.after.photos.map((p) => p.url)).toEqual(['cloud://e.b/after-ok.jpg'])
    expect(view.status).toBe('fixed')
  })

  it('cuts a place name down to street level', () => {
    expect(streetLevel('解放路88号3单元')).toBe('解放路')
    expect(streetLevel('幸福里小区2号楼2单元')).toBe('幸福里小区')
    expect(streetLevel('文庙街南段12号门前')).toBe('文庙街南段')
    expect(streetLevel('解放路与建设路交叉口东南角')).toBe('解放路与建设路交叉口东南角')
    expect(streetLevel('人民路公交站（幸福里站）')).toBe('人民路公交站')
  })
})

describe('红黑榜 issues', () => {
  const issue = (o: Partial<IssueDoc>): Pick<IssueDoc, 'state' | 'editors' | 'red' | 'black'> => ({
    state: 'pending',
    editors: ['o-staff'],
    red: [{ key: 'r001', subjectType: 'unit', name: '市政中心', reason: '按时整改', photo: masked('p1'), basis: null, proposalKey: null }],
    black: [],
    ...o,
  })

  it('needs an admin who did not draft or edit it', () => {
    expect(refusal(() => assertApprovable(issue({}), { id: 'o-staff-2', roles: ['resident', 'staff'] })).code).toBe('FORBIDDEN')
    expect(refusal(() => assertApprovable(issue({ editors: ['o-staff', 'o-admin'] }), { id: 'o-admin', roles: ['resident', 'admin'] })).message).toMatch(/另一人审核/)
    expect(() => assertApprovable(issue({}), { id: 'o-admin', roles: ['resident', 'admin'] })).not.toThrow()
    // …and the draft must have been submitted, and its photos masked.
    expect(refusal(() => assertApprovable(issue({ state: 'draft' }), { id: 'o-admin', roles: ['admin'] })).message).toMatch(/尚未提交审核/)
    const unmasked = issue({ red: [{ key: 'r001', subjectType: 'team', name: '志愿服务队', reason: '服务', photo: bare('p2'), basis: null, proposalKey: null }] })
    expect(refusal(() => assertApprovable(unmasked, { id: 'o-admin', roles: ['admin'] })).message).toMatch(/红榜“志愿服务队”的照片尚未打码确认/)
  })

  it('never changes once published: no edit, submit, return or second approval', () => {
    const published = issue({ state: 'published' })
    expect(refusal(() => assertIssueEditable(published)).message).toMatch(/已发布的红黑榜不能修改；如需更正，请追加更正说明/)
    expect(refusal(() => assertSubmittable(published)).code).toBe('CONFLICT')
    expect(refusal(() => assertReturnable(published)).code).toBe('CONFLICT')
    expect(refusal(() => assertApprovable(published, { id: 'o-admin', roles: ['admin'] })).message).toBe('本期已发布')
    expect(refusal(() => assertIssueEditable(issue({ state: 'pending' }))).message).toMatch(/已提交审核/)
    expect(() => assertIssueEditable(issue({ state: 'draft' }))).not.toThrow()
  })

  it('takes notes on published issues only, fixed flags on 黑榜 entries only', () => {
    const published = { ...issue({ state: 'published' }), black: [{ key: 'b001', subjectType: 'unit' as const, name: '城管', problem: 'p', requirement: 'r', deadline: NOW.toISOString(), reportIds: [], photo: null, basis: null, proposalKey: null }] }
    expect(() => assertCanAppendNote(published, { kind: 'correction', entryKey: undefined, fixed: false })).not.toThrow()
    expect(() => assertCanAppendNote(published, { kind: 'followup', entryKey: 'b001', fixed: true })).not.toThrow()
    expect(refusal(() => assertCanAppendNote(published, { kind: 'followup', entryKey: 'r001', fixed: true })).code).toBe('INVALID_INPUT')
    expect(refusal(() => assertCanAppendNote(published, { kind: 'correction', entryKey: 'zzzz', fixed: false })).code).toBe('NOT_FOUND')
    expect(refusal(() => assertCanAppendNote(issue({ state: 'draft' }), { kind: 'correction', entryKey: undefined, fixed: false })).code).toBe('CONFLICT')
  })

  it('shows a 黑榜 entry’s progress from its reports now, else from follow-ups and its deadline', () => {
    const r = (id: string, status: LinkedReport['status'], o: Partial<LinkedReport> = {}): [string, LinkedReport] => [
      id,
      { _id: id, status, dispatch: { unitId: 'u', unitName: 'u', deadline: '2024-05-20T15:59:59.999Z', dispatchedAt: NOW.toISOString(), round: 1 }, rectification: null, closedAt: status === 'closed' ? `2024-05-1${id.slice(-1)}T00:00:00.000Z` : null, statusAt: NOW.toISOString(), ...o },
    ]
    const reports = new Map([r('r1', 'closed'), r('r2', 'closed'), r('r3', 'in_progress'), r('r4', 'duplicate'), r('r5', 'dispatched', { dispatch: { unitId: 'u', unitName: 'u', deadline: '2024-05-10T15:59:59.999Z', dispatchedAt: NOW.toISOString(), round: 1 } })])
    const entry = (ids: string[]) => ({ key: 'b001', reportIds: ids, deadline: '2024-05-12T15:59:59.999Z' })
    expect(blackProgress(entry(['r1', 'r2', 'r4']), reports, [], NOW)).toEqual({ state: 'fixed', fixed: 2, total: 2, fixedAt: '2024-05-12T00:00:00.000Z' })
    expect(blackProgress({ ...entry(['r1', 'r3']), deadline: '2024-05-20T15:59:59.999Z' }, reports, [], NOW)).toMatchObject({ state: 'rectifying', fixed: 1, total: 2, fixedAt: null })
    // Past the 黑榜's own deadline (the reports' deadlines do not decide it).
    expect(blackProgress(entry(['r1', 'r5']), reports, [], NOW).state).toBe('overdue')
    expect(blackProgress({ ...entry(['r1', 'r5']), deadline: '2024-06-01T15:59:59.999Z' }, reports, [], NOW).state).toBe('rectifying')
    expect(blackProgress(entry([]), reports, [], NOW).state).toBe('overdue')
    expect(blackProgress(entry([]), reports, [{ entryKey: 'b001', fixed: true, at: '2024-05-12T08:00:00.000Z' }], NOW)).toMatchObject({ state: 'fixed', fixedAt: '2024-05-12T08:00:00.000Z' })
    expect(blackProgress({ ...entry([]), deadline: '2024-06-01T15:59:59.999Z' }, reports, [], NOW).state).toBe('rectifying')
  })
})
