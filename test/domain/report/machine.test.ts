import { ActionError } from '@/domain/core/envelope'
import {
  availableCommands,
  REPORT_STATUSES,
  reportCommandSchema,
  reportDocSchema,
  timelineEventSchema,
  transition,
  TRANSITIONS,
  type Actor,
  type CommandType,
  type ReportCommand,
  type ReportDoc,
} from '@/domain/report'
import {
  admin,
  ALL_ACTORS,
  at,
  COMMANDS,
  DAY,
  drive,
  FILE,
  goodTimeFor,
  HOUR,
  newReport,
  otherResident,
  reporter,
  reportIn,
  rightActorFor,
  staff,
  system,
  T0,
  unitA,
  unitB,
  volunteer,
} from './fixtures'

const COMMAND_TYPES = Object.keys(TRANSITIONS) as CommandType[]

function codeOf(fn: () => unknown): string | null {
  try {
    fn()
    return null
  } catch (e) {
    if (e instanceof ActionError) return e.code
    throw e
  }
}

describe('transition matrix', () => {
  // Every command from every state, by its rightful actor at a good time: allowed exactly from its `from`
  // states, else CONFLICT — except that a unit asking about a report never dispatched to it hears FORBIDDEN.
  for (const type of COMMAND_TYPES) {
    for (const status of REPORT_STATUSES) {
      const allowed = TRANSITIONS[type].from.includes(status)
      const neverDispatched = ['submitted', 'rejected', 'duplicate', 'out_of_scope'].includes(status)
      const refusal = TRANSITIONS[type].owner === 'unit' && neverDispatched ? 'FORBIDDEN' : 'CONFLICT'
      it(`${type} from ${status} → ${allowed ? 'allowed' : refusal}`, () => {
        const d = reportIn(status)
        const run = () => transition(d.doc, COMMANDS[type], rightActorFor(type), goodTimeFor(type, d))
        if (!allowed) {
          expect(codeOf(run)).toBe(refusal)
          return
        }
        const r = run()
        expect(TRANSITIONS[type].to).toContain(r.report.status)
        // The result is a valid stored report and a valid timeline event describing the step.
        expect(reportDocSchema.parse(r.report)).toEqual(r.report)
        expect(timelineEventSchema.parse(r.event)).toEqual(r.event)
        expect(r.event).toMatchObject({ type, from: status, to: r.report.status })
        expect(r.event.at).toBe(r.patch.updatedAt)
        // Compare-and-set guard and version bump.
        expect(r.expectedStatus).toBe(status)
        expect(r.expectedVersion).toBe(d.doc.version)
        expect(r.patch.version).toBe(d.doc.version + 1)
        expect(r.patch.status).toBe(r.report.status)
      })
    }
  }

  // Every command by every role it does not list: FORBIDDEN, even from a state it applies to.
  for (const type of COMMAND_TYPES) {
    const rule = TRANSITIONS[type]
    for (const [name, actor] of Object.entries(ALL_ACTORS)) {
      if (rule.roles.includes(actor.role)) continue
      it(`${type} by ${name} → FORBIDDEN`, () => {
        const d = reportIn(rule.from[0])
        expect(codeOf(() => transition(d.doc, COMMANDS[type], actor, goodTimeFor(type, d)))).toBe('FORBIDDEN')
      })
    }
  }

  it('FORBIDDEN wins over CONFLICT: a wrong role hears "not yours", not "someone was faster"', () => {
    const d = reportIn('closed')
    expect(codeOf(() => transition(d.doc, COMMANDS.acceptDispatch, volunteer, d.now))).toBe('FORBIDDEN')
  })
})

describe('ownership', () => {
  it('a unit cannot act on a report dispatched to another unit', () => {
    const d = reportIn('dispatched')
    for (const type of ['acknowledge', 'rectify', 'returnToStaff'] as const)
      expect(codeOf(() => transition(d.doc, COMMANDS[type], unitB, at(d.now, HOUR)))).toBe('FORBIDDEN')
  })

  it('a unit cannot act on a report not dispatched at all, nor without a bound unit', () => {
    const d = reportIn('submitted')
    expect(codeOf(() => transition(d.doc, COMMANDS.acknowledge, unitA, at(d.now, HOUR)))).toBe('FORBIDDEN')
    const dispatched = reportIn('dispatched')
    const unbound: Actor = { role: 'unit', userId: 'x', unitId: null }
    expect(codeOf(() => transition(dispatched.doc, COMMANDS.acknowledge, unbound, at(d.now, HOUR)))).toBe('FORBIDDEN')
  })

  it('after a re-dispatch the first unit loses the report', () => {
    const d = drive(reportIn('returned'), [[{ ...COMMANDS.redispatch, unit: { id: 'unit-b', name: unitB.unitName! } }, staff]])
    expect(d.doc.dispatch?.unitId).toBe('unit-b')
    expect(codeOf(() => transition(d.doc, COMMANDS.acknowledge, unitA, at(d.now, HOUR)))).toBe('FORBIDDEN')
    expect(transition(d.doc, COMMANDS.acknowledge, unitB, at(d.now, HOUR)).report.status).toBe('in_progress')
  })

  it('the unit that returned a report still sees CONFLICT (it was theirs), not FORBIDDEN', () => {
    const d = reportIn('returned')
    expect(codeOf(() => transition(d.doc, COMMANDS.rectify, unitA, at(d.now, HOUR)))).toBe('CONFLICT')
  })

  it('only the reporter rates and answers the 回访', () => {
    const d = reportIn('closed')
    expect(codeOf(() => transition(d.doc, COMMANDS.rate, otherResident, at(d.now, HOUR)))).toBe('FORBIDDEN')
    expect(codeOf(() => transition(d.doc, COMMANDS.revisit, otherResident, at(d.doc.revisit!.dueAt, HOUR)))).toBe('FORBIDDEN')
    expect(codeOf(() => transition(d.doc, COMMANDS.rate, { role: 'resident' }, at(d.now, HOUR)))).toBe('FORBIDDEN')
  })

  it('admin is not staff: admin cannot dispatch', () => {
    expect(codeOf(() => transition(newReport().doc, COMMANDS.acceptDispatch, admin, at(T0, HOUR)))).toBe('FORBIDDEN')
  })
})

describe('each transition', () => {
  it('submit creates a 待审核 report with private photos and a first event', () => {
    const { doc, event } = newReport()
    expect(reportDocSchema.parse(doc)).toEqual(doc)
    expect(doc).toMatchObject({ status: 'submitted', version: 0, dispatch: null, cosignCount: 0, closedAt: null })
    expect(doc.photos.every((p) => p.checked === 'pending')).toBe(true)
    expect(doc.location).toMatchObject({ districtId: 'dawukou', streetId: 'chaoyang', gridId: 'chaoyang-01' })
    expect(event).toEqual({ at: T0.toISOString(), type: 'submit', actor: { role: 'resident' }, from: null, to: 'submitted' })
  })

  it('acceptDispatch sets unit, deadline (end of the 3rd day, Beijing time) and round 1', () => {
    const { doc } = newReport()
    const now = new Date('2024-05-06T02:00:00.000Z') // Mon 10:00
    const r = transition(doc, { ...COMMANDS.acceptDispatch, note: '已受理' }, staff, now)
    expect(r.report.status).toBe('dispatched')
    expect(r.report.dispatch).toEqual({
      unitId: 'unit-a',
      unitName: '大武口区城市管理局',
      deadline: '2024-05-09T15:59:59.999Z', // Thu 23:59:59.999 +08:00
      dispatchedAt: now.toISOString(),
      round: 1,
    })
    expect(r.report.statusAt).toBe(now.toISOString())
    expect(r.event).toEqual({
      at: now.toISOString(),
      type: 'acceptDispatch',
      actor: { role: 'staff' },
      from: 'submitted',
      to: 'dispatched',
      unit: { id: 'unit-a', name: '大武口区城市管理局' },
      deadline: '2024-05-09T15:59:59.999Z',
      note: '已受理',
    })
    expect(r.patch).not.toHaveProperty('reporterId')
  })

  it('reject records reason and text as a resolution apart from 已办结', () => {
    const d = reportIn('rejected')
    expect(d.doc.resolution).toEqual({ kind: 'rejected', at: d.now.toISOString(), reason: 'unclear', note: '照片无法看清问题所在' })
    expect(d.doc.closedAt).toBe(d.now.toISOString())
    expect(d.events.at(-1)).toMatchObject({ type: 'reject', reason: 'unclear', note: '照片无法看清问题所在' })
  })

  it('reject after a unit returned it (现场未发现问题)', () => {
    const d = reportIn('returned')
    const r = transition(d.doc, { type: 'reject', reason: 'not_found', text: '现场核实未发现违停' }, staff, at(d.now, HOUR))
    expect(r.report.status).toBe('rejected')
    expect(r.report.handback).toBeNull()
  })

  it('merge points at an open original; not into itself, not into a closed one', () => {
    const d = reportIn('submitted')
    const r = transition(d.doc, { type: 'merge', original: { _id: 'r0', status: 'in_progress' }, note: '同一路口' }, staff, at(d.now, HOUR))
    expect(r.report.status).toBe('duplicate')
    expect(r.report.resolution).toMatchObject({ kind: 'duplicate', mergedInto: 'r0', note: '同一路口' })
    expect(r.event.mergedInto).toBe('r0')
    expect(codeOf(() => transition(d.doc, { type: 'merge', original: { _id: 'r1', status: 'submitted' } }, staff, at(d.now, HOUR)))).toBe('INVALID_INPUT')
    for (const status of ['closed', 'rejected', 'duplicate', 'out_of_scope'] as const)
      expect(codeOf(() => transition(d.doc, { type: 'merge', original: { _id: 'r0', status } }, staff, at(d.now, HOUR)))).toBe('CONFLICT')
  })

  it('outOfScope closes with the guidance note', () => {
    const d = reportIn('out_of_scope')
    expect(d.doc.resolution).toMatchObject({ kind: 'out_of_scope', note: '铁路沿线由铁路部门管理' })
  })

  it('acknowledge: the event names the unit but no person', () => {
    const d = reportIn('in_progress')
    const e = d.events.at(-1)!
    expect(e).toMatchObject({ type: 'acknowledge', from: 'dispatched', to: 'in_progress', actor: { role: 'unit', unitName: '大武口区城市管理局' } })
    const json = JSON.stringify(d.events)
    for (const a of [unitA, staff, reporter]) expect(json).not.toContain(a.userId!)
    for (const ev of d.events) expect(Object.keys(ev.actor).every((k) => k === 'role' || k === 'unitName')).toBe(true)
  })

  it('rectify in time: after-photos pending check, not late', () => {
    const d = reportIn('rectified')
    expect(d.doc.rectification).toMatchObject({ note: '已拖离违停车辆并设置隔离桩', late: false })
    expect(d.doc.rectification!.photos).toEqual([
      { fileId: FILE(11, 'unit-a'), checked: 'pending' },
      { fileId: FILE(12, 'unit-a'), checked: 'pending' },
    ])
    expect(d.doc.flags.everOverdue).toBe(false)
    expect(d.events.at(-1)!.photos).toEqual([FILE(11, 'unit-a'), FILE(12, 'unit-a')])
  })

  it('rectify straight from 待整改 (quick fix without a separate 接单)', () => {
    const d = reportIn('dispatched')
    expect(transition(d.doc, COMMANDS.rectify, unitA, at(d.now, HOUR)).report.status).toBe('rectified')
  })

  it('rectify after the deadline is late and marks the report as having missed it', () => {
    const d = reportIn('in_progress')
    const r = transition(d.doc, COMMANDS.rectify, unitA, at(d.doc.dispatch!.deadline, 1))
    expect(r.report.rectification!.late).toBe(true)
    expect(r.report.flags).toMatchObject({ overdue: false, everOverdue: true })
  })

  it('rectify at the last millisecond of the deadline is on time', () => {
    const d = reportIn('in_progress')
    const r = transition(d.doc, COMMANDS.rectify, unitA, new Date(d.doc.dispatch!.deadline))
    expect(r.report.rectification!.late).toBe(false)
  })

  it('returnToStaff records why and which unit, and counts a late hand-back as a missed deadline', () => {
    const d = reportIn('returned')
    expect(d.doc.handback).toEqual({
      kind: 'returned',
      reason: '该路段由住建局管理，不属于本单位',
      at: d.now.toISOString(),
      unitId: 'unit-a',
      unitName: '大武口区城市管理局',
    })
    expect(d.doc.flags.everOverdue).toBe(false)
    const late = reportIn('dispatched')
    const r = transition(late.doc, COMMANDS.returnToStaff, unitA, at(late.doc.dispatch!.deadline, DAY))
    expect(r.report.flags.everOverdue).toBe(true)
  })

  it('verifyClose 销号: resolution fixed, 回访 due 3 days later, a fresh rating', () => {
    const d = reportIn('closed')
    expect(d.doc.resolution).toMatchObject({ kind: 'fixed', note: '现场核验已整改' })
    expect(d.doc.closedAt).toBe(d.now.toISOString())
    expect(d.doc.revisit).toEqual({ dueAt: at(d.now, 3 * DAY).toISOString(), answer: null, comment: '', answeredAt: null })
    expect(d.doc.rating).toBeNull()
  })

  it('sendBack: back to 待整改 with a new deadline, round 2, previous 整改 cleared', () => {
    const d = reportIn('rectified')
    const now = new Date('2024-05-07T12:00:00.000Z') // Tue 20:00 Beijing
    const r = transition(d.doc, COMMANDS.sendBack, staff, now)
    expect(r.report.status).toBe('dispatched')
    expect(r.report.dispatch).toMatchObject({ unitId: 'unit-a', round: 2, deadline: '2024-05-09T15:59:59.999Z', dispatchedAt: now.toISOString() })
    expect(r.report.rectification).toBeNull()
    expect(r.event).toMatchObject({ note: '隔离桩未安装到位', deadline: '2024-05-09T15:59:59.999Z' })
  })

  it('redispatch a returned report to another unit (round 2, handback cleared)', () => {
    const d = reportIn('returned')
    const r = transition(d.doc, { ...COMMANDS.redispatch, unit: { id: 'unit-b', name: '大武口区住房和城乡建设局' } }, staff, at(d.now, HOUR))
    expect(r.report.dispatch).toMatchObject({ unitId: 'unit-b', round: 2 })
    expect(r.report.handback).toBeNull()
  })

  it('rate 满意 keeps it closed (status time unchanged); a second rating is refused', () => {
    const d = reportIn('closed')
    const r = transition(d.doc, { type: 'rate', score: 'satisfied', comment: '处理很快' }, reporter, at(d.now, HOUR))
    expect(r.report.status).toBe('closed')
    expect(r.report.statusAt).toBe(d.doc.statusAt)
    expect(r.report.rating).toEqual({ score: 'satisfied', comment: '处理很快', at: at(d.now, HOUR).toISOString() })
    expect(r.event).toMatchObject({ type: 'rate', from: 'closed', to: 'closed', score: 'satisfied', actor: { role: 'resident' } })
    expect(codeOf(() => transition(r.report, COMMANDS.rate, reporter, at(d.now, 2 * HOUR)))).toBe('CONFLICT')
  })

  it('rate 不满意 reopens: 销号 undone, reason kept for staff, 回访 cancelled', () => {
    const d = reportIn('reopened')
    expect(d.doc).toMatchObject({ resolution: null, closedAt: null, revisit: null })
    expect(d.doc.rating?.score).toBe('unsatisfied')
    expect(d.doc.handback).toMatchObject({ kind: 'unsatisfied', reason: '车又停回来了' })
    const again = transition(d.doc, COMMANDS.redispatch, staff, at(d.now, HOUR))
    expect(again.report.dispatch?.round).toBe(2)
  })

  it('rating closes 7 days after 销号', () => {
    const d = reportIn('closed')
    expect(transition(d.doc, COMMANDS.rate, reporter, at(d.now, 7 * DAY)).report.rating).not.toBeNull()
    expect(codeOf(() => transition(d.doc, COMMANDS.rate, reporter, at(d.now, 7 * DAY + 1)))).toBe('CONFLICT')
  })

  it('回访: not before it is due, once, and only within its window', () => {
    const d = reportIn('closed')
    const due = d.doc.revisit!.dueAt
    expect(codeOf(() => transition(d.doc, COMMANDS.revisit, reporter, at(due, -1)))).toBe('CONFLICT')
    expect(codeOf(() => transition(d.doc, COMMANDS.revisit, reporter, at(due, 7 * DAY + 1)))).toBe('CONFLICT')
    const ok = transition(d.doc, { type: 'revisit', answer: 'fixed' }, reporter, at(due, 0))
    expect(ok.report.status).toBe('closed')
    expect(ok.report.revisit).toMatchObject({ answer: 'fixed', answeredAt: due })
    expect(codeOf(() => transition(ok.report, COMMANDS.revisit, reporter, at(due, HOUR)))).toBe('CONFLICT')
  })

  it('回访 未解决 reopens', () => {
    const d = reportIn('closed')
    const r = transition(d.doc, { type: 'revisit', answer: 'not_fixed', comment: '又有人摆摊了' }, reporter, at(d.doc.revisit!.dueAt, HOUR))
    expect(r.report.status).toBe('reopened')
    expect(r.report.handback).toMatchObject({ kind: 'not_fixed', reason: '又有人摆摊了' })
    expect(r.report.revisit?.answer).toBe('not_fixed')
    expect(r.event).toMatchObject({ type: 'revisit', answer: 'not_fixed', from: 'closed', to: 'reopened' })
  })

  it('re-closing after a reopen opens a new rating and a new 回访', () => {
    const d = drive(reportIn('reopened'), [
      [COMMANDS.redispatch, staff],
      [COMMANDS.rectify, unitA],
      [COMMANDS.verifyClose, staff],
    ])
    expect(d.doc.status).toBe('closed')
    expect(d.doc.rating).toBeNull()
    expect(d.doc.revisit?.answer).toBeNull()
    expect(transition(d.doc, COMMANDS.rate, reporter, at(d.now, HOUR)).report.rating?.score).toBe('satisfied')
  })

  describe('escalate (督办)', () => {
    it('is refused before the deadline', () => {
      const d = reportIn('dispatched')
      expect(codeOf(() => transition(d.doc, COMMANDS.escalate, system, new Date(d.doc.dispatch!.deadline)))).toBe('CONFLICT')
    })

    it('raises the flags without changing the status', () => {
      const d = reportIn('in_progress')
      const now = at(d.doc.dispatch!.deadline, 8 * HOUR + 1) // the next morning
      const r = transition(d.doc, COMMANDS.escalate, system, now)
      expect(r.report.status).toBe('in_progress')
      expect(r.report.statusAt).toBe(d.doc.statusAt)
      expect(r.report.flags).toEqual({ overdue: true, everOverdue: true, escalations: 1, lastEscalatedAt: now.toISOString() })
      expect(r.event).toMatchObject({ type: 'escalate', actor: { role: 'system' }, escalation: 1, note: '已超过整改时限 1 天，请立即整改' })
    })

    it('the timer 督办s once per Beijing day; staff may press again by hand', () => {
      const d = reportIn('dispatched')
      const first = at(d.doc.dispatch!.deadline, HOUR) // 00:59 next day
      const r1 = transition(d.doc, COMMANDS.escalate, system, first)
      expect(codeOf(() => transition(r1.report, COMMANDS.escalate, system, at(first, 22 * HOUR)))).toBe('CONFLICT')
      const r2 = transition(r1.report, COMMANDS.escalate, system, at(first, 23 * HOUR + 1)) // next day 00:00
      expect(r2.report.flags.escalations).toBe(2)
      const r3 = transition(r2.report, { type: 'escalate', note: '请今天内整改到位' }, staff, at(first, 23 * HOUR + 2))
      expect(r3.report.flags.escalations).toBe(3)
      expect(r3.event.note).toBe('请今天内整改到位')
    })

    it('rectifying clears the current overdue flag but keeps the record', () => {
      const d = reportIn('in_progress')
      const late = at(d.doc.dispatch!.deadline, HOUR)
      const r1 = transition(d.doc, COMMANDS.escalate, system, late)
      const r2 = transition(r1.report, COMMANDS.rectify, unitA, at(late, HOUR))
      expect(r2.report.flags).toMatchObject({ overdue: false, everOverdue: true, escalations: 1 })
    })
  })
})

describe('timeline', () => {
  it('a full life appends one event per step, each linking from → to', () => {
    const d = drive(reportIn('submitted'), [
      [COMMANDS.acceptDispatch, staff],
      [COMMANDS.returnToStaff, unitA],
      [{ ...COMMANDS.redispatch, unit: { id: 'unit-b', name: '大武口区住房和城乡建设局' } }, staff],
      [COMMANDS.acknowledge, unitB],
      [COMMANDS.rectify, unitB],
      [COMMANDS.sendBack, staff],
      [COMMANDS.rectify, unitB],
      [COMMANDS.verifyClose, staff],
      [{ type: 'rate', score: 'basically_satisfied' }, reporter],
    ])
    expect(d.events.map((e) => e.type)).toEqual([
      'submit',
      'acceptDispatch',
      'returnToStaff',
      'redispatch',
      'acknowledge',
      'rectify',
      'sendBack',
      'rectify',
      'verifyClose',
      'rate',
    ])
    for (let i = 1; i < d.events.length; i++) expect(d.events[i].from).toBe(d.events[i - 1].to)
    expect(d.doc.version).toBe(d.events.length - 1)
    expect(d.doc.dispatch?.round).toBe(3)
    for (const e of d.events) timelineEventSchema.parse(e)
  })

  it('transition never mutates its input', () => {
    const d = reportIn('in_progress')
    const before: ReportDoc = JSON.parse(JSON.stringify(d.doc))
    transition(d.doc, COMMANDS.rectify, unitA, at(d.now, HOUR))
    expect(d.doc).toEqual(before)
  })
})

describe('availableCommands', () => {
  it('offers each audience only what will work', () => {
    expect(availableCommands(reportIn('submitted').doc, staff, at(T0, HOUR))).toEqual(['acceptDispatch', 'reject', 'merge', 'outOfScope'])
    const dispatched = reportIn('dispatched')
    expect(availableCommands(dispatched.doc, unitA, at(dispatched.now, HOUR))).toEqual(['acknowledge', 'rectify', 'returnToStaff'])
    expect(availableCommands(dispatched.doc, unitB, at(dispatched.now, HOUR))).toEqual([])
    expect(availableCommands(dispatched.doc, staff, at(dispatched.now, HOUR))).toEqual([])
    expect(availableCommands(dispatched.doc, staff, at(dispatched.doc.dispatch!.deadline, 1))).toEqual(['escalate'])
    const closed = reportIn('closed')
    expect(availableCommands(closed.doc, reporter, at(closed.now, HOUR))).toEqual(['rate'])
    expect(availableCommands(closed.doc, reporter, at(closed.doc.revisit!.dueAt, HOUR))).toEqual(['rate', 'revisit'])
    expect(availableCommands(closed.doc, otherResident, at(closed.now, HOUR))).toEqual([])
  })
})

describe('command schema', () => {
  const parse = (c: unknown) => reportCommandSchema.safeParse(c)
  it('accepts every fixture command', () => {
    for (const c of Object.values(COMMANDS)) expect(parse(c).success).toBe(true)
  })
  it('不满意 / 未解决 need a reason', () => {
    expect(parse({ type: 'rate', score: 'unsatisfied' }).success).toBe(false)
    expect(parse({ type: 'rate', score: 'unsatisfied', comment: '没修好' }).success).toBe(true)
    expect(parse({ type: 'revisit', answer: 'not_fixed', comment: ' ' }).success).toBe(false)
  })
  it('refuses a deadline out of 1–60 days and a rectification without photos', () => {
    const bad: unknown[] = [
      { ...COMMANDS.acceptDispatch, deadlineDays: 0 },
      { ...COMMANDS.acceptDispatch, deadlineDays: 61 },
      { ...COMMANDS.acceptDispatch, deadlineDays: 1.5 },
      { ...COMMANDS.rectify, photos: [] },
      { type: 'teleport' },
    ]
    for (const c of bad) expect(parse(c).success).toBe(false)
  })
  it('types line up with the table', () => {
    const types = reportCommandSchema.options.map((o) => (o.shape.type as { value: ReportCommand['type'] }).value)
    expect(types.sort()).toEqual([...COMMAND_TYPES].sort())
  })
})
