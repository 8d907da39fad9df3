/**
 * The survey screens must not pull zod into the mini-program: following every runtime import (type-only
 * imports are erased) from each file under src/packages/survey through our own sources never reaches zod.
 * The built bundle is checked too (test/build/survey-bundle.test.ts).
 */
import fs from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '../../..')
const SRC = path.join(ROOT, 'src')

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return sources(p)
    return /\.(ts|tsx)$/.test(e.name) ? [p] : []
  })
}

function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? path.join(SRC, spec.slice(2)) : spec.startsWith('.') ? path.resolve(path.dirname(from), spec) : null
  if (!base) return null
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate
  }
  return null
}

/** Runtime module specifiers of a file: imports and re-exports that are not `type`-only, and require(). */
function runtimeImports(file: string): string[] {
  const src = fs.readFileSync(file, 'utf8')
  const out: string[] = []
  for (const m of src.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/gm)) {
    if (!m[2]) out.push(m[4])
  }
  for (const m of src.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) out.push(m[1])
  for (const m of src.matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1])
  return out
}

describe('survey screens and zod', () => {
  const files = sources(path.join(SRC, 'packages', 'survey'))

  it('has screens to check', () => {
    expect(files.length).toBeGreaterThan(8)
  })

  it('no runtime import chain from a survey screen reaches zod', () => {
    const seen = new Map<string, string[]>()
    const offenders: string[] = []
    const visit = (file: string, chain: string[]) => {
      if (seen.has(file)) return
      seen.set(file, chain)
      for (const spec of runtimeImports(file)) {
        if (spec === 'zod' || spec.startsWith('zod/')) offenders.push([...chain, path.relative(ROOT, file), 'zod'].join(' → '))
        const local = resolveLocal(file, spec)
        if (local) visit(local, [...chain, path.relative(ROOT, file)])
      }
    }
    for (const f of files) visit(f, [])
    expect(offenders).toEqual([])
    // The evaluator the answer screen runs is really the domain's.
    expect([...seen.keys()].map((f) => path.relative(ROOT, f))).toEqual(expect.arrayContaining(['src/domain/survey/logic.ts', 'src/domain/survey/definition.ts']))
  })
})
