/**
 * The demo 随手拍 reports the seed writes: valid documents, photos really in storage, and something to
 * show on every screen.
 */
import { COLLECTIONS } from '../../src/domain/collections'
import { cloudPathOfFileId, isOwnReportPhoto, reportDocSchema, submitPhotoScope, rectifyPhotoScope, timelineEventSchema, type ReportStatus } from '../../src/domain/report'
import { sortKeys, type ReportRecord } from '../../cloudfunctions/report/records'
import { seedDemoCity } from '../../scripts/seed'
import { countDocs, startCloud, type TestCloud } from '../support/runtime'

let cloud: TestCloud
let reports: ReportRecord[]
beforeAll(async () => {
  cloud = await startCloud()
  reports = (await cloud.db.collection(COLLECTIONS.reports).limit(100).get()).data as ReportRecord[]
})
afterAll(async () => {
  await cloud?.close()
})

describe('demo reports', () => {
  it('cover every stage of a report’s life', () => {
    const statuses = new Set<ReportStatus>(reports.map((r) => r.status))
    for (const s of ['submitted', 'dispatched', 'in_progress', 'rectified', 'closed', 'returned', 'reopened', 'rejected', 'duplicate'] as const) expect(statuses).toContain(s)
    expect(reports.some((r) => r.flags.escalations > 0)).toBe(true)
    expect(reports.some((r) => r.rating?.score === 'satisfied')).toBe(true)
    expect(reports.some((r) => r.cosignCount > 0)).toBe(true)
  })

  it('are valid documents with their whole timeline, photos in their owners’ folders and in storage', async () => {
    const sdk = require('wx-server-sdk')
    for (const r of reports) {
      reportDocSchema.parse(r)
      expect(r).toMatchObject(sortKeys(r))
      const events = (await cloud.db.collection(COLLECTIONS.reportEvents).where({ reportId: r._id }).orderBy('_id', 'asc').get()).data
      expect(events).toHaveLength(r.version + 1)
      for (const e of events) timelineEventSchema.parse(e)
      expect(events.at(-1)!.to).toBe(r.status)
      for (const p of r.photos) expect(isOwnReportPhoto(p.fileId, r.reporterId, submitPhotoScope(r.clientId))).toBe(true)
      const files = [...r.photos, ...(r.rectification?.photos ?? [])].map((p) => p.fileId)
      const { fileList } = await sdk.getTempFileURL({ fileList: files })
      expect(fileList.every((f: { status: number }) => f.status === 0)).toBe(true)
      if (r.rectification) {
        const unitEvent = events.filter((e) => e.type === 'rectify').at(-1)!
        expect(unitEvent.actor.role).toBe('unit')
        // After-photos are in the unit handler's folder for this report's 整改, not the reporter's.
        expect(r.rectification.photos.every((p) => cloudPathOfFileId(p.fileId)?.startsWith('reports/') && !isOwnReportPhoto(p.fileId, r.reporterId, rectifyPhotoScope(r._id)))).toBe(true)
      }
    }
  })

  it('fill the screens of the demo accounts', async () => {
    const mine = await cloud.as('demo-resident').ok('report', 'myList', {})
    expect(mine.items.length).toBeGreaterThanOrEqual(3)
    expect(mine.items.map((r) => r.id)).toContain('r-demo-stall')
    const queue = await cloud.as('demo-staff').ok('report', 'staffQueue', { limit: 50 })
    expect(queue.items.map((r) => r.id)).toEqual(expect.arrayContaining(['r-demo-stall', 'r-demo-manhole', 'r-demo-wires', 'r-demo-lamp']))
    const tasks = await cloud.as('demo-unit').ok('report', 'unitTasks', {})
    expect(tasks.items.map((r) => r.id)).toEqual(expect.arrayContaining(['r-demo-pile', 'r-demo-bikes']))
    expect(tasks.items.find((r) => r.id === 'r-demo-pile')?.deadlineState).toBe('overdue')
    expect((await cloud.as('demo-unit-3').ok('report', 'unitTasks', {})).items.map((r) => r.id)).toContain('r-demo-corridor')
    const board = await cloud.as('demo-staff').ok('report', 'overdueBoard', {})
    expect(board.items.map((r) => r.id)).toContain('r-demo-pile')
    const detail = await cloud.as('demo-staff').ok('report', 'staffDetail', { id: 'r-demo-stall' })
    expect(detail.proposal.unit?.id).toBe('u-cg-wenhua')
    expect(detail.cosignCount).toBe(2)
    const pub = await cloud.as('demo-resident-2').ok('report', 'detail', { id: 'r-demo-stall' })
    expect(pub).toMatchObject({ view: 'public' })
    expect(pub.photos).toHaveLength(2)
    const stats = await cloud.as('demo-staff').ok('report', 'stats', {})
    expect(stats.total).toBe(reports.length)
  })

  it('are seeded once', async () => {
    const before = await countDocs(cloud.db, COLLECTIONS.reportEvents)
    const again = await seedDemoCity(cloud.db, { now: new Date() })
    expect(again.inserted.reports).toBe(0)
    expect(again.inserted.report_events).toBe(0)
    expect(await countDocs(cloud.db, COLLECTIONS.reportEvents)).toBe(before)
  })
})
