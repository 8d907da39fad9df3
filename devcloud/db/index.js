'use strict'
// @ts-check

/**
 * devcloud's database engine: the wx-server-sdk database API over an embedded, durable store.
 * See README.md in this directory for the design and the decisions others rely on.
 */

const { Engine } = require('./engine')
const { DbError, ERR } = require('./errors')
const { Command } = require('./commands')
const Geo = require('./geo')

/**
 * Opens (creating or recovering) the database stored in `options.dir`.
 * @param {import('./engine').OpenOptions} options
 * @returns {Promise<Engine>}
 */
function openDatabase(options) {
  return Engine.open(options)
}

module.exports = { openDatabase, DbError, ERR, Command, Geo }
