/**
 * Reporters stay anonymous to the public: nothing a resident can read — lists and the public details of
 * other people's reports, 曝光台 entries and 红黑榜 issues — carries a reporter's OPENID or nickname.
 * Generated from the contracts, so a public action added later is covered too.
 */
import type { TestCloud } from '../support/runtime'
import { COLLECTIONS } from '../../src/domain/collections'
import { allActions, startSecurityCloud } from './support'

const READER = 'o-public-reader'
let cloud: TestCloud
let secrets: string[]

beforeAll(async () => {
  cloud = await startSecurityCloud()
  // Everyone who has reported something in the demo city, by OPENID and by nickname.
  const reports = (await cloud.db.collection(COLLECTIONS.reports).limit(1000).get()).data as { reporterId: string }[]
  const reporterIds = [...new Set(reports.map((r) => r.reporterId))]
  expect(reporterIds.length).toBeGreaterThan(2)
  const users = (await cloud.db.collection(COLLECTIONS.users).where({ _id: cloud.db.command.in(reporterIds) }).limit(100).get()).data as { nickname: string }[]
  secrets = [...reporterIds, ...users.map((u) => u.nickname)]
  await cloud.as(READER).ok('user', 'me')
})
afterAll(() => cloud.close())

/** Public reads: any resident may call them, and they do not change anything. */
const PUBLIC_READS = allActions().filter((a) => a.def.roles.includes('resident') && a.def.effect === 'read')

const leaks = (data: unknown) => {
  const text = JSON.stringify(data)
  return secrets.filter((s) => text.includes(s))
}

it('no public list names a reporter', async () => {
  let called = 0
  for (const a of PUBLIC_READS) {
    const res = await cloud.as(READER).call(a.fn, a.action, {})
    if (!res.ok) continue
    called++
    expect([`${a.fn}.${a.action}`, leaks(res.data)]).toEqual([`${a.fn}.${a.action}`, []])
  }
  expect(called).toBeGreaterThan(10)
})

it('no public detail names a reporter: every published 曝光台 entry, every 红黑榜 issue, other people’s reports', async () => {
  const exposures = (await cloud.db.collection(COLLECTIONS.exposures).where({ state: 'published' }).limit(100).get()).data as { _id: string }[]
  const issues = (await cloud.db.collection(COLLECTIONS.boardIssues).where({ state: 'published' }).limit(100).get()).data as { _id: string }[]
  const reports = (await cloud.db.collection(COLLECTIONS.reports).limit(100).get()).data as { _id: string }[]
  expect(exposures.length).toBeGreaterThan(0)
  expect(issues.length).toBeGreaterThan(0)
  const calls: [string, string, string][] = [
    ...exposures.map((e): [string, string, string] => ['board', 'exposureDetail', e._id]),
    ...issues.map((i): [string, string, string] => ['board', 'issueDetail', i._id]),
    ...reports.map((r): [string, string, string] => ['report', 'detail', r._id]),
  ]
  let read = 0
  for (const [fn, action, id] of calls) {
    const res = await cloud.as(READER).call(fn, action, { id })
    if (!res.ok) continue
    read++
    expect([`${fn}.${action}(${id})`, leaks(res.data)]).toEqual([`${fn}.${action}(${id})`, []])
  }
  expect(read).toBeGreaterThan(exposures.length + issues.length)
})
