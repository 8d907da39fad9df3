'use strict'
// @ts-check

/**
 * One declared index: a sorted array of { key, id } entries ordered by the key tuple (each
 * field ascending or descending as declared) then by _id, searched by binary search.
 * Inserts and removals splice the array: O(log n) to find, O(n) memmove, which is fine for
 * local collections of up to a few hundred thousand documents.
 *
 * Documents whose indexed field holds an array make the index "multikey"; the planner does not
 * use such an index (its order and equality semantics differ), but unique checks still apply.
 */

const { compareValues } = require('./value-order')
const { resolvePath } = require('./paths')

/** @typedef {{ path: string, dir: 1 | -1 }} IndexField */
/** @typedef {{ key: unknown[], id: unknown }} IndexEntry */

class SortedIndex {
  /** @param {{ name: string, fields: IndexField[], unique?: boolean }} spec */
  constructor(spec) {
    this.name = spec.name
    this.fields = spec.fields
    this.unique = Boolean(spec.unique)
    /** @type {IndexEntry[]} */
    this.entries = []
    /** number of indexed documents with an array in an indexed field */
    this.arrayDocs = 0
  }

  get multikey() { return this.arrayDocs > 0 }

  /** @param {Record<string, unknown>} doc @returns {unknown[]} */
  keyOf(doc) {
    return this.fields.map((f) => {
      const v = resolvePath(doc, f.path)
      return v === undefined ? null : v
    })
  }

  /**
   * Compares the first n key fields of an entry with a probe tuple, in index order.
   * @param {unknown[]} key @param {unknown[]} probe @param {number} n
   */
  comparePrefix(key, probe, n) {
    for (let i = 0; i < n; i++) {
      const c = compareValues(key[i], probe[i]) * this.fields[i].dir
      if (c) return c
    }
    return 0
  }

  /** @param {IndexEntry} a @param {IndexEntry} b */
  compareEntries(a, b) {
    return this.comparePrefix(a.key, b.key, this.fields.length) || compareValues(a.id, b.id)
  }

  /**
   * First position whose entry satisfies `test(comparison) === true`, for a predicate that is
   * monotone along the index.
   * @param {(entry: IndexEntry) => boolean} test
   */
  firstWhere(test) {
    let lo = 0
    let hi = this.entries.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (test(this.entries[mid])) hi = mid
      else lo = mid + 1
    }
    return lo
  }

  /** @param {Record<string, unknown>} doc */
  insert(doc) {
    const entry = { key: this.keyOf(doc), id: doc._id }
    const at = this.firstWhere((e) => this.compareEntries(e, entry) >= 0)
    this.entries.splice(at, 0, entry)
    if (entry.key.some(Array.isArray)) this.arrayDocs++
  }

  /**
   * Replaces the contents with the given documents, sorting once (O(n log n)) instead of n
   * inserts; used when loading a snapshot.
   * @param {Iterable<Record<string, unknown>>} docs
   */
  rebuild(docs) {
    this.entries = []
    this.arrayDocs = 0
    for (const doc of docs) {
      const entry = { key: this.keyOf(doc), id: doc._id }
      this.entries.push(entry)
      if (entry.key.some(Array.isArray)) this.arrayDocs++
    }
    this.entries.sort((a, b) => this.compareEntries(a, b))
  }

  /**
   * Many changes at once: removes the entries of `removed` documents (versions that were
   * inserted), adds `added`, and re-sorts (TimSort merges the sorted remainder with the new run),
   * instead of one O(n) splice per document.
   * @param {Record<string, unknown>[]} removed @param {Record<string, unknown>[]} added
   */
  bulkChange(removed, added) {
    if (removed.length) {
      const ids = new Set(removed.map((d) => d._id))
      for (const doc of removed) if (this.keyOf(doc).some(Array.isArray)) this.arrayDocs--
      this.entries = this.entries.filter((e) => !ids.has(e.id))
    }
    for (const doc of added) {
      const entry = { key: this.keyOf(doc), id: doc._id }
      this.entries.push(entry)
      if (entry.key.some(Array.isArray)) this.arrayDocs++
    }
    if (added.length) this.entries.sort((a, b) => this.compareEntries(a, b))
  }

  /** @param {Record<string, unknown>} doc  the version that was inserted */
  remove(doc) {
    const entry = { key: this.keyOf(doc), id: doc._id }
    const at = this.firstWhere((e) => this.compareEntries(e, entry) >= 0)
    if (at < this.entries.length && this.compareEntries(this.entries[at], entry) === 0) {
      this.entries.splice(at, 1)
      if (entry.key.some(Array.isArray)) this.arrayDocs--
    }
  }

  /**
   * An _id (not in `except`) whose key equals `key`, if any.
   * @param {unknown[]} key @param {Set<unknown>} except
   */
  findEqual(key, except) {
    const n = this.fields.length
    for (let i = this.firstWhere((e) => this.comparePrefix(e.key, key, n) >= 0); i < this.entries.length; i++) {
      const e = this.entries[i]
      if (this.comparePrefix(e.key, key, n) !== 0) break
      if (!except.has(e.id)) return e.id
    }
    return undefined
  }

  /**
   * The slice [start, end) of entries whose first fields equal `equal` and whose next field
   * lies in `range` (bounds in value order; Bound sentinels allowed).
   * @param {unknown[]} equal
   * @param {{ lo: { value: unknown, inclusive: boolean }, hi: { value: unknown, inclusive: boolean } } | null} range
   * @returns {[number, number]}
   */
  seek(equal, range) {
    const k = equal.length
    if (!range) {
      if (k === 0) return [0, this.entries.length]
      const start = this.firstWhere((e) => this.comparePrefix(e.key, equal, k) >= 0)
      const end = this.firstWhere((e) => this.comparePrefix(e.key, equal, k) > 0)
      return [start, end]
    }
    // in index order a descending field meets its upper bound first
    const [first, last] = this.fields[k].dir === 1 ? [range.lo, range.hi] : [range.hi, range.lo]
    const firstProbe = [...equal, first.value]
    const lastProbe = [...equal, last.value]
    const start = this.firstWhere((e) => {
      const c = this.comparePrefix(e.key, firstProbe, k + 1)
      return first.inclusive ? c >= 0 : c > 0
    })
    const end = this.firstWhere((e) => {
      const c = this.comparePrefix(e.key, lastProbe, k + 1)
      return last.inclusive ? c > 0 : c >= 0
    })
    return [start, Math.max(start, end)]
  }
}

module.exports = { SortedIndex }
