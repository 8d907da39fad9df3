/**
 * The authorisation matrix, generated from the contracts: every action of every function, called by
 * nobody (no OPENID) and by an account of each role with an empty payload. Only the roles an action
 * declares get past the router; the others get FORBIDDEN before their input is even looked at.
 */
import { ROLES } from '../../src/domain/core/roles'
import type { TestCloud } from '../support/runtime'
import { allActions, CHINESE, mayCall, ROLE_ACCOUNTS, startSecurityCloud } from './support'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startSecurityCloud()
})
afterAll(async () => {
  await cloud?.close()
})

const ACTIONS = allActions()

/** What an allowed caller may hear for an empty payload: never a refusal by role, never a crash. */
const NOT_FOR_ALLOWED = ['FORBIDDEN', 'UNAUTHENTICATED', 'UNKNOWN_ACTION', 'INTERNAL']

it('covers every function and action of the contracts', () => {
  expect(ACTIONS.length).toBeGreaterThan(100)
  expect(new Set(ACTIONS.map((a) => a.fn))).toEqual(new Set(Object.keys(cloud.rt.contracts().functions)))
})

describe.each(ACTIONS.map((a) => [`${a.fn}.${a.action} [${a.def.roles.join(', ')}]`, a] as const))('%s', (_label, { fn, action, def }) => {
  it('answers UNAUTHENTICATED to a caller without OPENID', async () => {
    const res = await cloud.anonymous.call(fn, action, {})
    expect(res).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
  })

  it.each(ROLES.map((r) => [r]))('as %s: FORBIDDEN unless the role is declared', async (role) => {
    const res = await cloud.as(ROLE_ACCOUNTS[role]).call(fn, action, {})
    if (mayCall(def, role)) {
      if (res.ok) return
      // Failing here prints the whole answer, e.g. a domain FORBIDDEN for a role the contract declares.
      expect(NOT_FOR_ALLOWED.includes(res.code) ? res : null).toBeNull()
      expect(res.message).toMatch(CHINESE)
    } else {
      expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '您没有权限进行此操作' })
      // Refused before validation: nothing about the input's shape is revealed.
      expect(res).not.toHaveProperty('issues')
    }
  })
})
