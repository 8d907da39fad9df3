/**
 * 个人信息保护: consent to the 隐私政策 (version + time), 查阅复制 (exportMyData) and 注销账号
 * (deleteAccount) — what is erased, what stays as an anonymous city record, and that afterwards nothing
 * leads back to the person, whose OPENID WeChat would give them again.
 */
import { COLLECTIONS } from '../../src/domain/collections'
import { DELETE_ACCOUNT_PHRASE, PRIVACY_POLICY_VERSION, isTombstone } from '../../src/domain/user/privacy'
import { ERASURE_PLAN } from '../../src/domain/user/erasure'
import { countDocs, type TestCloud } from '../support/runtime'
import { submitReport } from '../support/report'
import { answersFor, publishedSurvey, startSurveyCloud } from './survey-support'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startSurveyCloud()
})
afterAll(async () => {
  await cloud?.close()
})

const PERSON = 'o-privacy-leaver'
const MOBILE = '13912345678'
const ID_NUMBER = '11010519491231002X'
const NAME = '周立新'

describe('user.consent', () => {
  it('records the current policy version with the time, and refuses an outdated version', async () => {
    const me = await cloud.as('o-privacy-consent').ok('user', 'me')
    expect(me.consent).toBeNull()
    const old = await cloud.as('o-privacy-consent').fail('user', 'consent', { version: '2020-01-01' })
    expect(old).toMatchObject({ code: 'CONFLICT', message: '隐私政策已更新，请阅读新版本后再同意' })
    const agreed = await cloud.as('o-privacy-consent').ok('user', 'consent', { version: PRIVACY_POLICY_VERSION })
    expect(agreed.consent).toEqual({ version: PRIVACY_POLICY_VERSION, at: expect.any(String) })
    expect(Math.abs(Date.parse(agreed.consent!.at) - cloud.rt.clock.now())).toBeLessThan(5000)
    expect((await cloud.as('o-privacy-consent').ok('user', 'me')).consent).toEqual(agreed.consent)
    expect((await cloud.as('o-privacy-consent').fail('user', 'consent', {})).code).toBe('INVALID_INPUT')
  })
})

describe('the erasure plan', () => {
  it('decides, for every collection, what 注销账号 does to it', () => {
    const missing = Object.values(COLLECTIONS).filter((c) => !ERASURE_PLAN[c])
    expect(missing).toEqual([])
  })
})

describe('user.deleteAccount', () => {
  let reportId = ''
  let surveyId = ''

  beforeAll(async () => {
    await cloud.as(PERSON).ok('user', 'updateProfile', { nickname: '小周在文华区' })
    await cloud.as(PERSON).ok('user', 'consent', { version: PRIVACY_POLICY_VERSION })
    reportId = (await submitReport(cloud, PERSON, { description: '幸福里小区门口井盖缺失，晚上很危险，请尽快处理。' })).report.id
    await cloud.as(PERSON).ok('volunteer', 'register', {
      name: NAME,
      mobile: MOBILE,
      idNumber: ID_NUMBER,
      services: ['environment'],
      availability: ['weekend_morning'],
      districtId: 'd-wenhua',
      consent: true,
    })
    await cloud.as('demo-staff').ok('volunteer', 'reviewRegistration', { openid: PERSON, decision: 'approve' })
    // A named survey (answers carry the OPENID) answered with a mobile for dedupe.
    surveyId = (await publishedSurvey(cloud, { anonymous: false })).id
    await cloud.as(PERSON).ok('survey', 'submit', { surveyId, answers: answersFor('s4'), elapsedMs: 60_000, districtId: 'd-wenhua', mobile: MOBILE })
  })

  it('lets the person see what we hold first (查阅、复制)', async () => {
    const data = await cloud.as(PERSON).ok('user', 'exportMyData')
    expect(data.profile).toMatchObject({ openid: PERSON, nickname: '小周在文华区', consent: { version: PRIVACY_POLICY_VERSION } })
    expect(data.reports.total).toBe(1)
    expect(data.reports.items[0]).toMatchObject({ id: reportId, description: '幸福里小区门口井盖缺失，晚上很危险，请尽快处理。' })
    expect(data.volunteer).toMatchObject({ name: NAME, mobile: MOBILE, idNumberMasked: '1101**********002X', status: 'approved' })
    expect(JSON.stringify(data)).not.toContain(ID_NUMBER)
    expect(data.survey).toEqual({ districtId: 'd-wenhua', mobileOnFile: true })
  })

  it('asks for the confirmation phrase, and refuses staff, unit and admin while they hold the role', async () => {
    const bad = await cloud.as(PERSON).fail('user', 'deleteAccount', { confirm: '删除' })
    expect(bad.code).toBe('INVALID_INPUT')
    expect(bad.message).toContain(`请输入“${DELETE_ACCOUNT_PHRASE}”以确认`)
    for (const who of ['demo-staff', 'demo-unit', 'demo-admin']) {
      const res = await cloud.as(who).fail('user', 'deleteAccount', { confirm: DELETE_ACCOUNT_PHRASE })
      expect(res.code).toBe('FORBIDDEN')
      expect(res.message).toContain('请先由管理员取消角色')
    }
    expect(await countDocs(cloud.db, COLLECTIONS.users, { _id: 'demo-staff' })).toBe(1)
  })

  it('erases the person, keeps their report as an anonymous record, and is idempotent', async () => {
    const res = await cloud.as(PERSON).ok('user', 'deleteAccount', { confirm: DELETE_ACCOUNT_PHRASE })
    expect(res.erased).toMatchObject({ reportsAnonymised: 1, surveyAnswersAnonymised: 1 })
    expect(res.erased.volunteerRecordsAnonymised).toBeGreaterThanOrEqual(0)

    // Gone: the user, the 实名 record, the survey profile and claims.
    expect(await countDocs(cloud.db, COLLECTIONS.users, { _id: PERSON })).toBe(0)
    expect(await countDocs(cloud.db, COLLECTIONS.volunteers, { _id: PERSON })).toBe(0)
    expect(await countDocs(cloud.db, COLLECTIONS.surveyProfiles, { _id: PERSON })).toBe(0)
    expect(await countDocs(cloud.db, COLLECTIONS.surveyClaims, { surveyId })).toBe(0)

    // Kept: the report, for the city and the unit, under a tombstone.
    const report = (await cloud.db.collection(COLLECTIONS.reports).doc(reportId).get()).data as { reporterId: string; description: string }
    expect(isTombstone(report.reporterId)).toBe(true)
    expect(report.description).toBe('幸福里小区门口井盖缺失，晚上很危险，请尽快处理。')
    const staffDetail = await cloud.as('demo-staff').ok('report', 'staffDetail', { id: reportId })
    expect(JSON.stringify(staffDetail)).not.toContain(PERSON)
    const answer = await cloud.db.collection(COLLECTIONS.surveyResponses).where({ surveyId }).get()
    expect(answer.data).toHaveLength(1)
    expect(answer.data[0]).toMatchObject({ openid: null, nickname: null })

    // Nothing anywhere still carries the OPENID, the name, the mobile or the ID number.
    for (const name of Object.values(COLLECTIONS)) {
      const docs = await cloud.db.collection(name).limit(1000).get()
      const text = JSON.stringify(docs.data)
      for (const needle of [PERSON, MOBILE, ID_NUMBER, NAME, '小周在文华区']) {
        if (text.includes(needle)) throw new Error(`${name} still holds ${needle}`)
      }
    }

    // Again: nothing left to do, same answer shape.
    const again = await cloud.as(PERSON).ok('user', 'deleteAccount', { confirm: DELETE_ACCOUNT_PHRASE })
    expect(again.erased).toEqual({ reportsAnonymised: 0, followsRemoved: 0, surveyAnswersAnonymised: 0, volunteerRecordsAnonymised: 0 })
  })

  it('lets the same WeChat user start afresh: no role, no consent, no reports, no registration, can answer again', async () => {
    const me = await cloud.as(PERSON).ok('user', 'me')
    expect(me).toMatchObject({ roles: ['resident'], consent: null })
    expect(me.nickname).not.toBe('小周在文华区')
    const mine = await cloud.as(PERSON).ok('report', 'myList', {})
    expect(mine.items).toEqual([])
    const data = await cloud.as(PERSON).ok('user', 'exportMyData')
    expect(data).toMatchObject({ reports: { total: 0, items: [] }, volunteer: null, survey: null, follows: 0 })
    await cloud.as(PERSON).ok('survey', 'submit', { surveyId, answers: answersFor('s3'), elapsedMs: 60_000, districtId: 'd-wenhua' })
  })
})
