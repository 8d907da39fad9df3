/** A compact before/after of one audit change: the top-level keys whose values differ, as short text. */
export interface DiffLine {
  key: string
  before: string
  after: string
}

const text = (v: unknown): string => {
  if (v === undefined || v === null) return '—'
  if (typeof v === 'string') return v
  return JSON.stringify(v)
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)

export function diffLines(before: unknown, after: unknown): DiffLine[] {
  if (!isRecord(before) || !isRecord(after)) {
    return text(before) === text(after) ? [] : [{ key: '', before: text(before), after: text(after) }]
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  return keys.filter((k) => text(before[k]) !== text(after[k])).map((k) => ({ key: k, before: text(before[k]), after: text(after[k]) }))
}
