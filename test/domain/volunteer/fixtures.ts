import { buildPosts, newVolunteer, signupOpensAt, type EventDoc, type VolunteerDoc } from '../../../src/domain/volunteer'

/** A published event starting `startInH` hours after `now`, lasting `hours`. */
export function anEvent(now: Date, over: Partial<EventDoc> & { startInH?: number; hours?: number } = {}): EventDoc {
  const { startInH = 48, hours = 2, ...rest } = over
  const start = new Date(now.getTime() + startInH * 3600_000)
  const startAt = start.toISOString()
  const endAt = new Date(start.getTime() + hours * 3600_000).toISOString()
  return {
    _id: 'ev1',
    title: '周五环境整治',
    type: 'environment',
    place: { address: '幸福里社区', lat: 34.62, lng: 112.45 },
    meetingPoint: null,
    startAt,
    endAt,
    capacity: 2,
    signupOpensAt: signupOpensAt(startAt),
    signupDeadline: new Date(start.getTime() - 2 * 3600_000).toISOString(),
    organiser: { name: '市文明办', openid: 'staff' },
    team: null,
    notes: null,
    posts: buildPosts([{ name: '1号楼', kind: 'compound', task: 'cleanup', needed: 1 }]),
    status: 'published',
    seriesId: null,
    confirmedCount: 0,
    waitlist: [],
    signupSeq: 0,
    cancelReason: null,
    cancelledAt: null,
    publishedAt: now.toISOString(),
    startedAt: null,
    finishedAt: null,
    noShowsMarkedAt: null,
    createdBy: 'staff',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    ...rest,
  }
}

export function aVolunteer(openid: string, now: Date, over: Partial<VolunteerDoc> = {}): VolunteerDoc {
  const v = newVolunteer(
    openid,
    { name: '王建国', mobile: '13900001001', skills: [], services: ['environment'], availability: ['weekend_morning'], idNumberMasked: null, idHash: null, area: null, team: null },
    now,
  )
  return { ...v, status: 'approved', ...over }
}
