'use strict'
// @ts-check

/**
 * WeChat cloud timer cron: seven fields, "second minute hour day month weekday year",
 * wildcards `, - * /`, month names JAN–DEC, weekday 0–6 or SUN–SAT (0 = Sunday).
 * When both day and weekday are restricted they are OR-ed (WeChat's documented rule;
 * a field starting with `*` counts as unrestricted, as in classic cron).
 * Triggers run in UTC+8 (Beijing time, no DST) unless another offset is given.
 */

const FIELDS = /** @type {const} */ ([
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'], base: 1 },
  { name: 'weekday', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], base: 0 },
  { name: 'year', min: 1970, max: 2099 },
])

const BEIJING_OFFSET_MINUTES = 8 * 60

/**
 * @typedef {object} CronSchedule
 * @property {string} expression
 * @property {Record<'second'|'minute'|'hour'|'day'|'month'|'weekday'|'year', Set<number>>} fields
 * @property {boolean} dayRestricted
 * @property {boolean} weekdayRestricted
 * @property {(ms: number) => boolean} matches            does this instant (whole second) fire?
 * @property {(afterMs: number) => number | null} next     first firing strictly after afterMs
 */

/**
 * @param {string} expression
 * @param {{ utcOffsetMinutes?: number }} [options]
 * @returns {CronSchedule}
 */
function parseCron(expression, options = {}) {
  if (typeof expression !== 'string') throw new CronSyntaxError(expression, 'expression must be a string')
  const parts = expression.trim().split(/\s+/)
  if (parts.length !== 7) {
    throw new CronSyntaxError(expression, `expected 7 fields (second minute hour day month weekday year), got ${parts.length}`)
  }
  /** @type {any} */
  const fields = {}
  FIELDS.forEach((spec, i) => { fields[spec.name] = parseField(parts[i], spec, expression) })
  const dayRestricted = !parts[3].startsWith('*')
  const weekdayRestricted = !parts[5].startsWith('*')
  const offsetMs = (options.utcOffsetMinutes ?? BEIJING_OFFSET_MINUTES) * 60_000

  /** @param {Date} zoned a Date whose UTC fields read as local wall-clock time */
  const dayMatches = (zoned) => {
    const byDay = fields.day.has(zoned.getUTCDate())
    const byWeekday = fields.weekday.has(zoned.getUTCDay())
    if (dayRestricted && weekdayRestricted) return byDay || byWeekday
    return byDay && byWeekday
  }

  /** @param {number} ms */
  const matches = (ms) => {
    const z = new Date(Math.floor(ms / 1000) * 1000 + offsetMs)
    return fields.year.has(z.getUTCFullYear()) && fields.month.has(z.getUTCMonth() + 1) && dayMatches(z)
      && fields.hour.has(z.getUTCHours()) && fields.minute.has(z.getUTCMinutes()) && fields.second.has(z.getUTCSeconds())
  }

  /** @param {number} afterMs */
  const next = (afterMs) => {
    // Walk forward in wall-clock time, jumping whole units whenever a coarser field misses.
    let t = Math.floor(afterMs / 1000) * 1000 + 1000 + offsetMs
    for (let guard = 0; guard < 200_000; guard++) {
      const z = new Date(t)
      const y = z.getUTCFullYear()
      if (y > 2099) return null
      if (!fields.year.has(y)) { t = Date.UTC(y + 1, 0, 1); continue }
      if (!fields.month.has(z.getUTCMonth() + 1)) { t = Date.UTC(y, z.getUTCMonth() + 1, 1); continue }
      if (!dayMatches(z)) { t = Date.UTC(y, z.getUTCMonth(), z.getUTCDate() + 1); continue }
      if (!fields.hour.has(z.getUTCHours())) { t = Date.UTC(y, z.getUTCMonth(), z.getUTCDate(), z.getUTCHours() + 1); continue }
      if (!fields.minute.has(z.getUTCMinutes())) { t = Date.UTC(y, z.getUTCMonth(), z.getUTCDate(), z.getUTCHours(), z.getUTCMinutes() + 1); continue }
      if (!fields.second.has(z.getUTCSeconds())) { t += 1000; continue }
      return t - offsetMs
    }
    return null
  }

  return { expression, fields, dayRestricted, weekdayRestricted, matches, next }
}

/**
 * @param {string} text
 * @param {typeof FIELDS[number]} spec
 * @param {string} expression
 */
function parseField(text, spec, expression) {
  const values = new Set()
  for (const item of text.split(',')) {
    const fail = (/** @type {string} */ why) => new CronSyntaxError(expression, `${spec.name} field "${item}": ${why}`)
    const m = /^([^/]+)(?:\/(\d+))?$/.exec(item)
    if (!m) throw fail('not a value, range, * or step')
    const [, rangeText, stepText] = m
    const step = stepText === undefined ? 1 : Number(stepText)
    if (!(step >= 1)) throw fail('step must be a positive integer')
    let from, to
    if (rangeText === '*') {
      from = spec.min; to = spec.max
    } else if (rangeText.includes('-')) {
      const [a, b, extra] = rangeText.split('-')
      if (extra !== undefined) throw fail('malformed range')
      from = parseValue(a, spec, fail); to = parseValue(b, spec, fail)
      if (from > to) throw fail('range start is after its end')
    } else {
      from = parseValue(rangeText, spec, fail)
      // "a/n" means every n starting at a, up to the field's maximum.
      to = stepText === undefined ? from : spec.max
    }
    for (let v = from; v <= to; v += step) values.add(v)
  }
  return values
}

/**
 * @param {string} text
 * @param {typeof FIELDS[number]} spec
 * @param {(why: string) => Error} fail
 */
function parseValue(text, spec, fail) {
  let value
  if (/^\d+$/.test(text)) value = Number(text)
  else if ('names' in spec && spec.names) {
    const index = /** @type {readonly string[]} */ (spec.names).indexOf(text.toUpperCase())
    if (index < 0) throw fail(`unknown name "${text}"`)
    value = index + spec.base
  } else throw fail(`"${text}" is not a number`)
  if (value < spec.min || value > spec.max) throw fail(`${value} is outside ${spec.min}-${spec.max}`)
  return value
}

class CronSyntaxError extends Error {
  /** @param {unknown} expression @param {string} why */
  constructor(expression, why) {
    super(`invalid cron "${String(expression)}": ${why}`)
    this.name = 'CronSyntaxError'
  }
}

/** WeChat's timer event carries the firing time as ISO-8601 UTC without milliseconds. */
function formatTriggerTime(/** @type {number} */ ms) {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}

module.exports = { parseCron, CronSyntaxError, formatTriggerTime, BEIJING_OFFSET_MINUTES }
