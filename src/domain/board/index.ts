/** 曝光台 and 红黑榜: exposure entries, 红黑榜 issues, their photos' masking, periods and proposals. */
export * from './mosaic'
export * from './period'
export * from './photo'
export * from './proposals'
export * from './exposure'
export * from './issue'
export * from './settings'
export * from './subscribe'
