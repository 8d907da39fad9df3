import { itemView } from './card'
import type { SchemeCard, SchemeDoc, SchemeView } from './scheme'

export const toSchemeCard = (s: SchemeDoc): SchemeCard => ({
  id: s._id,
  title: s.title,
  kind: s.kind,
  period: { label: s.period.label, start: s.period.start, end: s.period.end },
  status: s.status,
  totalPoints: s.totalPoints,
  itemCount: s.items.length,
  unitCount: s.unitCount,
  updatedAt: s.updatedAt,
  bulletinId: s.bulletinId,
})

export const toSchemeView = (s: SchemeDoc): SchemeView => ({
  ...toSchemeCard(s),
  scope: s.scope,
  teams: s.teams,
  items: s.items.map(itemView),
  computedAt: s.computedAt,
  createdBy: s.createdBy,
  openedAt: s.openedAt,
  publishedAt: s.publishedAt,
  version: s.version,
})
