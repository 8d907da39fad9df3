'use strict'

// Shared setup for the database conformance suite: each test file opens engines in fresh
// temporary directories and closes them afterwards.

const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { openDatabase } = require('../../../devcloud/db')

const dirs = []
const engines = []

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devcloud-db-test-'))
  dirs.push(dir)
  return dir
}

/** Opens an engine in a fresh directory (or `options.dir`); closed by cleanup(). */
async function open(options = {}) {
  const engine = await openDatabase({ dir: options.dir ?? tempDir(), ...options })
  engines.push(engine)
  return engine
}

/** A database with the given collections created. */
async function openDb(collections = [], options = {}) {
  const engine = await open(options)
  for (const name of collections) await engine.createCollection(name)
  return { engine, db: engine.database(), _: engine.database().command }
}

async function cleanup() {
  for (const engine of engines.splice(0)) await engine.close({ checkpoint: false }).catch(() => {})
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
}

/** Resolves with the error a promise rejects with (fails if it resolves). */
async function rejection(promise) {
  try {
    await promise
  } catch (err) {
    return err
  }
  throw new Error('expected the promise to reject')
}

module.exports = { tempDir, open, openDb, cleanup, rejection }
