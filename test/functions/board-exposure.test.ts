/**
 * 曝光台 through devcloud: a report turned into an entry, publishing refused until every photo is masked,
 * the original never in a public answer, the entry following its report to 已整改 (after-photos and date),
 * the unit's 回应, following and the fixed notice, view counting, the feed's filters, and direct entries.
 */
import { BOARD_TEMPLATES } from '../../src/domain/board'
import { COLLECTIONS } from '../../src/domain/collections'
import { countDocs, startCloud, type TestCloud } from '../support/runtime'
import { dayFromNow, dispatchedReport, makeUnitHandler, mask, STAFF, uploadBoardPhoto } from '../support/board'
import { uploadAfterPhoto } from '../support/report'

let cloud: TestCloud
const UNIT = 'o-board-unit-gaoxin' // 高新城管
const OTHER_UNIT = 'o-board-unit-jj' // 交警支队
const RESIDENT = 'o-board-resident'

beforeAll(async () => {
  cloud = await startCloud()
  await makeUnitHandler(cloud, UNIT, 'u-cg-gaoxin')
  await makeUnitHandler(cloud, OTHER_UNIT, 'u-jj')
})
afterAll(async () => {
  await cloud?.close()
})

const staff = () => cloud.as(STAFF)

async function draftFrom(reportId: string) {
  const pre = await staff().ok('board', 'exposureFromReport', { reportId })
  const saved = await staff().ok('board', 'exposureSave', {
    reportId,
    title: pre.title,
    categoryId: pre.categoryId,
    districtId: pre.districtId,
    streetId: pre.streetId,
    place: pre.place,
    unitId: pre.unit!.id,
    photos: pre.photos.map((original) => ({ original })),
    requirement: pre.requirement,
    deadline: pre.deadline,
  })
  return { pre, saved }
}

describe('exposing a report', () => {
  it('pre-fills the entry from the report at street level, with its checked photos and unit', async () => {
    const { id, photos } = await dispatchedReport(cloud, 'o-board-r1')
    const pre = await staff().ok('board', 'exposureFromReport', { reportId: id })
    expect(pre).toMatchObject({ reportId: id, existingId: null, categoryId: 'city-stall', unit: { id: 'u-cg-gaoxin' }, reportStatus: 'dispatched' })
    expect(pre.photos).toEqual(photos)
    expect(pre.place).not.toMatch(/高新区/) // the district is shown apart
    expect(pre.title.length).toBeGreaterThan(4)
  })

  it('refuses to publish until every photo is masked, then publishes the masked copies only', async () => {
    const { id } = await dispatchedReport(cloud, 'o-board-r2')
    const extra = await uploadBoardPhoto(cloud, STAFF, 'scene')
    const { pre, saved } = await draftFrom(id)
    const withExtra = await staff().ok('board', 'exposureSave', {
      id: saved.id,
      version: saved.version,
      title: pre.title,
      categoryId: pre.categoryId,
      districtId: pre.districtId,
      streetId: pre.streetId,
      place: pre.place,
      unitId: pre.unit!.id,
      photos: [...pre.photos.map((original) => ({ original })), { original: extra }],
      requirement: pre.requirement,
      deadline: pre.deadline,
    })
    expect(withExtra).toMatchObject({ state: 'draft', unmasked: 2, reportId: id })

    const refused = await staff().fail('board', 'exposurePublish', { id: saved.id, version: withExtra.version })
    expect(refused.code).toBe('CONFLICT')
    expect(refused.message).toMatch(/照片第1张、照片第2张尚未打码确认，不能发布/)
    expect(refused.issues?.map((i) => i.path)).toEqual(['photos.0', 'photos.1'])

    // Mask one: still refused, naming the other.
    await mask(cloud, pre.photos[0], 2)
    const still = await staff().fail('board', 'exposurePublish', { id: saved.id, version: withExtra.version })
    expect(still.message).toMatch(/照片第2张尚未打码确认/)
    expect(still.message).not.toMatch(/第1张/)

    const m2 = await mask(cloud, extra, 0) // looked at, nothing to hide: still a confirmation
    const published = await staff().ok('board', 'exposurePublish', { id: saved.id, version: withExtra.version })
    expect(published.state).toBe('published')
    expect(published.photos.map((p) => p.regions)).toEqual([2, 0])
    expect(published.photos.every((p) => p.maskedBy?.id === STAFF && p.maskedAt)).toBe(true)

    // The public sees the masked copies and thumbnails, never an original (not in the feed, not in the detail).
    const originals = [pre.photos[0], extra]
    const detail = await cloud.as(RESIDENT).ok('board', 'exposureDetail', { id: saved.id })
    expect(detail.photos.map((p) => p.url)).toContain(m2.masked)
    const feed = await cloud.as(RESIDENT).ok('board', 'exposureFeed', { limit: 50 })
    const card = feed.items.find((c) => c.id === saved.id)!
    expect(card.thumb).not.toBeNull()
    for (const text of [JSON.stringify(detail), JSON.stringify(feed)]) for (const o of originals) expect(text).not.toContain(o)
    // …and the response has no field that could carry one.
    expect(Object.keys(detail.photos[0]).sort()).toEqual(['thumb', 'url'])
  })

  it('one entry per report; editing a published entry is refused until it is withdrawn', async () => {
    const { id } = await dispatchedReport(cloud, 'o-board-r3')
    const { pre, saved } = await draftFrom(id)
    for (const p of pre.photos) await mask(cloud, p)
    const again = await staff().fail('board', 'exposureSave', {
      reportId: id,
      title: pre.title,
      categoryId: pre.categoryId,
      districtId: pre.districtId,
      streetId: pre.streetId,
      place: pre.place,
      unitId: pre.unit!.id,
      photos: pre.photos.map((original) => ({ original })),
      requirement: pre.requirement,
      deadline: pre.deadline,
    })
    expect(again).toMatchObject({ code: 'CONFLICT' })
    expect((await staff().ok('board', 'exposureFromReport', { reportId: id })).existingId).toBe(saved.id)

    const pub = await staff().ok('board', 'exposurePublish', { id: saved.id, version: saved.version })
    const edit = {
      id: saved.id,
      version: pub.version,
      title: '改过的标题：占道经营问题',
      categoryId: pre.categoryId,
      districtId: pre.districtId,
      streetId: pre.streetId,
      place: pre.place,
      unitId: pre.unit!.id,
      photos: pre.photos.map((original) => ({ original })),
      requirement: pre.requirement,
      deadline: pre.deadline,
    }
    expect(await staff().fail('board', 'exposureSave', edit)).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/已发布的曝光不能修改/) })
    const withdrawn = await staff().ok('board', 'exposureWithdraw', { id: saved.id, reason: '标题有误，修改后重新发布' })
    expect(withdrawn.state).toBe('withdrawn')
    expect((await cloud.as(RESIDENT).fail('board', 'exposureDetail', { id: saved.id })).code).toBe('NOT_FOUND')
    const edited = await staff().ok('board', 'exposureSave', { ...edit, version: withdrawn.version })
    expect(edited.title).toBe('改过的标题：占道经营问题')
    const republished = await staff().ok('board', 'exposurePublish', { id: saved.id, version: edited.version })
    expect(republished.publishedAt).toBe(pub.publishedAt)
  })

  it('refuses photos that are neither the report’s nor the caller’s own uploads', async () => {
    const { id } = await dispatchedReport(cloud, 'o-board-r4')
    const pre = await staff().ok('board', 'exposureFromReport', { reportId: id })
    const someoneElses = await uploadBoardPhoto(cloud, 'o-other-staff', 'x')
    const res = await staff().fail('board', 'exposureSave', {
      reportId: id,
      title: pre.title,
      categoryId: pre.categoryId,
      districtId: pre.districtId,
      streetId: pre.streetId,
      place: pre.place,
      unitId: pre.unit!.id,
      photos: [{ original: someoneElses }],
      requirement: pre.requirement,
      deadline: pre.deadline,
    })
    expect(res).toMatchObject({ code: 'FORBIDDEN', issues: [{ path: 'photos.0.original' }] })
    // A mask can only be confirmed with the caller's own uploads, never the original itself.
    const own = await uploadBoardPhoto(cloud, STAFF, 'm')
    expect((await staff().fail('board', 'confirmMask', { original: pre.photos[0], masked: someoneElses, thumb: own, regions: 1 })).code).toBe('FORBIDDEN')
    expect((await staff().fail('board', 'confirmMask', { original: own, masked: own, thumb: own, regions: 1 })).code).toBe('INVALID_INPUT')
    // Residents cannot reach the staff side at all.
    expect((await cloud.as(RESIDENT).fail('board', 'exposureStaffList', {})).code).toBe('FORBIDDEN')
    expect((await cloud.as(RESIDENT).fail('board', 'confirmMask', { original: own, masked: own, thumb: own, regions: 0 })).code).toBe('FORBIDDEN')
  })
})

describe('the entry follows its report', () => {
  it('shows 整改中 → 已整改 with the after-photos and date; followers are told once', async () => {
    const { id: reportId } = await dispatchedReport(cloud, 'o-board-r5')
    const { pre, saved } = await draftFrom(reportId)
    for (const p of pre.photos) await mask(cloud, p)
    await staff().ok('board', 'exposurePublish', { id: saved.id, version: saved.version })

    const before = await cloud.as(RESIDENT).ok('board', 'exposureDetail', { id: saved.id })
    expect(before).toMatchObject({ status: 'rectifying', fixedAt: null, following: false, canReply: false, after: { photos: [], note: null } })
    expect(await cloud.as(RESIDENT).ok('board', 'exposureFollow', { id: saved.id, follow: true })).toEqual({ following: true, followers: 1 })
    // Following twice is still one follower.
    expect((await cloud.as(RESIDENT).ok('board', 'exposureFollow', { id: saved.id, follow: true })).followers).toBe(1)

    // The unit rectifies: 整改待核验, not yet 已整改.
    const after = await uploadAfterPhoto(cloud, UNIT, reportId)
    await cloud.as(UNIT).ok('report', 'rectify', { id: reportId, photos: [after], note: '已清理占道摊点，恢复人行道通行。' })
    await cloud.rt.settle()
    expect((await cloud.as(RESIDENT).ok('board', 'exposureDetail', { id: saved.id })).status).toBe('verifying')

    // Staff 销号: the entry shows 已整改 with the unit's after-photo and the date.
    await staff().ok('report', 'verifyClose', { id: reportId, note: '现场核验已整改到位。' })
    const fixed = await cloud.as(RESIDENT).ok('board', 'exposureDetail', { id: saved.id })
    expect(fixed.status).toBe('fixed')
    expect(fixed.fixedAt).toEqual(expect.any(String))
    expect(fixed.after.photos.map((p) => p.url)).toEqual([after])
    expect(fixed.after.note).toBe('已清理占道摊点，恢复人行道通行。')

    // The timer tells followers once, however often it runs.
    const from = cloud.rt.outbox.length
    await cloud.rt.runTrigger('board', 'sync')
    await cloud.rt.runTrigger('board', 'sync')
    const sent = cloud.rt.outbox.slice(from).filter((m) => m.templateId === BOARD_TEMPLATES.exposureFixed)
    expect(sent.map((m) => m.touser)).toEqual([RESIDENT])
    expect(sent[0].page).toBe(`packages/board/pages/exposure/index?id=${encodeURIComponent(saved.id)}`)

    // The status filter finds it under 已整改.
    const fixedFeed = await cloud.as(RESIDENT).ok('board', 'exposureFeed', { status: 'fixed', limit: 50 })
    expect(fixedFeed.items.map((c) => c.id)).toContain(saved.id)
    const open = await cloud.as(RESIDENT).ok('board', 'exposureFeed', { status: 'rectifying', limit: 50 })
    expect(open.items.map((c) => c.id)).not.toContain(saved.id)
  })

  it('lets the named unit answer, and only it', async () => {
    const { id: reportId } = await dispatchedReport(cloud, 'o-board-r6')
    const { pre, saved } = await draftFrom(reportId)
    for (const p of pre.photos) await mask(cloud, p)
    await staff().ok('board', 'exposurePublish', { id: saved.id, version: saved.version })
    expect((await cloud.as(UNIT).ok('board', 'exposureDetail', { id: saved.id })).canReply).toBe(true)
    const res = await cloud.as(UNIT).ok('board', 'exposureReply', { id: saved.id, text: '已组织执法队员现场整治，三日内整改到位。' })
    expect(res.replies).toEqual([{ unitName: '示范市高新区城市管理局', text: '已组织执法队员现场整治，三日内整改到位。', at: expect.any(String) }])
    expect((await cloud.as(OTHER_UNIT).fail('board', 'exposureReply', { id: saved.id, text: '这不是我们的问题，请转交。' })).code).toBe('FORBIDDEN')
    expect((await cloud.as(RESIDENT).fail('board', 'exposureReply', { id: saved.id, text: '我也来回应一下这个问题' })).code).toBe('FORBIDDEN')
    const shown = await cloud.as(RESIDENT).ok('board', 'exposureDetail', { id: saved.id })
    expect(shown.replies).toHaveLength(1)
  })
})

describe('views', () => {
  it('counts one view per person per day', async () => {
    const { id: reportId } = await dispatchedReport(cloud, 'o-board-r7')
    const { pre, saved } = await draftFrom(reportId)
    for (const p of pre.photos) await mask(cloud, p)
    await staff().ok('board', 'exposurePublish', { id: saved.id, version: saved.version })
    const a1 = await cloud.as('o-viewer-a').ok('board', 'exposureDetail', { id: saved.id })
    const a2 = await cloud.as('o-viewer-a').ok('board', 'exposureDetail', { id: saved.id })
    const b1 = await cloud.as('o-viewer-b').ok('board', 'exposureDetail', { id: saved.id })
    expect([a1.views, a2.views, b1.views]).toEqual([1, 1, 2])
    cloud.rt.clock.advance(24 * 3600e3)
    try {
      expect((await cloud.as('o-viewer-a').ok('board', 'exposureDetail', { id: saved.id })).views).toBe(3)
      // Old view marks are purged by the timer.
      const marks = await countDocs(cloud.db, COLLECTIONS.exposureViews)
      cloud.rt.clock.advance(2 * 24 * 3600e3)
      await cloud.rt.runTrigger('board', 'sync')
      expect(await countDocs(cloud.db, COLLECTIONS.exposureViews)).toBeLessThan(marks)
    } finally {
      cloud.rt.clock.reset()
    }
  })
})

describe('direct entries', () => {
  it('are written by staff, go overdue past their deadline, and are marked fixed with masked after-photos', async () => {
    const original = await uploadBoardPhoto(cloud, STAFF, 'bbq')
    const saved = await staff().ok('board', 'exposureSave', {
      title: '滨江大道夜市露天烧烤油烟扰民',
      categoryId: 'city-bbq',
      districtId: 'd-binhe',
      streetId: 's-binjiang',
      place: '滨江大道沿河步道',
      unitId: 'u-cg-binhe',
      photos: [{ original }],
      requirement: '依法取缔占道烧烤摊点，引导进入夜市疏导点经营。',
      deadline: dayFromNow(cloud, 2),
    })
    expect(saved).toMatchObject({ reportId: null, state: 'draft', location: { districtId: 'd-binhe', label: '滨江大道沿河步道' } })
    await mask(cloud, original)
    const pub = await staff().ok('board', 'exposurePublish', { id: saved.id, version: saved.version })
    expect(pub.status).toBe('rectifying')

    cloud.rt.clock.advance(4 * 24 * 3600e3)
    try {
      expect((await cloud.as(RESIDENT).ok('board', 'exposureDetail', { id: saved.id })).status).toBe('overdue')
      await cloud.rt.runTrigger('board', 'sync')
      expect((await cloud.as(RESIDENT).ok('board', 'exposureFeed', { status: 'overdue', limit: 50 })).items.map((c) => c.id)).toContain(saved.id)

      const afterPhoto = await uploadBoardPhoto(cloud, STAFF, 'after')
      const refused = await staff().fail('board', 'exposureRecordFix', { id: saved.id, note: '摊点已全部入点经营。', photos: [{ original: afterPhoto }] })
      expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/整改后照片尚未打码确认/) })
      const m = await mask(cloud, afterPhoto, 0)
      const fixed = await staff().ok('board', 'exposureRecordFix', { id: saved.id, note: '摊点已全部入点经营。', photos: [{ original: afterPhoto }] })
      expect(fixed.status).toBe('fixed')
      const shown = await cloud.as(RESIDENT).ok('board', 'exposureDetail', { id: saved.id })
      expect(shown).toMatchObject({ status: 'fixed', after: { note: '摊点已全部入点经营。', photos: [{ url: m.masked, thumb: m.thumb }] } })
      expect(JSON.stringify(shown)).not.toContain(afterPhoto)
    } finally {
      cloud.rt.clock.reset()
    }
  })
})

describe('the feed', () => {
  it('filters by category, district and status, newest first, paging with a cursor', async () => {
    const all = await cloud.as(RESIDENT).ok('board', 'exposureFeed', { limit: 50 })
    expect(all.items.length).toBeGreaterThan(3)
    const times = all.items.map((c) => c.publishedAt)
    expect([...times].sort().reverse()).toEqual(times)
    const binhe = await cloud.as(RESIDENT).ok('board', 'exposureFeed', { districtId: 'd-binhe', limit: 50 })
    expect(binhe.items.length).toBeGreaterThan(0)
    expect(binhe.items.every((c) => c.place.districtId === 'd-binhe')).toBe(true)
    const stalls = await cloud.as(RESIDENT).ok('board', 'exposureFeed', { categoryId: 'city-stall', limit: 50 })
    expect(stalls.items.every((c) => c.categoryId === 'city-stall')).toBe(true)

    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await cloud.as(RESIDENT).ok('board', 'exposureFeed', { limit: 2, cursor })
      seen.push(...page.items.map((c) => c.id))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen).toEqual(all.items.map((c) => c.id))
    expect((await cloud.as(RESIDENT).fail('board', 'exposureFeed', { cursor: 'bm9wZQ' })).code).toBe('INVALID_INPUT')
  })

  it('carries the seeded entries with their public statuses and never a draft', async () => {
    const all = await cloud.as(RESIDENT).ok('board', 'exposureFeed', { limit: 50 })
    const byId = new Map(all.items.map((c) => [c.id, c]))
    expect(byId.get('e-r-demo-pile')?.status).toBe('overdue')
    expect(byId.get('e-r-demo-car')?.status).toBe('fixed')
    expect(byId.get('e-fx-xinhua-market')?.status).toBe('fixed')
    expect(byId.has('e-r-demo-manhole')).toBe(false)
    const drafts = await staff().ok('board', 'exposureStaffList', { state: 'draft', limit: 50 })
    expect(drafts.items.find((e) => e.id === 'e-r-demo-manhole')?.unmasked).toBe(1)
  })
})
