'use strict'
// @ts-check

const fs = require('node:fs')

/** fsync a directory so renames/creations/deletions in it are durable. @param {string} dir */
function fsyncDir(dir) {
  let fd
  try {
    fd = fs.openSync(dir, 'r')
    fs.fsyncSync(fd)
  } catch (err) {
    // some platforms (Windows) cannot fsync directories; the rename is still atomic there
    if (!['EISDIR', 'EPERM', 'EINVAL'].includes(/** @type {any} */ (err).code)) throw err
  } finally {
    if (fd !== undefined) fs.closeSync(fd)
  }
}

/**
 * Writes a whole buffer through a FileHandle.
 * @param {import('node:fs/promises').FileHandle} fh @param {Buffer} data
 */
async function writeAll(fh, data) {
  let off = 0
  while (off < data.length) {
    const { bytesWritten } = await fh.write(data, off, data.length - off)
    off += bytesWritten
  }
}

module.exports = { fsyncDir, writeAll }
