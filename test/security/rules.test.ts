/**
 * Production security rules (cloudfunctions/security/): the database denies clients every collection the
 * code uses, and storage lets a signed-in user upload only into the app's upload folders, overwrite only
 * what they uploaded, and read only those folders (exports and certificates go out as temp URLs the
 * functions make).
 */
import fs from 'node:fs'
import path from 'node:path'
import { COLLECTIONS } from '../../src/domain/collections'
import { reportPhotoCloudPath, rectifyPhotoScope, submitPhotoScope } from '../../src/domain/report/photos'
import { boardPhotoCloudPath } from '../../src/domain/board/photo'
import { INDEXES_FILE, ROOT } from '../support/runtime'

const RULES_DIR = path.join(ROOT, 'cloudfunctions', 'security')
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(RULES_DIR, file), 'utf8'))

describe('database rules', () => {
  const rules = readJson('database-rules.json').collections as Record<string, unknown>

  it('cover every collection of the code and of indexes.json, and nothing else', () => {
    const declared = Object.keys(JSON.parse(fs.readFileSync(INDEXES_FILE, 'utf8')).collections).sort()
    const inCode: string[] = Object.values(COLLECTIONS).sort()
    const covered = Object.keys(rules).sort()
    expect({ missing: inCode.filter((c) => !covered.includes(c)), extra: covered.filter((c) => !inCode.includes(c)) }).toEqual({ missing: [], extra: [] })
    expect(covered).toEqual(declared)
  })

  it('deny clients all direct access: all data goes through the cloud functions', () => {
    for (const [name, rule] of Object.entries(rules)) expect([name, rule]).toEqual([name, { read: false, write: false }])
  })
})

describe('storage rules', () => {
  type Auth = { openid: string } | null
  type Resource = { openid: string; path: string }
  const rules = readJson('storage-rules.json') as { read: string; write: string }

  /** The rule expressions use a subset of JavaScript (`!=`, `==`, `&&`, regex literals with `.test`), so JS evaluates them. */
  const compile = (expr: string) => new Function('auth', 'resource', `"use strict"; return (${expr})`) as (auth: Auth, resource: Resource) => boolean
  const canRead = compile(rules.read)
  const canWrite = compile(rules.write)

  const alice = { openid: 'o-alice' }
  const at = new Date('2025-06-01T08:00:00.000Z')
  const uploads = [
    reportPhotoCloudPath(alice.openid, submitPhotoScope('draft-1'), '1717200000000-abc.jpg'),
    reportPhotoCloudPath(alice.openid, rectifyPhotoScope('r-1'), '1717200000000-def.jpg'),
    boardPhotoCloudPath(alice.openid, at, '1717200000000-ghi-m.jpg'),
    // 考评 material: assess/<schemeId>/<unitId>/<itemId>/<name>
    'assess/scheme-2025/u-sz/item-1/1717200000000-doc.jpg',
  ]

  it('are the whole rule: only read and write, as expressions', () => {
    expect(Object.keys(rules).sort()).toEqual(['read', 'write'])
  })

  it('let a signed-in user upload into every folder the app uploads to', () => {
    for (const p of uploads) expect([p, canWrite(alice, { openid: alice.openid, path: p })]).toEqual([p, true])
  })

  it('refuse anonymous callers, overwriting or deleting another user’s file, and other folders', () => {
    expect(canWrite(null, { openid: '', path: uploads[0] })).toBe(false)
    expect(canRead(null, { openid: 'o-alice', path: uploads[0] })).toBe(false)
    expect(canWrite({ openid: 'o-mallory' }, { openid: alice.openid, path: uploads[0] })).toBe(false)
    for (const p of ['exports/surveys/s-1/x.csv', 'volunteer/exports/hours.csv', 'volunteer/certificates/2025-0001.svg', 'avatar.jpg', 'reports']) {
      expect([p, canWrite(alice, { openid: alice.openid, path: p })]).toEqual([p, false])
    }
  })

  it('let clients read photos by fileID, but not server-made exports and certificates', () => {
    for (const p of uploads) expect([p, canRead({ openid: 'o-bob' }, { openid: alice.openid, path: p })]).toEqual([p, true])
    for (const p of ['exports/surveys/s-1/2025.xlsx', 'volunteer/exports/hours-2025.csv', 'volunteer/certificates/2025-0001.svg']) {
      expect([p, canRead(alice, { openid: '', path: p })]).toEqual([p, false])
    }
  })
})
