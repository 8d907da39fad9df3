import {
  createReport,
  SYSTEM_ACTOR,
  transition,
  type Actor,
  type ReportCommand,
  type ReportDoc,
  type ReportStatus,
  type TimelineEvent,
} from '@/domain/report'

/** Monday 2024-05-06 10:00 Beijing time. */
export const T0 = new Date('2024-05-06T02:00:00.000Z')
export const HOUR = 60 * 60 * 1000
export const DAY = 24 * HOUR
export const at = (base: Date | string, ms: number) => new Date(new Date(base).getTime() + ms)

/** 大武口区, 石嘴山. */
export const POINT = { lat: 39.0146, lng: 106.3846 }

export const staff: Actor = { role: 'staff', userId: 'openid-staff' }
export const unitA: Actor = { role: 'unit', userId: 'openid-unit-a', unitId: 'unit-a', unitName: '大武口区城市管理局' }
export const unitB: Actor = { role: 'unit', userId: 'openid-unit-b', unitId: 'unit-b', unitName: '大武口区住房和城乡建设局' }
export const reporter: Actor = { role: 'resident', userId: 'openid-reporter' }
export const otherResident: Actor = { role: 'resident', userId: 'openid-other' }
export const volunteer: Actor = { role: 'volunteer', userId: 'openid-volunteer' }
export const admin: Actor = { role: 'admin', userId: 'openid-admin' }
export const system: Actor = SYSTEM_ACTOR
export const ALL_ACTORS: Record<string, Actor> = { staff, unitA, reporter, volunteer, admin, system }

export const FILE = (n: number, who = 'reporter') => `cloud://env-1.6465-env-1-1300000000/reports/${who}/${n}.jpg`

export const submitInput = {
  clientId: 'c0ffee00-aaaa-bbbb-cccc-123456789abc',
  categoryId: 'illegal-parking',
  description: '人行道上长期停放机动车，行人只能走机动车道',
  photos: [FILE(1), FILE(2)],
  location: { ...POINT, address: '大武口区朝阳西街与游艺街交叉口' },
}

export function newReport(now = T0, id = 'r1'): { doc: ReportDoc; event: TimelineEvent } {
  return createReport(submitInput, {
    id,
    reporterId: reporter.userId!,
    place: { districtId: 'dawukou', streetId: 'chaoyang', gridId: 'chaoyang-01' },
    now,
  })
}

/** One valid command of each type (for the matrix tests). */
export const COMMANDS: { [T in ReportCommand['type']]: Extract<ReportCommand, { type: T }> } = {
  acceptDispatch: { type: 'acceptDispatch', unit: { id: 'unit-a', name: '大武口区城市管理局' }, deadlineDays: 3 },
  reject: { type: 'reject', reason: 'unclear', text: '照片无法看清问题所在' },
  merge: { type: 'merge', original: { _id: 'r0', status: 'dispatched' } },
  outOfScope: { type: 'outOfScope', note: '铁路沿线由铁路部门管理' },
  acknowledge: { type: 'acknowledge' },
  rectify: { type: 'rectify', photos: [FILE(11, 'unit-a'), FILE(12, 'unit-a')], note: '已拖离违停车辆并设置隔离桩' },
  returnToStaff: { type: 'returnToStaff', reason: '该路段由住建局管理，不属于本单位' },
  verifyClose: { type: 'verifyClose', note: '现场核验已整改' },
  sendBack: { type: 'sendBack', reason: '隔离桩未安装到位', deadlineDays: 2 },
  redispatch: { type: 'redispatch', unit: { id: 'unit-a', name: '大武口区城市管理局' }, deadlineDays: 3 },
  rate: { type: 'rate', score: 'satisfied' },
  revisit: { type: 'revisit', answer: 'fixed' },
  escalate: { type: 'escalate' },
}

export interface Driven {
  doc: ReportDoc
  events: TimelineEvent[]
  now: Date
}

/** Step through the machine, an hour per step, collecting the timeline. */
export function drive(start: Driven, steps: [ReportCommand, Actor][], stepMs = HOUR): Driven {
  let { doc, now } = start
  const events = [...start.events]
  for (const [command, actor] of steps) {
    now = at(now, stepMs)
    const r = transition(doc, command, actor, now)
    doc = r.report
    events.push(r.event)
  }
  return { doc, events, now }
}

const PATHS: Record<ReportStatus, [ReportCommand, Actor][]> = {
  submitted: [],
  dispatched: [[COMMANDS.acceptDispatch, staff]],
  in_progress: [
    [COMMANDS.acceptDispatch, staff],
    [COMMANDS.acknowledge, unitA],
  ],
  rectified: [
    [COMMANDS.acceptDispatch, staff],
    [COMMANDS.acknowledge, unitA],
    [COMMANDS.rectify, unitA],
  ],
  closed: [
    [COMMANDS.acceptDispatch, staff],
    [COMMANDS.acknowledge, unitA],
    [COMMANDS.rectify, unitA],
    [COMMANDS.verifyClose, staff],
  ],
  returned: [
    [COMMANDS.acceptDispatch, staff],
    [COMMANDS.returnToStaff, unitA],
  ],
  reopened: [
    [COMMANDS.acceptDispatch, staff],
    [COMMANDS.acknowledge, unitA],
    [COMMANDS.rectify, unitA],
    [COMMANDS.verifyClose, staff],
    [{ type: 'rate', score: 'unsatisfied', comment: '车又停回来了' }, reporter],
  ],
  rejected: [[COMMANDS.reject, staff]],
  duplicate: [[COMMANDS.merge, staff]],
  out_of_scope: [[COMMANDS.outOfScope, staff]],
}

/** A report brought to `status` the legitimate way. */
export function reportIn(status: ReportStatus, start = T0): Driven {
  const { doc, event } = newReport(start)
  return drive({ doc, events: [event], now: start }, PATHS[status])
}

/** A moment at which time-dependent preconditions of `command` hold for `doc` (if its state allows it at all). */
export function goodTimeFor(type: ReportCommand['type'], d: Driven): Date {
  if (type === 'revisit' && d.doc.revisit) return at(d.doc.revisit.dueAt, HOUR)
  if (type === 'escalate' && d.doc.dispatch) return at(d.doc.dispatch.deadline, HOUR)
  return at(d.now, HOUR)
}

/** The actor entitled to issue `type` on the fixtures' reports. */
export function rightActorFor(type: ReportCommand['type']): Actor {
  if (['acknowledge', 'rectify', 'returnToStaff'].includes(type)) return unitA
  if (['rate', 'revisit'].includes(type)) return reporter
  if (type === 'escalate') return system
  return staff
}
