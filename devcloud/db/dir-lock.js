'use strict'
// @ts-check

/**
 * One engine per data directory: a `LOCK` file holding the owner's pid. A lock left by a dead
 * process (e.g. after kill -9) is taken over.
 */

const fs = require('node:fs')
const path = require('node:path')
const { DbError, ERR } = require('./errors')

/** Directories open in this process (the pid alone cannot tell two engines apart). */
const openHere = new Set()

/** @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return /** @type {any} */ (err).code === 'EPERM'
  }
}

/** @param {string} dir @returns {{ release(): void }} */
function lockDirectory(dir) {
  const real = fs.realpathSync(dir)
  const inUse = (/** @type {string} */ by) => new DbError(ERR.SYSTEM, `database directory ${dir} is already open ${by}`, 'DATABASE_LOCKED')
  if (openHere.has(real)) throw inUse('in this process')
  const file = path.join(real, 'LOCK')
  try {
    fs.writeFileSync(file, String(process.pid), { flag: 'wx' })
  } catch (err) {
    if (/** @type {any} */ (err).code !== 'EEXIST') throw err
    const pid = Number(fs.readFileSync(file, 'utf8').trim())
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw inUse(`by process ${pid}`)
    fs.writeFileSync(file, String(process.pid))
  }
  openHere.add(real)
  return {
    release() {
      openHere.delete(real)
      fs.rmSync(file, { force: true })
    },
  }
}

module.exports = { lockDirectory }
