import { z } from 'zod'
import { textSchema } from '../report/fields'
import { schemeKindSchema, staffRefSchema, type SchemeDoc, type StaffRef } from './scheme'
import { cardUnitSchema, groupTotals, rankCards, type CardDoc } from './card'
import { roundScore } from './scoring'

/**
 * 考评通报 (`assess_bulletins`, `_id` = the scheme's id: one per scheme): the ranking as published, numbered
 * per year (示范市创城考评通报〔2026〕第3号). It is a snapshot — later changes to cards cannot alter it,
 * and the scheme is frozen when it is published.
 *
 * Who reads it: staff and every unit handler, not the public. A 考评通报 is an internal administrative
 * document sent to the assessed units (the seed cities 通报 within the system to spur 你追我赶); it rests on
 * material reviews that residents cannot check, and the public side of accountability is already the
 * 红黑榜 and 曝光台, which are built from facts residents can see.
 */
export const bulletinSummarySchema = textSchema(0, 1000, '通报说明')

export const bulletinRowSchema = z.object({
  rank: z.number().int(),
  unit: cardUnitSchema,
  total: z.number(),
  groups: z.array(z.object({ group: z.string(), score: z.number() })),
})
export type BulletinRow = z.infer<typeof bulletinRowSchema>

export interface BulletinDoc {
  _id: string
  schemeId: string
  year: number
  no: number
  title: string
  kind: SchemeDoc['kind']
  periodLabel: string
  totalPoints: number
  groups: { group: string; points: number }[]
  rows: BulletinRow[]
  summary: string
  publishedBy: StaffRef
  publishedAt: string
}

export const bulletinCardSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  no: z.number().int(),
  /** 〔2026〕第3号. */
  number: z.string(),
  title: z.string(),
  kind: schemeKindSchema,
  periodLabel: z.string(),
  unitCount: z.number().int(),
  publishedAt: z.string(),
})
export const bulletinViewSchema = bulletinCardSchema.extend({
  totalPoints: z.number(),
  groups: z.array(z.object({ group: z.string(), points: z.number() })),
  rows: z.array(bulletinRowSchema),
  summary: z.string(),
  publishedBy: staffRefSchema,
})

export const bulletinNumber = (year: number, no: number): string => `〔${year}〕第${no}号`

/** The snapshot published for a scheme and its cards. */
export function buildBulletin(
  scheme: SchemeDoc,
  cards: readonly CardDoc[],
  meta: { year: number; no: number; summary: string; by: StaffRef; at: string },
): BulletinDoc {
  const groups: { group: string; points: number }[] = []
  for (const it of scheme.items) {
    const g = groups.find((x) => x.group === it.group)
    if (g) g.points += it.points
    else groups.push({ group: it.group, points: it.points })
  }
  return {
    _id: scheme._id,
    schemeId: scheme._id,
    year: meta.year,
    no: meta.no,
    title: scheme.title,
    kind: scheme.kind,
    periodLabel: scheme.period.label,
    totalPoints: scheme.totalPoints,
    groups,
    rows: rankCards(cards).map((c) => ({
      rank: c.rank,
      unit: { id: c.unit.id, name: c.unit.name, shortName: c.unit.shortName, type: c.unit.type, districtId: c.unit.districtId },
      total: roundScore(c.total),
      groups: groupTotals(scheme.items, c),
    })),
    summary: meta.summary,
    publishedBy: meta.by,
    publishedAt: meta.at,
  }
}

export const toBulletinCard = (b: BulletinDoc) => ({
  id: b._id,
  year: b.year,
  no: b.no,
  number: bulletinNumber(b.year, b.no),
  title: b.title,
  kind: b.kind,
  periodLabel: b.periodLabel,
  unitCount: b.rows.length,
  publishedAt: b.publishedAt,
})
export const toBulletinView = (b: BulletinDoc) => ({
  ...toBulletinCard(b),
  totalPoints: b.totalPoints,
  groups: b.groups,
  rows: b.rows,
  summary: b.summary,
  publishedBy: b.publishedBy,
})
