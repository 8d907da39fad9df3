'use strict'
// @ts-check

/**
 * The in-memory state of one collection: documents by _id (a Map, so lookups by _id are O(1)
 * and iteration follows insertion order, MongoDB's natural order) and its declared indexes.
 * Documents are replaced, never mutated, so readers and snapshots can hold on to them.
 */

const { SortedIndex } = require('./sorted-index')
const { encodeForDisk } = require('./values')

/** @typedef {Record<string, any>} Doc */

/** Batches at least this large update indexes by one re-sort rather than per-document splices. */
const BULK_THRESHOLD = 64

class CollectionStore {
  /** @param {string} name @param {{ name: string, fields: import('./sorted-index').IndexField[], unique?: boolean }[]} [indexSpecs] */
  constructor(name, indexSpecs = []) {
    this.name = name
    /** @type {Map<unknown, Doc>} */
    this.docs = new Map()
    this.indexes = indexSpecs.map((s) => new SortedIndex(s))
  }

  get size() { return this.docs.size }

  /** @param {unknown} id */
  get(id) { return this.docs.get(id) }

  /** Inserts or replaces (keeping its position in natural order). @param {Doc} doc */
  put(doc) {
    const old = this.docs.get(doc._id)
    if (old) for (const idx of this.indexes) idx.remove(old)
    this.docs.set(doc._id, doc)
    for (const idx of this.indexes) idx.insert(doc)
  }

  /** Loads documents into an empty store, building indexes in one sort each. @param {Doc[]} docs */
  load(docs) {
    for (const doc of docs) this.docs.set(doc._id, doc)
    for (const idx of this.indexes) idx.rebuild(this.docs.values())
  }

  /** put() for many documents, with one index re-sort instead of a splice each. @param {Doc[]} docs */
  putMany(docs) {
    if (docs.length < BULK_THRESHOLD) {
      for (const doc of docs) this.put(doc)
      return
    }
    /** @type {Doc[]} */
    const replaced = []
    for (const doc of docs) {
      const old = this.docs.get(doc._id)
      if (old) replaced.push(old)
      this.docs.set(doc._id, doc)
    }
    for (const idx of this.indexes) idx.bulkChange(replaced, docs)
  }

  /** delete() for many ids. @param {unknown[]} ids */
  deleteMany(ids) {
    if (ids.length < BULK_THRESHOLD) {
      for (const id of ids) this.delete(id)
      return
    }
    /** @type {Doc[]} */
    const removed = []
    for (const id of ids) {
      const old = this.docs.get(id)
      if (!old) continue
      removed.push(old)
      this.docs.delete(id)
    }
    for (const idx of this.indexes) idx.bulkChange(removed, [])
  }

  /** @param {unknown} id */
  delete(id) {
    const old = this.docs.get(id)
    if (!old) return false
    for (const idx of this.indexes) idx.remove(old)
    this.docs.delete(id)
    return true
  }

  /**
   * The first unique-index violation the given new versions of documents would cause, if any.
   * Documents being replaced or removed in the same batch (`changedIds`) do not count as
   * existing; the batch's own documents are checked against each other.
   * @param {Doc[]} newDocs @param {Set<unknown>} changedIds
   * @returns {{ index: string, key: unknown[] } | null}
   */
  findUniqueViolation(newDocs, changedIds) {
    for (const idx of this.indexes) {
      if (!idx.unique) continue
      /** @type {Map<string, unknown>} */
      const seen = new Map()
      for (const doc of newDocs) {
        const key = idx.keyOf(doc)
        if (idx.findEqual(key, changedIds) !== undefined) return { index: idx.name, key }
        const canonical = JSON.stringify(encodeForDisk(key.map((v) => (Object.is(v, -0) ? 0 : v))))
        if (seen.has(canonical) && seen.get(canonical) !== doc._id) return { index: idx.name, key }
        seen.set(canonical, doc._id)
      }
    }
    return null
  }
}

module.exports = { CollectionStore }
