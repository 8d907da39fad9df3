/**
 * 居民身份证号码 (GB 11643-1999) arithmetic. Zod-free and dependency-free, so the app imports it at runtime
 * too: one implementation for registration, 代录 person keys, the client's form check and the demo seed.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** The ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function idCheckDigit(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]
  return ID_CHECK[sum % 11]
}

/** 18 characters, a real birth date (1900 or later) and the right check character. */
export function isValidIdNumber(raw: string): boolean {
  const id = raw.toUpperCase()
  if (!/^\d{17}[\dX]$/.test(id)) return false
  const y = Number(id.slice(6, 10))
  const m = Number(id.slice(10, 12))
  const d = Number(id.slice(12, 14))
  const birth = new Date(Date.UTC(y, m - 1, d))
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return false
  return idCheckDigit(id) === id[17]
}
