/**
 * 问卷调查 domain. Server code may import from here; the client imports only the zod-free modules
 * (`constants`, `logic`, `definition`, `stats`, `careless`, `person`, `template`, `compat`) directly, and
 * everything else as types.
 */
export * from './constants'
export * from './logic'
export * from './definition'
export * from './compat'
export * from './tally'
export * from './stats'
export * from './careless'
export * from './person'
export * from './template'
export * from './export'
export * from './results'
export * from './schema'
export * from './views'
