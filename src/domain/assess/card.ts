import { z } from 'zod'
import { unitTypeSchema, type UnitType } from '../city/unit'
import { ITEM_STATES, type ItemState } from './labels'
import { describeFigure, describeRule, roundScore, type Figure } from './scoring'
import { schemeItemViewSchema, staffRefSchema, type SchemeDoc, type SchemeItem, type StaffRef } from './scheme'

/**
 * 考评表 (`assess_cards`): one per unit per scheme, `_id` `<schemeId>__<unitId>`, made when the scheme opens.
 * It holds every item's state and score, so a unit's card is one read and the ranking is one query over a
 * scheme's cards sorted by `total` (kept by `_.inc` with each score change, under a per-item `rev` check,
 * so a unit's upload and a reviewer's score on other items never overwrite each other).
 */
export const itemStateSchema = z.enum(ITEM_STATES)

export interface Material {
  files: string[]
  note: string
  at: string
  /** 1 for the first submission, +1 for each 补充 after 退回. */
  round: number
  by: StaffRef
}

export interface Review {
  verdict: 'approved' | 'returned' | 'scored'
  score: number | null
  comment: string
  by: StaffRef
  at: string
}

export interface CardItem {
  state: ItemState
  score: number | null
  /** Compare-and-set guard of this item. */
  rev: number
  material: Material | null
  review: Review | null
  /** Data items: the figure the score came from. */
  figure: Figure | null
}

export interface CardUnit {
  id: string
  name: string
  shortName: string
  type: UnitType
  districtId: string | null
  order: number
}

export interface CardDoc {
  _id: string
  schemeId: string
  unit: CardUnit
  /** The unit's 志愿服务队 (周五环境整治 turnout). */
  teamId: string | null
  items: Record<string, CardItem>
  total: number
  /** Items waiting for review. */
  pending: number
  updatedAt: string
}

export const cardId = (schemeId: string, unitId: string): string => `${schemeId}__${unitId}`

export const emptyItem = (): CardItem => ({ state: 'todo', score: null, rev: 0, material: null, review: null, figure: null })

export function newCard(scheme: Pick<SchemeDoc, '_id' | 'items' | 'teams'>, unit: CardUnit, at: string): CardDoc {
  const items: Record<string, CardItem> = {}
  for (const it of scheme.items) items[it.id] = emptyItem()
  return {
    _id: cardId(scheme._id, unit.id),
    schemeId: scheme._id,
    unit,
    teamId: scheme.teams.find((t) => t.unitId === unit.id)?.teamId ?? null,
    items,
    total: 0,
    pending: 0,
    updatedAt: at,
  }
}

// ------------------------------------------------------------------------------------------------ ranking

export interface RankRow {
  unitId: string
  total: number
  rank: number
}

/**
 * Ranks by total, highest first; equal totals share a rank (1, 2, 2, 4), listed in the units' own order.
 * Totals are compared at 0.1 (what the 通报 prints), so rounding dust never splits a tie.
 */
export function rankCards<C extends Pick<CardDoc, 'total' | 'unit'>>(cards: readonly C[]): (C & { rank: number })[] {
  const key = (c: C) => Math.round(c.total * 10)
  const sorted = [...cards].sort((a, b) => key(b) - key(a) || a.unit.order - b.unit.order || a.unit.id.localeCompare(b.unit.id))
  let rank = 0
  return sorted.map((c, i) => {
    if (i === 0 || key(c) !== key(sorted[i - 1])) rank = i + 1
    return { ...c, rank }
  })
}

/** Per item group: the sum of the unit's scores in it (the 通报's columns). */
export function groupTotals(items: readonly Pick<SchemeItem, 'id' | 'group'>[], card: Pick<CardDoc, 'items'>): { group: string; score: number }[] {
  const out = new Map<string, number>()
  for (const it of items) out.set(it.group, (out.get(it.group) ?? 0) + (card.items[it.id]?.score ?? 0))
  return Array.from(out, ([group, score]) => ({ group, score: Math.round(score * 10) / 10 }))
}

// --------------------------------------------------------------------------------------------------- views

const materialViewSchema = z.object({
  files: z.array(z.string()),
  note: z.string(),
  at: z.string(),
  round: z.number().int(),
  by: staffRefSchema,
})
const reviewViewSchema = z.object({
  verdict: z.enum(['approved', 'returned', 'scored']),
  score: z.number().nullable(),
  comment: z.string(),
  by: staffRefSchema,
  at: z.string(),
})
const figureViewSchema = z.object({
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  detail: z.string(),
  /** e.g. 按时整改率 85%（17/20）. */
  text: z.string(),
})

export const cardItemViewSchema = schemeItemViewSchema.extend({
  state: itemStateSchema,
  score: z.number().nullable(),
  rev: z.number().int(),
  material: materialViewSchema.nullable(),
  review: reviewViewSchema.nullable(),
  figure: figureViewSchema.nullable(),
})
export type CardItemView = z.infer<typeof cardItemViewSchema>

export const cardUnitSchema = z.object({ id: z.string(), name: z.string(), shortName: z.string(), type: unitTypeSchema, districtId: z.string().nullable() })

export const cardRowSchema = z.object({
  unit: cardUnitSchema,
  total: z.number(),
  rank: z.number().int(),
  pending: z.number().int(),
  groups: z.array(z.object({ group: z.string(), score: z.number() })),
})
export type CardRow = z.infer<typeof cardRowSchema>

export const cardViewSchema = z.object({
  schemeId: z.string(),
  unit: cardUnitSchema,
  teamId: z.string().nullable(),
  total: z.number(),
  totalPoints: z.number(),
  /** Position among the scheme's units now (or in the published 通报). */
  rank: z.number().int(),
  of: z.number().int(),
  pending: z.number().int(),
  items: z.array(cardItemViewSchema),
  updatedAt: z.string(),
})
export type CardView = z.infer<typeof cardViewSchema>

const unitView = (u: CardUnit) => ({ id: u.id, name: u.name, shortName: u.shortName, type: u.type, districtId: u.districtId })

export function itemView(item: SchemeItem) {
  return { ...item, guide: item.guide ?? '', rule: item.rule, ruleText: item.rule ? describeRule(item.rule) : null }
}

export function toCardView(scheme: Pick<SchemeDoc, 'items' | 'totalPoints'>, card: CardDoc, rank: number, of: number): CardView {
  return {
    schemeId: card.schemeId,
    unit: unitView(card.unit),
    teamId: card.teamId,
    total: roundScore(card.total),
    totalPoints: scheme.totalPoints,
    rank,
    of,
    pending: card.pending,
    updatedAt: card.updatedAt,
    items: scheme.items.map((it) => {
      const c = card.items[it.id] ?? emptyItem()
      return {
        ...itemView(it),
        state: c.state,
        score: c.score,
        rev: c.rev,
        material: c.material,
        review: c.review,
        figure: c.figure && it.rule ? { ...c.figure, text: describeFigure(it.rule, c.figure) } : null,
      }
    }),
  }
}

export function toCardRow(scheme: Pick<SchemeDoc, 'items'>, card: CardDoc & { rank: number }): CardRow {
  return { unit: unitView(card.unit), total: roundScore(card.total), rank: card.rank, pending: card.pending, groups: groupTotals(scheme.items, card) }
}
