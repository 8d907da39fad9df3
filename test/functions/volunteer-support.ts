/** Helpers of the volunteer function tests (not a test file itself). */
import { COLLECTIONS } from '../../src/domain/collections'
import { atChinaTime, chinaDayNumber, newVolunteer, type VolunteerDoc } from '../../src/domain/volunteer'
import { newResident } from '../../src/domain/user/user'
import { insertMissing } from '../../cloudfunctions/kernel/db'
import type { TestCloud } from '../support/runtime'

/** Monday 2026-11-23 10:00 Beijing. */
export const T0 = new Date('2026-11-23T02:00:00.000Z')
export const PLACE = { address: '文华区幸福里社区综合楼前广场', lat: 34.62, lng: 112.45 }

/** ISO instant of Beijing `hhmm` on the day `days` after T0's day. */
export const day = (days: number, hhmm: string): string => atChinaTime(chinaDayNumber(T0) + days, hhmm).toISOString()

export function eventInput(over: Record<string, unknown> = {}) {
  return {
    title: '周五环境整治·测试',
    type: 'environment',
    place: PLACE,
    meetingPoint: '综合楼前广场',
    startAt: day(4, '15:00'),
    endAt: day(4, '17:00'),
    capacity: 3,
    organiserName: '幸福里社区',
    notes: '请穿运动鞋',
    posts: [
      { name: '1-3号楼', kind: 'compound', task: 'cleanup', needed: 2 },
      { name: '人民路口', kind: 'intersection', task: 'persuasion', needed: 1 },
    ],
    ...over,
  }
}

/** A published event; returns its id. */
export async function publishedEvent(cloud: TestCloud, over: Record<string, unknown> = {}): Promise<string> {
  const draft = await cloud.as('demo-staff').ok('volunteer', 'saveEvent', eventInput(over) as never)
  await cloud.as('demo-staff').ok('volunteer', 'publishEvent', { id: draft.id })
  return draft.id
}

/** Approved volunteers written straight into the store (as an import would), with the `volunteer` role. */
export async function addVolunteers(cloud: TestCloud, prefix: string, n: number, over: Partial<VolunteerDoc> = {}): Promise<string[]> {
  const now = new Date(cloud.rt.clock.now())
  const ids = Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(3, '0')}`)
  const vols = ids.map((id, i) => ({
    ...newVolunteer(
      id,
      { name: `志愿者${i + 1}号`, mobile: `1380000${String(i).padStart(4, '0')}`, skills: [], services: ['environment'], availability: ['weekend_morning'], idNumberMasked: null, idHash: null, area: null, team: null },
      now,
    ),
    status: 'approved' as const,
    ...over,
  }))
  await insertMissing(cloud.db, COLLECTIONS.volunteers, vols, { concurrency: 50 })
  await insertMissing(cloud.db, COLLECTIONS.users, ids.map((id) => ({ ...newResident(id, now), roles: ['volunteer' as const] })), { concurrency: 50 })
  return ids
}

export async function volunteerDoc(cloud: TestCloud, openid: string): Promise<VolunteerDoc> {
  const res = await cloud.db.collection(COLLECTIONS.volunteers).where({ _id: openid }).get()
  return res.data[0] as VolunteerDoc
}
