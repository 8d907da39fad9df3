import { z } from 'zod'
import { idSchema, isoSchema, textSchema } from './fields'
import { debitPoints, type Balances } from './ledger'

/**
 * 爱心超市: goods and partner-shop discounts (特惠商户) with point prices and stock, kept by staff
 * (`volunteer_goods`). A volunteer redeems (`volunteer_redemptions`): points are debited and stock taken
 * in one transaction — points never negative, stock never oversold — and gets a code that staff or the
 * shop verify once.
 */
export const GOODS_KINDS = ['goods', 'discount'] as const
export const goodsKindSchema = z.enum(GOODS_KINDS)
export type GoodsKind = z.infer<typeof goodsKindSchema>
export const GOODS_KIND_LABELS: Record<GoodsKind, string> = { goods: '爱心超市', discount: '特惠商户' }

export interface GoodsDoc {
  _id: string
  name: string
  kind: GoodsKind
  shop: { name: string; address: string } | null
  description: string
  pointsPrice: number
  stock: number
  /** Redemptions per volunteer, or null for no limit. */
  limitPerPerson: number | null
  image: string | null
  active: boolean
  order: number
  redeemedCount: number
  createdAt: string
  updatedAt: string
}

export const saveGoodsInputSchema = z.strictObject({
  id: idSchema.optional().meta({ title: '商品' }),
  name: textSchema(2, 40, '名称'),
  kind: goodsKindSchema.meta({ title: '类型' }),
  shopName: textSchema(2, 40, '商户名称').optional(),
  shopAddress: textSchema(2, 100, '商户地址').optional(),
  description: textSchema(0, 500, '说明').default(''),
  pointsPrice: z.number().int().min(1, '兑换积分至少 1 分').max(100000).meta({ title: '兑换积分' }),
  stock: z.number().int().min(0, '库存不能为负').max(100000).meta({ title: '库存' }),
  limitPerPerson: z.number().int().min(1).max(100).nullable().default(null).meta({ title: '每人限兑' }),
  image: z.string().max(1000).regex(/^cloud:\/\/[^/\s]+\/\S+$/, '图片文件编号格式不正确').nullable().default(null),
  active: z.boolean().default(true),
  order: z.number().int().min(0).max(10000).default(100),
})

export const goodsViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: goodsKindSchema,
  shop: z.object({ name: z.string(), address: z.string() }).nullable(),
  description: z.string(),
  pointsPrice: z.number().int(),
  stock: z.number().int(),
  limitPerPerson: z.number().int().nullable(),
  image: z.string().nullable(),
  active: z.boolean(),
  redeemedCount: z.number().int(),
})
export type GoodsView = z.infer<typeof goodsViewSchema>

export const toGoodsView = (g: GoodsDoc): GoodsView => ({
  id: g._id,
  name: g.name,
  kind: g.kind,
  shop: g.shop,
  description: g.description,
  pointsPrice: g.pointsPrice,
  stock: g.stock,
  limitPerPerson: g.limitPerPerson,
  image: g.image,
  active: g.active,
  redeemedCount: g.redeemedCount,
})

export const REDEMPTION_STATUSES = ['issued', 'verified', 'cancelled'] as const
export const redemptionStatusSchema = z.enum(REDEMPTION_STATUSES)
export type RedemptionStatus = z.infer<typeof redemptionStatusSchema>
export const REDEMPTION_STATUS_LABELS: Record<RedemptionStatus, string> = { issued: '待核销', verified: '已核销', cancelled: '已取消' }

export interface RedemptionDoc {
  _id: string
  openid: string
  volunteerName: string
  goodsId: string
  goodsName: string
  kind: GoodsKind
  shopName: string | null
  points: number
  /** 10 characters from an alphabet without look-alikes (0/O, 1/I/L), random from the server. */
  code: string
  status: RedemptionStatus
  createdAt: string
  verifiedAt: string | null
  verifiedBy: string | null
  cancelledAt: string | null
  clientId: string | null
}

/** Code alphabet: no 0/O, 1/I/L — read aloud or typed by a shop assistant. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const CODE_LENGTH = 10
export const redemptionCodeSchema = z
  .string()
  .trim()
  .regex(new RegExp(`^[${CODE_ALPHABET}${CODE_ALPHABET.toLowerCase()}]{${CODE_LENGTH}}$`), '核销码应为 10 位字母数字')
  .meta({ title: '核销码' })

/** A code from random bytes (one byte per character; the modulo bias over 31 symbols is negligible for a one-time code). */
export function codeFromBytes(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < CODE_LENGTH; i++) out += CODE_ALPHABET[bytes[i] % CODE_ALPHABET.length]
  return out
}

/** `ABCD EFGH JK` for reading. */
export const formatCode = (code: string): string => code.replace(/(.{4})(.{4})(.{2})/, '$1 $2 $3')

export type RedeemPlan = { ok: true; balances: Balances; stock: number } | { ok: false; code: 'CONFLICT' | 'FORBIDDEN' | 'NOT_FOUND'; message: string }

/** The redemption rule, decided on the documents read inside the transaction. */
export function planRedeem(opts: { goods: GoodsDoc | null; balances: Balances; alreadyRedeemed: number }): RedeemPlan {
  const { goods } = opts
  if (!goods || !goods.active) return { ok: false, code: 'NOT_FOUND', message: '该商品已下架' }
  if (goods.stock <= 0) return { ok: false, code: 'CONFLICT', message: '该商品已兑完' }
  if (goods.limitPerPerson !== null && opts.alreadyRedeemed >= goods.limitPerPerson) {
    return { ok: false, code: 'CONFLICT', message: `每人限兑 ${goods.limitPerPerson} 次` }
  }
  const debit = debitPoints(opts.balances, goods.pointsPrice)
  if (!debit.ok) return { ok: false, code: 'CONFLICT', message: debit.message }
  return { ok: true, balances: debit.balances, stock: goods.stock - 1 }
}

export const redemptionViewSchema = z.object({
  id: z.string(),
  goodsId: z.string(),
  goodsName: z.string(),
  kind: goodsKindSchema,
  shopName: z.string().nullable(),
  points: z.number().int(),
  /** Shown to the volunteer while unused; null once verified or cancelled, and in staff lists. */
  code: z.string().nullable(),
  status: redemptionStatusSchema,
  createdAt: isoSchema,
  verifiedAt: isoSchema.nullable(),
})
export type RedemptionView = z.infer<typeof redemptionViewSchema>

export const toRedemptionView = (r: RedemptionDoc, showCode: boolean): RedemptionView => ({
  id: r._id,
  goodsId: r.goodsId,
  goodsName: r.goodsName,
  kind: r.kind,
  shopName: r.shopName,
  points: r.points,
  code: showCode && r.status === 'issued' ? r.code : null,
  status: r.status,
  createdAt: r.createdAt,
  verifiedAt: r.verifiedAt,
})

/** What staff see when verifying a code: whose (masked) and what. */
export const redemptionCheckSchema = redemptionViewSchema.omit({ code: true }).extend({ volunteerName: z.string() })
export type RedemptionCheck = z.infer<typeof redemptionCheckSchema>
