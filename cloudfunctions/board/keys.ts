import { createHash } from 'node:crypto'

/** Mask records are keyed by a digest of the original's fileID (fileIDs are long and contain `/`). */
export const maskKey = (original: string): string => createHash('sha256').update(original).digest('hex').slice(0, 40)
