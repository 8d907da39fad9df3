/**
 * Reading exported files (ledgers, survey exports) back in tests: RFC 4180 CSV (BOM, CRLF, quoted newlines) and the sheets of
 * an .xlsx (a store-only zip, every entry CRC-checked with zlib's CRC-32, not ours).
 */
import zlib from 'node:zlib'

export function parseCsv(text: string): string[][] {
  if (text.charCodeAt(0) !== 0xfeff) throw new Error('CSV without the UTF-8 BOM')
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 1; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += ch
  }
  if (cell || row.length) throw new Error('CSV does not end with CRLF')
  return rows
}

/** A cell as the app shows it: the export's leading `'` that defuses a formula taken off again. */
export const undefuse = (cell: string): string => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell)

/** Entries of a store-only zip by name. */
export function unzip(buf: Buffer): Map<string, string> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (eocd < 0) throw new Error('not a zip')
  const count = buf.readUInt16LE(eocd + 10)
  let p = buf.readUInt32LE(eocd + 16)
  const out = new Map<string, string>()
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory')
    const crc = buf.readUInt32LE(p + 16)
    const size = buf.readUInt32LE(p + 20)
    const nameLen = buf.readUInt16LE(p + 28)
    const skip = buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32)
    const local = buf.readUInt32LE(p + 42)
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8')
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    const data = buf.subarray(start, start + size)
    if (zlib.crc32(data) >>> 0 !== crc) throw new Error(`CRC mismatch in ${name}`)
    out.set(name, data.toString('utf8'))
    p += 46 + nameLen + skip
  }
  return out
}

const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')

/** A worksheet's rows as text cells (inline strings and numbers), in order; checks row numbers run 1, 2, 3 … */
export function sheetRows(xml: string): string[][] {
  const rows: string[][] = []
  for (const m of xml.matchAll(/<row r="(\d+)">(.*?)<\/row>/gs)) {
    if (Number(m[1]) !== rows.length + 1) throw new Error(`row ${m[1]} out of order (expected ${rows.length + 1})`)
    rows.push([...m[2].matchAll(/<c r="[A-Z]+\d+"[^>]*>(?:<v>([^<]*)<\/v>|<is><t xml:space="preserve">(.*?)<\/t><\/is>)<\/c>/gs)].map((c) => unescapeXml(c[1] ?? c[2] ?? '')))
  }
  return rows
}

/** The workbook's sheets: name → rows. */
export function xlsxSheets(buf: Buffer): Map<string, string[][]> {
  const files = unzip(buf)
  const names = [...(files.get('xl/workbook.xml') ?? '').matchAll(/<sheet name="([^"]+)"/g)].map((m) => unescapeXml(m[1]))
  return new Map(names.map((n, i) => [n, sheetRows(files.get(`xl/worksheets/sheet${i + 1}.xml`) ?? '')]))
}
