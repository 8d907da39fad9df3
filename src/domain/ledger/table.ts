import { csvCell } from '../volunteer/export'

/**
 * A ledger is one or more sheets of string cells. Rows are built in pure functions (one module per
 * ledger) from stored documents, so the preview on screen and every part of a streamed export are the same
 * rows. CSV carries the first sheet only; Excel carries all of them.
 */
export interface LedgerSheet {
  name: string
  header: readonly string[]
  /** Columns Excel should hold as numbers. */
  numeric: readonly number[]
}

export type Row = string[]

/** CSV lines (CRLF-terminated) of rows; cells quoted when needed and defused against formula injection. */
export function csvLines(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => `${r.map((c) => csvCell(c)).join(',')}\r\n`).join('')
}

/** The UTF-8 BOM Excel needs to read Chinese CSV correctly. */
export const CSV_BOM = '\uFEFF'

/** A file name without characters Windows or WeChat reject. */
export const safeFileName = (s: string): string => s.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 40) || '台账'
