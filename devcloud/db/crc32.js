'use strict'
// @ts-check

/** CRC-32 (IEEE): zlib.crc32 where Node has it (20.15+), a table-driven fallback otherwise. */

const zlib = require('node:zlib')

/** @type {Uint32Array | null} */
let table = null

/** @param {Uint8Array} data @param {number} [value] running CRC to continue from */
function crc32Fallback(data, value = 0) {
  if (!table) {
    table = new Uint32Array(256)
    for (let n = 0; n < 256; n++) {
      let c = n
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
      table[n] = c >>> 0
    }
  }
  let crc = (value ^ 0xffffffff) >>> 0
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

/** @type {(data: Uint8Array, value?: number) => number} */
const crc32 = typeof (/** @type {any} */ (zlib).crc32) === 'function'
  ? (data, value = 0) => /** @type {any} */ (zlib).crc32(data, value)
  : crc32Fallback

module.exports = { crc32, crc32Fallback }
