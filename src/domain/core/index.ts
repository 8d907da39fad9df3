export * from './roles'
export * from './envelope'
export * from './contract'
