'use strict'
// @ts-check
const fs = require('node:fs')
const path = require('node:path')

const DEFAULT_WORD_LIST_FILE = path.join(__dirname, 'wordlist.txt')

/** @typedef {{ term: string, label: number, suggest: 'risky' | 'review' }} WordEntry */

/**
 * Parses `<term> [label] [suggest]` lines; `#` starts a comment.
 * @param {string} text
 * @returns {WordEntry[]}
 */
function parseWordList(text) {
  /** @type {WordEntry[]} */
  const entries = []
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim()
    if (!line) continue
    const [term, labelText, suggestText] = line.split(/\s+/)
    const label = labelText && /^\d+$/.test(labelText) ? Number(labelText) : 21000
    const suggest = suggestText === 'review' ? 'review' : 'risky'
    entries.push({ term: term.toLowerCase(), label, suggest })
  }
  return entries
}

/** @param {string} [file] */
function loadWordList(file = DEFAULT_WORD_LIST_FILE) {
  return parseWordList(fs.readFileSync(file, 'utf8'))
}

/**
 * Every entry found in the text, also when split by spaces or punctuation ("赌 博").
 * @param {WordEntry[]} entries
 * @param {string} text
 */
function findTerms(entries, text) {
  const lower = text.toLowerCase()
  const squeezed = lower.replace(/[\s\p{P}\p{S}]+/gu, '')
  return entries.filter((e) => lower.includes(e.term) || squeezed.includes(e.term))
}

module.exports = { parseWordList, loadWordList, findTerms, DEFAULT_WORD_LIST_FILE }
