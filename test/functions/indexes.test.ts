import fs from 'node:fs'
import path from 'node:path'
import { COLLECTIONS } from '../../src/domain/collections'
import { INDEXES_FILE, ROOT } from '../support/runtime'

interface IndexesFile {
  collections: Record<string, { indexes: { name: string; keys: { field: string; direction: 1 | -1 }[]; unique: boolean }[] }>
}
const indexes: IndexesFile = JSON.parse(fs.readFileSync(INDEXES_FILE, 'utf8'))

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(p)
    return /\.(ts|js)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : []
  })
}

describe('cloudfunctions/indexes.json', () => {
  it('has the declared shape', () => {
    for (const [name, def] of Object.entries(indexes.collections)) {
      expect(name).toMatch(/^[a-z][A-Za-z0-9_]*$/)
      const names = new Set<string>()
      for (const idx of def.indexes) {
        expect(typeof idx.name).toBe('string')
        expect(names.has(idx.name)).toBe(false)
        names.add(idx.name)
        expect(typeof idx.unique).toBe('boolean')
        expect(idx.keys.length).toBeGreaterThan(0)
        for (const k of idx.keys) {
          expect(typeof k.field).toBe('string')
          expect([1, -1]).toContain(k.direction)
        }
      }
    }
  })

  it('declares every collection the code names, and nothing else', () => {
    expect(Object.keys(indexes.collections).sort()).toEqual(Object.values(COLLECTIONS).sort())
  })

  it('is the only place collections are named: functions and seeds use COLLECTIONS, not string literals', () => {
    const files = [...sourceFiles(path.join(ROOT, 'cloudfunctions')), ...sourceFiles(path.join(ROOT, 'scripts', 'seed'))]
    const literal = /collection(?:<[^>]*>)?\(\s*['"`]([^'"`]+)['"`]/g
    const offenders: string[] = []
    for (const f of files) {
      for (const m of fs.readFileSync(f, 'utf8').matchAll(literal)) {
        if (!(m[1] in indexes.collections)) offenders.push(`${path.relative(ROOT, f)}: ${m[1]}`)
      }
    }
    expect(offenders).toEqual([])
  })
})
