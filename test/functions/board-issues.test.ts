/**
 * 红黑榜 through devcloud: a draft proposed from a week of real reports (figures checked by hand), the
 * two-person rule, immutability of a published issue, corrections appended with their dates, 黑榜 entries
 * showing their reports' current status, and gap-free numbering under concurrent approvals.
 */
import { COLLECTIONS } from '../../src/domain/collections'
import { dayNumberOf, dayStart, mondayOf, type IssueStaff } from '../../src/domain/board'
import { chinaDayNumber } from '../../src/domain/report'
import { startCloud, type TestCloud } from '../support/runtime'
import { pointIn, submitReport, uploadAfterPhoto } from '../support/report'
import { ADMIN, makeUnitHandler, mask, STAFF, uploadBoardPhoto } from '../support/board'

let cloud: TestCloud
const UNIT = 'o-issue-unit-gaoxin' // 高新城管
const ADMIN_2 = 'o-issue-admin-2'
const HOUR = 3600e3
const DAY = 24 * HOUR

/** Monday 10:00 (Beijing) of a week with no demo data: 9 weeks after the seed. */
let t0 = 0
let weekStart = ''
const ids = { best: [] as string[], worst: [] as string[], fewest: [] as string[] }

beforeAll(async () => {
  cloud = await startCloud()
  await makeUnitHandler(cloud, UNIT, 'u-cg-gaoxin')
  await cloud.as(ADMIN_2).ok('user', 'me')
  await cloud.as(ADMIN).ok('user', 'setRoles', { openid: ADMIN_2, roles: ['admin'] })

  const monday = mondayOf(chinaDayNumber(new Date(cloud.rt.clock.now())) + 63)
  t0 = dayStart(monday).getTime() + 10 * HOUR
  weekStart = new Date(monday * DAY).toISOString().slice(0, 10)
  cloud.rt.clock.set(t0)
  // 高新城管: three stalls, each fixed and 销号 within its deadline → 3/3 on time.
  for (let i = 0; i < 3; i++) {
    const { report } = await submitReport(cloud, `o-issue-a${i}`)
    await cloud.rt.settle()
    await cloud.as(STAFF).ok('report', 'acceptDispatch', { id: report.id, unitId: 'u-cg-gaoxin' })
    await cloud.as(UNIT).ok('report', 'rectify', { id: report.id, photos: [await uploadAfterPhoto(cloud, UNIT, report.id)], note: '已清理占道摊点。' })
    await cloud.as(STAFF).ok('report', 'verifyClose', { id: report.id })
    ids.best.push(report.id)
  }
  // 交警支队: three stalls with a 1-day deadline, never fixed → overdue by next week, 0/3.
  for (let i = 0; i < 3; i++) {
    const { report } = await submitReport(cloud, `o-issue-b${i}`)
    await cloud.as(STAFF).ok('report', 'acceptDispatch', { id: report.id, unitId: 'u-jj', deadlineDays: 1 })
    ids.worst.push(report.id)
  }
  // 创业街道第一网格: two different problems, not recurring.
  for (const [i, categoryId] of ['city-pile', 'sanitation-exposed'].entries()) {
    const { report } = await submitReport(cloud, `o-issue-c${i}`, { categoryId, at: pointIn('g-chuangye-1'), address: '高新区创业大道88号' })
    ids.fewest.push(report.id)
  }
  // Next Monday: last week is complete.
  cloud.rt.clock.set(t0 + 7 * DAY + HOUR)
}, 120_000)

afterAll(async () => {
  await cloud?.close()
})

const staff = () => cloud.as(STAFF)
const saveAs = (who: string, i: IssueStaff, patch: Partial<{ intro: string }> = {}) =>
  cloud.as(who).ok('board', 'issueSave', {
    id: i.id,
    version: i.version,
    intro: patch.intro ?? i.intro,
    red: i.red.map((e) => ({ key: e.key, subjectType: e.subjectType, name: e.name, reason: e.reason, photo: e.photo ? { original: e.photo.original } : null, proposalKey: e.proposalKey })),
    black: i.black.map((e) => ({
      key: e.key,
      subjectType: e.subjectType,
      name: e.name,
      problem: e.problem,
      requirement: e.requirement,
      deadline: new Date(Date.parse(e.deadline) + 8 * HOUR).toISOString().slice(0, 10),
      reportIds: e.reportIds,
      photo: e.photo ? { original: e.photo.original } : null,
      proposalKey: e.proposalKey,
    })),
  })

let draft: IssueStaff

/** A draft of a quiet week gets one 红榜 entry written by hand. */
const withOneEntry = (d: IssueStaff) =>
  staff().ok('board', 'issueSave', {
    id: d.id,
    version: d.version,
    intro: d.intro,
    red: [{ key: 'hand0001', subjectType: 'person', name: '环卫工人李师傅', reason: '坚守岗位，雨夜疏通排水口，保障道路畅通。', photo: null, proposalKey: null }],
    black: [],
  })

describe('a draft from the period’s data', () => {
  it('proposes the best and worst units, the grids with the fewest and most recurring problems, each with its figures', async () => {
    draft = await staff().ok('board', 'issueCreateDraft', {})
    expect(draft.period.startDay).toBe(weekStart)
    expect(draft.state).toBe('draft')
    const by = (kind: string) => draft.proposals.filter((p) => p.kind === kind)
    expect(by('unit_best')).toEqual([
      expect.objectContaining({ side: 'red', subject: { type: 'unit', id: 'u-cg-gaoxin', name: '示范市高新区城市管理局' }, figures: { metric: 'on_time', numerator: 3, denominator: 3, rate: 1, summary: '按时整改 3/3（100%）' } }),
    ])
    expect(by('unit_worst')).toEqual([
      expect.objectContaining({ side: 'black', subject: expect.objectContaining({ id: 'u-jj' }), figures: { metric: 'on_time', numerator: 0, denominator: 3, rate: 0, summary: '按时整改 0/3（0%）' } }),
    ])
    expect([...by('unit_worst')[0].reportIds].sort()).toEqual([...ids.worst].sort())
    // Six stalls in one grid: five of them repeat the first.
    expect(by('grid_most')).toEqual([expect.objectContaining({ side: 'black', subject: expect.objectContaining({ type: 'place', id: 'g-kexue-1' }), figures: expect.objectContaining({ numerator: 5, denominator: 6 }) })])
    expect(by('grid_most')[0].reportIds).toHaveLength(6)
    expect(by('grid_fewest')).toEqual([expect.objectContaining({ side: 'red', subject: expect.objectContaining({ id: 'g-chuangye-1' }), figures: expect.objectContaining({ numerator: 0, denominator: 2 }) })])
    expect(by('team_active')).toEqual([])
    expect(draft.proposalNotes.join('；')).toMatch(/志愿服务/)

    // Entries start from the first proposal of each kind, carrying its figures.
    expect(draft.red.map((e) => [e.name, e.basis?.summary])).toEqual([
      ['示范市高新区城市管理局', '按时整改 3/3（100%）'],
      [expect.stringContaining('网格'), expect.stringContaining('反复出现 0 次')],
    ])
    expect(draft.black.map((e) => e.subjectType)).toEqual(['unit', 'place'])
    expect(draft.black[0].problem).toMatch(/按时整改仅0件/)
    expect(draft.black[0].progress).toMatchObject({ state: 'rectifying', fixed: 0, total: 3 }) // a week to fix it from now
  })

  it('keeps the figures the server proposed, whatever the client sends', async () => {
    const saved = await saveAs(STAFF, draft, { intro: '现将上周红黑榜予以公布。' })
    expect(saved.red[0].basis?.summary).toBe('按时整改 3/3（100%）')
    expect(saved.version).toBe(draft.version + 1)
    draft = saved
    // A stale version is a conflict, not a silent overwrite.
    expect((await staff().fail('board', 'issueSave', { id: draft.id, version: 0, intro: 'x', red: [], black: [] })).code).toBe('CONFLICT')
  })
})

describe('two-person publishing', () => {
  it('needs an admin who neither drafted nor edited it, and every photo masked', async () => {
    // A 红榜 photo, unmasked: submitting is refused.
    const photo = await uploadBoardPhoto(cloud, STAFF, 'team')
    const withPhoto = await staff().ok('board', 'issueSave', {
      id: draft.id,
      version: draft.version,
      intro: draft.intro,
      red: draft.red.map((e, i) => ({ key: e.key, subjectType: e.subjectType, name: e.name, reason: e.reason, photo: i === 0 ? { original: photo } : null, proposalKey: e.proposalKey })),
      black: draft.black.map((e) => ({ key: e.key, subjectType: e.subjectType, name: e.name, problem: e.problem, requirement: e.requirement, deadline: new Date(Date.parse(e.deadline) + 8 * HOUR).toISOString().slice(0, 10), reportIds: e.reportIds, photo: null, proposalKey: e.proposalKey })),
    })
    expect(withPhoto.unmasked).toBe(1)
    const refused = await staff().fail('board', 'issueSubmit', { id: draft.id, version: withPhoto.version })
    expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/红榜“示范市高新区城市管理局”的照片尚未打码确认/) })
    await mask(cloud, photo, 3)
    const pending = await staff().ok('board', 'issueSubmit', { id: draft.id, version: withPhoto.version })
    expect(pending).toMatchObject({ state: 'pending', submittedBy: { id: STAFF }, unmasked: 0 })

    // Staff cannot approve at all; an admin who edited it cannot either.
    expect((await staff().fail('board', 'issueApprove', { id: draft.id, version: pending.version })).code).toBe('FORBIDDEN')
    const returned = await cloud.as(ADMIN).ok('board', 'issueReturn', { id: draft.id, note: '导语请写明周期' })
    expect(returned).toMatchObject({ state: 'draft', returned: { note: '导语请写明周期', by: { id: ADMIN } } })
    const adminEdit = await saveAs(ADMIN, returned, { intro: `现将${returned.period.label}红黑榜予以公布。` })
    const again = await staff().ok('board', 'issueSubmit', { id: draft.id, version: adminEdit.version })
    const selfApprove = await cloud.as(ADMIN).fail('board', 'issueApprove', { id: draft.id, version: again.version })
    expect(selfApprove).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/另一人审核/) })
    expect(again.iEdited).toBe(true)

    // A second admin, who did not touch it, publishes it: numbered after the seeded issues.
    const settings = await cloud.as(ADMIN_2).ok('board', 'boardSettings', {})
    const published = await cloud.as(ADMIN_2).ok('board', 'issueApprove', { id: draft.id, version: again.version })
    expect(published).toMatchObject({ state: 'published', no: settings.lastNo + 1, approvedBy: { id: ADMIN_2 } })
    expect(published.title).toMatch(new RegExp(`第${settings.lastNo + 1}期$`))
    draft = published
    // The public sees it as the latest issue, the 红榜 photo masked.
    const latest = await cloud.as('o-issue-reader').ok('board', 'issueDetail', {})
    expect(latest.issue?.id).toBe(draft.id)
    expect(latest.issue?.red[0].photo).toEqual({ url: expect.any(String), thumb: expect.any(String) })
    expect(JSON.stringify(latest)).not.toContain(photo)
    expect(latest.issue?.black[0].progress).toMatchObject({ state: 'rectifying', total: 3 })
  })

  it('never publishes the same week twice', async () => {
    const res = await staff().fail('board', 'issueCreateDraft', { periodStart: weekStart })
    expect(res).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/已发布（第\d+期）/) })
  })
})

describe('a published issue never changes', () => {
  it('refuses every edit path and keeps the stored document byte for byte', async () => {
    const before = (await cloud.db.collection(COLLECTIONS.boardIssues).doc(draft.id).get()).data
    const save = await staff().fail('board', 'issueSave', { id: draft.id, version: draft.version, intro: '改写', red: [], black: [] })
    expect(save).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/已发布的红黑榜不能修改/) })
    expect((await staff().fail('board', 'issueSubmit', { id: draft.id, version: draft.version })).code).toBe('CONFLICT')
    expect((await cloud.as(ADMIN).fail('board', 'issueReturn', { id: draft.id, note: '撤回重发' })).code).toBe('CONFLICT')
    expect((await cloud.as(ADMIN_2).fail('board', 'issueApprove', { id: draft.id, version: draft.version })).code).toBe('CONFLICT')

    // Corrections and follow-ups are appended beside it, dated.
    cloud.rt.clock.advance(2 * DAY)
    const note = await staff().ok('board', 'issueAppendNote', { id: draft.id, kind: 'correction', text: '本期黑榜第1条“存在问题”表述更正如下：……' })
    cloud.rt.clock.advance(3 * DAY)
    await staff().ok('board', 'issueAppendNote', { id: draft.id, kind: 'followup', entryKey: draft.black[1].key, text: '经复查，该网格占道经营问题已整改到位。', fixed: true })
    expect(note.notes).toHaveLength(1)
    const after = (await cloud.db.collection(COLLECTIONS.boardIssues).doc(draft.id).get()).data
    expect(after).toEqual(before)

    const shown = await cloud.as('o-issue-reader').ok('board', 'issueDetail', { id: draft.id })
    expect(shown.issue?.notes.map((n) => [n.kind, n.fixed])).toEqual([
      ['correction', false],
      ['followup', true],
    ])
    const gap = Date.parse(shown.issue!.notes[1].at) - Date.parse(shown.issue!.notes[0].at)
    expect(gap).toBeGreaterThanOrEqual(3 * DAY)
    expect(gap).toBeLessThan(3 * DAY + 60_000)
    // The black entry with linked reports shows where they stand now; a follow-up alone does not override reports.
    expect(shown.issue?.black[0].progress.state).toBe('rectifying')
    expect(shown.issue?.black[1].progress.state).toBe('rectifying') // 6 linked reports still open, whatever the note says
    // Fixed flags are for black entries only.
    expect((await staff().fail('board', 'issueAppendNote', { id: draft.id, kind: 'followup', entryKey: draft.red[0].key, text: '红榜条目无需跟进整改。', fixed: true })).code).toBe('INVALID_INPUT')
    // Notes go on published issues only.
    const other = await staff().ok('board', 'issueCreateDraft', { periodStart: new Date(Date.parse(weekStart) + 7 * DAY).toISOString().slice(0, 10) })
    expect((await staff().fail('board', 'issueAppendNote', { id: other.id, kind: 'correction', text: '草稿不能追加更正说明' })).code).toBe('CONFLICT')
  })

  it('shows a black entry as fixed once all its linked reports are 销号, without touching the issue', async () => {
    for (const id of ids.worst) {
      const handler = 'o-issue-unit-jj'
      await makeUnitHandler(cloud, handler, 'u-jj')
      await cloud.as(handler).ok('report', 'rectify', { id, photos: [await uploadAfterPhoto(cloud, handler, id)], note: '已整改到位。' })
      await staff().ok('report', 'verifyClose', { id })
    }
    const shown = await cloud.as('o-issue-reader').ok('board', 'issueDetail', { id: draft.id })
    expect(shown.issue?.black[0].progress).toMatchObject({ state: 'fixed', fixed: 3, total: 3, fixedAt: expect.any(String) })
    expect(shown.issue?.black[0].reports.map((r) => r.status)).toEqual(['closed', 'closed', 'closed'])
  })
})

describe('numbering', () => {
  it('gives 10 concurrently approved issues consecutive numbers, no gaps, no duplicates', async () => {
    // Ten drafts of ten past weeks, submitted by staff.
    const pending: IssueStaff[] = []
    for (let k = 2; k <= 11; k++) {
      const start = new Date((dayNumberOf(weekStart)! + 7 * k) * DAY).toISOString().slice(0, 10)
      cloud.rt.clock.set(Date.parse(`${start}T02:00:00.000Z`) + 7 * DAY)
      const d = await withOneEntry(await staff().ok('board', 'issueCreateDraft', { periodStart: start }))
      pending.push(await staff().ok('board', 'issueSubmit', { id: d.id, version: d.version }))
    }
    const { lastNo } = await cloud.as(ADMIN).ok('board', 'boardSettings', {})
    const results = await Promise.all(pending.map((p) => cloud.as(ADMIN).call('board', 'issueApprove', { id: p.id, version: p.version })))
    const numbers = results.map((r) => (r.ok ? r.data.no : r.code))
    expect([...numbers].sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 10 }, (_, i) => lastNo + 1 + i))
    expect((await cloud.as(ADMIN).ok('board', 'boardSettings', {})).lastNo).toBe(lastNo + 10)

    // Two admins approving the same issue at once publish it once.
    cloud.rt.clock.set(Date.parse(weekStart) + 7 * 13 * DAY)
    const d = await withOneEntry(await staff().ok('board', 'issueCreateDraft', { periodStart: new Date((dayNumberOf(weekStart)! + 7 * 12) * DAY).toISOString().slice(0, 10) }))
    const p = await staff().ok('board', 'issueSubmit', { id: d.id, version: d.version })
    const twice = await Promise.all([ADMIN, ADMIN_2].map((who) => cloud.as(who).call('board', 'issueApprove', { id: p.id, version: p.version })))
    expect(twice.filter((r) => r.ok)).toHaveLength(1)
    expect(twice.find((r) => !r.ok)).toMatchObject({ code: 'CONFLICT' })
    expect((await cloud.as(ADMIN).ok('board', 'boardSettings', {})).lastNo).toBe(lastNo + 11)

    // The feed lists them newest number first, paging by number; the archive's year counts add up.
    const feed = await cloud.as('o-issue-reader').ok('board', 'issueFeed', { limit: 5 })
    expect(feed.items.map((i) => i.no)).toEqual([lastNo + 11, lastNo + 10, lastNo + 9, lastNo + 8, lastNo + 7])
    const next = await cloud.as('o-issue-reader').ok('board', 'issueFeed', { limit: 5, cursor: feed.nextCursor! })
    expect(next.items[0].no).toBe(lastNo + 6)
    expect(feed.years.reduce((n, y) => n + y.count, 0)).toBe(lastNo + 11)
  })
})
