import {
  applyPhotoCheck,
  assertCanCosign,
  isPubliclyVisible,
  reportOwnDetailSchema,
  reportPublicViewSchema,
  reportStaffDetailSchema,
  reportUnitDetailSchema,
  toNearbyItem,
  toOwnDetail,
  toPublicView,
  toStaffDetail,
  toStaffView,
  toUnitDetail,
  type ReportDoc,
} from '@/domain/report'
import { at, FILE, HOUR, otherResident, reporter, reportIn, submitInput } from './fixtures'

/** A closed report whose first photo and first after-photo passed the check, the others not (yet). */
function checkedClosed() {
  const d = reportIn('closed')
  let doc: ReportDoc = d.doc
  const apply = (fileId: string, v: 'pass' | 'risky') => (doc = { ...doc, ...applyPhotoCheck(doc, fileId, v)! })
  apply(FILE(1), 'pass')
  apply(FILE(2), 'risky')
  apply(FILE(11, 'unit-a'), 'pass')
  return { ...d, doc }
}

describe('applyPhotoCheck', () => {
  it('marks a report photo or an after-photo, and ignores unknown files', () => {
    const { doc } = checkedClosed()
    expect(doc.photos.map((p) => p.checked)).toEqual(['pass', 'risky'])
    expect(doc.rectification!.photos.map((p) => p.checked)).toEqual(['pass', 'pending'])
    expect(applyPhotoCheck(doc, FILE(99), 'pass')).toBeNull()
  })
})

describe('public view', () => {
  const { doc, now } = checkedClosed()
  const v = toPublicView(doc, at(now, HOUR))
  const json = JSON.stringify(v)

  it('is valid and shows only passed photos', () => {
    expect(reportPublicViewSchema.parse(v)).toEqual(v)
    expect(v.photos).toEqual([FILE(1)])
    expect(v.rectification!.photos).toEqual([FILE(11, 'unit-a')])
  })

  it('has no reporter, no coordinates, no typed address, nothing finer than the street', () => {
    expect(json).not.toContain(reporter.userId!)
    expect(json).not.toContain(submitInput.location.address)
    expect(json).not.toContain(String(submitInput.location.lat))
    expect(json).not.toContain('chaoyang-01') // grid
    expect(json).not.toContain(submitInput.clientId)
    expect(v.place).toEqual({ districtId: 'dawukou', streetId: 'chaoyang' })
  })

  it('nearby items add a distance blurred to 10 m', () => {
    expect(toNearbyItem(doc, 43.4, now).distanceM).toBe(40)
  })

  it('rejected reports are never public', () => {
    expect(isPubliclyVisible(reportIn('rejected').doc)).toBe(false)
    expect(isPubliclyVisible(reportIn('duplicate').doc)).toBe(true)
  })
})

describe('own view (the reporter)', () => {
  it('has all their photos with check state, the exact place, the deadline and the full timeline', () => {
    const { doc, events, now } = checkedClosed()
    const v = toOwnDetail(doc, events, at(now, HOUR))
    expect(reportOwnDetailSchema.parse(v)).toEqual(v)
    expect(v.photos).toEqual([
      { fileId: FILE(1), checked: 'pass' },
      { fileId: FILE(2), checked: 'risky' },
    ])
    expect(v.location.address).toBe(submitInput.location.address)
    expect(v.dispatch?.deadline).toBe(doc.dispatch!.deadline)
    expect(v.timeline.map((e) => e.type)).toEqual(['submit', 'acceptDispatch', 'acknowledge', 'rectify', 'verifyClose'])
    // the unit's after-photos: only the passed one, on the timeline too
    expect(v.rectification!.photos).toEqual([FILE(11, 'unit-a')])
    expect(v.timeline.find((e) => e.type === 'rectify')!.photos).toEqual([FILE(11, 'unit-a')])
    expect(v.canRate).toBe(true)
    expect(v.canRevisit).toBe(false)
    expect(JSON.stringify(v)).not.toContain(reporter.userId!)
  })
})

describe('staff view', () => {
  const { doc, events, now } = checkedClosed()
  it('the queue item carries the reporter history but not the identity', () => {
    const v = toStaffView(doc, { accepted: 4, rejected: 1 }, now)
    expect(v.reporterHistory).toEqual({ accepted: 4, rejected: 1 })
    expect(JSON.stringify(v)).not.toContain(reporter.userId!)
    expect(v.photos.map((p) => p.checked)).toEqual(['pass', 'risky']) // staff review every photo
  })
  it('the detail adds who reported it, the timeline and merge suggestions', () => {
    const other = reportIn('dispatched').doc
    const v = toStaffDetail(
      doc,
      { history: { accepted: 4, rejected: 1 }, nickname: '热心市民', events, duplicates: [{ report: { ...other, _id: 'r9' }, distanceM: 37.6 }] },
      now,
    )
    expect(reportStaffDetailSchema.parse(v)).toEqual(v)
    expect(v.reporter).toEqual({ id: reporter.userId, nickname: '热心市民' })
    expect(v.duplicates).toEqual([{ id: 'r9', status: 'dispatched', description: other.description, distanceM: 38, createdAt: other.createdAt }])
  })
})

describe('unit view', () => {
  it('exact location and deadline state, resident photos only when passed, no reporter', () => {
    const { doc, events, now } = checkedClosed()
    const v = toUnitDetail(doc, events, now)
    expect(reportUnitDetailSchema.parse(v)).toEqual(v)
    expect(v.photos).toEqual([FILE(1)])
    expect(v.location.lat).toBe(submitInput.location.lat)
    expect(v.rectification!.photos).toHaveLength(2) // their own, with check state
    expect(JSON.stringify(v)).not.toContain(reporter.userId!)
    const live = reportIn('dispatched')
    expect(toUnitDetail(live.doc, live.events, at(live.doc.dispatch!.deadline, 1)).deadlineState).toBe('overdue')
  })
})

describe('cosign (附议)', () => {
  it('others may cosign open reports; not their own, not closed ones', () => {
    expect(() => assertCanCosign(reportIn('dispatched').doc, otherResident.userId!)).not.toThrow()
    expect(() => assertCanCosign(reportIn('dispatched').doc, reporter.userId!)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }))
    for (const s of ['closed', 'rejected', 'duplicate', 'out_of_scope'] as const)
      expect(() => assertCanCosign(reportIn(s).doc, otherResident.userId!)).toThrow(expect.objectContaining({ code: 'CONFLICT' }))
  })
})
