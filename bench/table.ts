/** The readable summary `npm run bench` prints (the JSON file has everything). */
import type { Results } from './results'

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
const pad = (cells: string[], widths: number[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)))
  return rows.map((r) => pad(r, widths)).join('\n')
}

export function printTable(results: Results): void {
  const scales = results.meta.scales
  const missing: string[] = []
  const rows = [['action', 'trips', 'examined', ...scales.map((s) => `p50 ${s}`), ...scales.map((s) => `p95 ${s}`), 'p95 ratio']]
  for (const [key, a] of Object.entries(results.actions)) {
    if ('missing' in a) {
      missing.push(`${key}: ${a.missing}`)
      continue
    }
    rows.push([
      key,
      String(a.db_round_trips),
      scales.map((s) => a.docs_examined_by_scale[s] ?? '—').join('/'),
      ...scales.map((s) => `${a.p50_ms[s] ?? '—'}`),
      ...scales.map((s) => `${a.p95_ms[s] ?? '—'}`),
      a.p95_ratio === null ? '—' : `${a.p95_ratio}×`,
    ])
  }
  console.log('\nActions (latency in ms under concurrent load; documents examined per call at each size)\n')
  console.log(table(rows))
  for (const m of missing) console.log(`not measured — ${m}`)

  const s = results.sizes
  const sizeRows = [['package', 'size'], ['weapp main', kb(s.weapp_main_bytes)]]
  for (const [root, n] of Object.entries(s.weapp_subpackages_bytes)) sizeRows.push([`weapp ${root}`, kb(n)])
  sizeRows.push(['h5 first-load JS', `${kb(s.h5_first_load_js_bytes)} (${kb(s.h5_first_load_js_gzip_bytes)} gzip)`])
  for (const [fn, n] of Object.entries(s.functions_bytes)) sizeRows.push([`function ${fn}`, `${kb(n)}, require ${s.functions_require_ms[fn]} ms`])
  console.log('\nSizes\n')
  console.log(table(sizeRows))

  const p = results.photo
  console.log('\nPhoto pipeline\n')
  console.log(p ? `${p.width_in}×${p.height_in} ${kb(p.bytes_in)} → ${p.width_out}×${p.height_out} ${kb(p.bytes_out)} in ${p.ms} ms` : 'skipped (--no-photo)')
  console.log('')
}
