/**
 * Package sizes from a copy of `dist/` (taken under the build lock): the WeChat main package and each
 * subpackage (every file, as WeChat counts them), the H5 first-load JavaScript (the scripts index.html
 * references), each cloud function bundle, and the time a fresh node process takes to `require` it.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Sizes } from './results'

function dirBytes(dir: string, skip: (p: string) => boolean = () => false): number {
  let total = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (skip(p)) continue
    total += entry.isDirectory() ? dirBytes(p, skip) : statSync(p).size
  }
  return total
}

export function weappSizes(weappDir: string): Pick<Sizes, 'weapp_main_bytes' | 'weapp_subpackages_bytes'> {
  const app = JSON.parse(readFileSync(path.join(weappDir, 'app.json'), 'utf8')) as { subPackages?: { root: string }[] }
  const roots = (app.subPackages ?? []).map((s) => s.root.replace(/\/$/, ''))
  const abs = roots.map((r) => path.join(weappDir, r))
  const weapp_subpackages_bytes: Record<string, number> = {}
  for (const [i, r] of roots.entries()) weapp_subpackages_bytes[r] = dirBytes(abs[i])
  return { weapp_main_bytes: dirBytes(weappDir, (p) => abs.includes(p)), weapp_subpackages_bytes }
}

export function h5FirstLoad(h5Dir: string): { bytes: number; gzipBytes: number; files: string[] } {
  const html = readFileSync(path.join(h5Dir, 'index.html'), 'utf8')
  const files = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1].replace(/^\//, ''))
  let bytes = 0
  let gzipBytes = 0
  for (const f of files) {
    const content = readFileSync(path.join(h5Dir, f))
    bytes += content.length
    gzipBytes += gzipSync(content).length
  }
  return { bytes, gzipBytes, files }
}

/** `require()` of one bundle in a fresh node process (wx-server-sdk resolved to devcloud's, as node_modules would be in WeChat). */
function requireMs(bundle: string, resolver: string): number {
  const script = `require(${JSON.stringify(resolver)}).installSdkResolver();const t=process.hrtime.bigint();require(${JSON.stringify(bundle)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`
  const runs: number[] = []
  for (let i = 0; i < 3; i++) {
    const res = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' })
    if (res.status !== 0) throw new Error(`require ${bundle} failed: ${res.stderr}`)
    runs.push(Number(res.stdout))
  }
  // The median of three: one slow run on a busy machine says little about the bundle.
  return Math.round(runs.sort((a, b) => a - b)[1] * 10) / 10
}

export function functionSizes(functionsDir: string, resolver: string): Pick<Sizes, 'functions_bytes' | 'functions_require_ms'> {
  const functions_bytes: Record<string, number> = {}
  const functions_require_ms: Record<string, number> = {}
  for (const name of readdirSync(functionsDir).sort()) {
    const bundle = path.join(functionsDir, name, 'index.js')
    if (!existsSync(bundle)) continue
    functions_bytes[name] = statSync(bundle).size
    functions_require_ms[name] = requireMs(bundle, resolver)
  }
  return { functions_bytes, functions_require_ms }
}
