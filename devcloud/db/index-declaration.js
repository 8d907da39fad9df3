'use strict'
// @ts-check

/**
 * Parses the project's index declaration (cloudfunctions/indexes.json):
 * { "collections": { "<name>": { "indexes": [ { "name", "keys": [ { "field", "direction" } ], "unique" } ] } } }
 * Geo indexes (a direction such as "2dsphere") need no ordered index here and are skipped.
 */

const { DbError, ERR } = require('./errors')

/** @typedef {{ name: string, fields: import('./sorted-index').IndexField[], unique: boolean }} IndexSpec */

/** @param {string} why */
const bad = (why) => new DbError(ERR.INVALID_PARAM, `invalid index declaration: ${why}`, 'INVALID_PARAM')

/**
 * @param {unknown} declaration
 * @returns {Map<string, IndexSpec[]>}
 */
function parseIndexDeclaration(declaration) {
  /** @type {Map<string, IndexSpec[]>} */
  const out = new Map()
  if (declaration === undefined || declaration === null) return out
  const collections = /** @type {any} */ (declaration).collections
  if (collections === undefined) return out
  if (typeof collections !== 'object' || collections === null) throw bad('"collections" must be an object')
  for (const [name, conf] of Object.entries(collections)) {
    /** @type {IndexSpec[]} */
    const specs = []
    const list = conf?.indexes ?? []
    if (!Array.isArray(list)) throw bad(`collections.${name}.indexes must be an array`)
    list.forEach((ix, i) => {
      if (!ix || !Array.isArray(ix.keys) || ix.keys.length === 0) throw bad(`collections.${name}.indexes[${i}] needs a non-empty "keys" array`)
      const fields = []
      for (const key of ix.keys) {
        if (!key || typeof key.field !== 'string' || !key.field) throw bad(`collections.${name}.indexes[${i}] has a key without "field"`)
        const d = key.direction
        if (d === 1 || d === '1' || d === 'asc') fields.push({ path: key.field, dir: /** @type {1} */ (1) })
        else if (d === -1 || d === '-1' || d === 'desc') fields.push({ path: key.field, dir: /** @type {-1} */ (-1) })
        else return // geo (2dsphere) or other special index: not an ordered index
      }
      const indexName = typeof ix.name === 'string' && ix.name ? ix.name : fields.map((f) => `${f.path}_${f.dir}`).join('_')
      specs.push({ name: indexName, fields, unique: Boolean(ix.unique) })
    })
    out.set(name, specs)
  }
  return out
}

module.exports = { parseIndexDeclaration }
