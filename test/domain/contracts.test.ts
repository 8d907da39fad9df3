import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { contracts, HTTP_FUNCTIONS } from '../../src/domain/contracts'
import { ROLES } from '../../src/domain/core/roles'
import { contractToJson } from '../../cloudfunctions/kernel/router'

const ROOT = path.resolve(__dirname, '..', '..')

describe('contracts', () => {
  it('has one cloud function folder per contract, named alike', () => {
    const folders = fs
      .readdirSync(path.join(ROOT, 'cloudfunctions'), { withFileTypes: true })
      // As config/build-functions.mjs finds them: a folder with an index.ts (security/ holds rules, not code).
      .filter((e) => e.isDirectory() && e.name !== 'kernel' && fs.existsSync(path.join(ROOT, 'cloudfunctions', e.name, 'index.ts')))
      .map((e) => e.name)
      .sort()
    expect(folders).toEqual([...Object.keys(contracts), ...HTTP_FUNCTIONS].sort())
    for (const [key, c] of Object.entries(contracts)) expect(c.name).toBe(key)
  })

  it('gives every action a summary, known roles and strict object input', () => {
    for (const c of Object.values(contracts)) {
      for (const [name, a] of Object.entries(c.actions)) {
        expect(a.summary.length).toBeGreaterThan(1)
        expect(a.roles.length).toBeGreaterThan(0)
        for (const r of a.roles) expect(ROLES).toContain(r)
        const json = z.toJSONSchema(a.input, { io: 'input' }) as { type?: string; additionalProperties?: boolean }
        expect([name, json.type, json.additionalProperties]).toEqual([name, 'object', false])
      }
    }
  })

  it('renders to JSON Schema for GET /api/contracts', () => {
    for (const c of Object.values(contracts)) {
      const json = contractToJson(c)
      expect(JSON.parse(JSON.stringify(json))).toEqual(json)
      expect(Object.keys(json.actions)).toEqual(Object.keys(c.actions))
    }
  })

  it('describes timestamps in outputs as ISO date-time strings', () => {
    const me = contractToJson(contracts.user).actions.me.output as { properties: Record<string, { anyOf?: { format?: string }[] }> }
    expect(me.properties.registeredAt.anyOf?.[0].format).toBe('date-time')
  })
})
