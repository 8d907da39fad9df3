/**
 * The 曝光台 / 红黑榜 screens must not pull zod into the mini-program: following every runtime import (type-only
 * imports are erased) from each screen, component and service they use never reaches zod. (The 打码 maths,
 * src/domain/board/mosaic.ts, is imported at runtime on purpose: it imports nothing.)
 */
import fs from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '../../..')
const SRC = path.join(ROOT, 'src')

function sources(p: string): string[] {
  if (fs.statSync(p).isFile()) return [p]
  return fs.readdirSync(p, { withFileTypes: true }).flatMap((e) => {
    const q = path.join(p, e.name)
    if (e.isDirectory()) return sources(q)
    return /\.(ts|tsx)$/.test(e.name) ? [q] : []
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

function runtimeImports(file: string): string[] {
  const src = fs.readFileSync(file, 'utf8')
  const out: string[] = []
  for (const m of src.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/gm)) if (!m[2]) out.push(m[4])
  for (const m of src.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) out.push(m[1])
  for (const m of src.matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1])
  return out
}

const ENTRY = ['pages/exposure', 'packages/board', 'packages/board-admin', 'components/board', 'services/board.ts', 'services/mosaic.ts'].map((p) => path.join(SRC, p))

test('no runtime import chain from a board screen reaches zod', () => {
  const files = ENTRY.flatMap(sources)
  expect(files.length).toBeGreaterThan(15)
  const seen = new Set<string>()
  const offenders: string[] = []
  const visit = (file: string, chain: string[]) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const spec of runtimeImports(file)) {
      if (spec === 'zod' || spec.startsWith('zod/')) offenders.push([...chain, path.relative(ROOT, file), 'zod'].join(' → '))
      const local = resolveLocal(file, spec)
      if (local) visit(local, [...chain, path.relative(ROOT, file)])
    }
  }
  for (const f of files) visit(f, [])
  expect(offenders).toEqual([])
  // The masking maths is reached, and it stays import-free.
  expect(seen.has(path.join(SRC, 'domain/board/mosaic.ts'))).toBe(true)
  expect(runtimeImports(path.join(SRC, 'domain/board/mosaic.ts'))).toEqual([])
})
