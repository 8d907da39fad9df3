/**
 * Category icon keys (data, editable by admins) → a glyph the app can show on both platforms without
 * an icon font. Unknown keys fall back by keyword, then by the category's group, then to a pin.
 */

const BY_KEY: Record<string, string> = {
  // 交通秩序
  parking: '🅿️',
  car: '🚗',
  'red-light': '🚦',
  traffic: '🚦',
  helmet: '⛑️',
  pedestrian: '🚸',
  'wrong-way': '⛔',
  'blind-path': '🦯',
  bike: '🚲',
  ebike: '🛵',
  bus: '🚌',
  // 市容环境
  stall: '🏪',
  building: '🏚️',
  vendor: '🛒',
  pile: '📦',
  poster: '📄',
  graffiti: '🖍️',
  laundry: '👕',
  signboard: '🏷️',
  bbq: '🍢',
  construction: '🚧',
  // 小区院落
  stairs: '🚪',
  'fire-lane': '🚒',
  charging: '🔌',
  dog: '🐕',
  'high-throw': '⚠️',
  lawn: '🌱',
  facility: '🏘️',
  // 农贸市场
  market: '🏬',
  dirty: '🧽',
  poultry: '🐔',
  scale: '⚖️',
  notice: '📋',
  // 环境卫生
  corner: '🧹',
  trash: '🗑️',
  overflow: '🗑️',
  sorting: '♻️',
  'road-dirty': '🧹',
  water: '💧',
  // 公共设施
  accessible: '♿',
  toilet: '🚻',
  sign: '🧭',
  manhole: '🕳️',
  streetlight: '💡',
  road: '🛣️',
  'bus-stop': '🚏',
  fitness: '🏋️',
  billboard: '📰',
  // 文明行为
  litter: '🚯',
  spit: '🚫',
  smoking: '🚭',
  noise: '🔊',
  'food-waste': '🍚',
  other: '💬',
}

/** Substrings tried when the exact key is unknown (e.g. `car-parking-2`). */
const KEYWORDS: Array<[string, string]> = [
  ['park', '🅿️'],
  ['trash', '🗑️'],
  ['garbage', '🗑️'],
  ['traffic', '🚦'],
  ['car', '🚗'],
  ['bike', '🚲'],
  ['light', '💡'],
  ['stall', '🛒'],
  ['vendor', '🛒'],
  ['market', '🏪'],
  ['water', '💧'],
  ['tree', '🌳'],
  ['green', '🌳'],
  ['dog', '🐕'],
  ['smok', '🚭'],
  ['noise', '🔊'],
]

const BY_GROUP: Record<string, string> = {
  交通秩序: '🚦',
  市容环境: '🏙️',
  小区院落: '🏘️',
  农贸市场: '🏪',
  环境卫生: '🧹',
  公共设施: '🏛️',
  文明行为: '🤝',
}

export const FALLBACK_ICON = '📌'

export function categoryGlyph(icon: string | null | undefined, group?: string): string {
  const key = (icon ?? '').trim().toLowerCase()
  if (key) {
    if (BY_KEY[key]) return BY_KEY[key]
    // A glyph stored as the key itself (any non-ASCII text, e.g. an emoji) is used as is.
    if (/[^\x20-\x7e]/.test(key)) return icon!.trim()
    const hit = KEYWORDS.find(([word]) => key.includes(word))
    if (hit) return hit[1]
  }
  return (group && BY_GROUP[group]) || FALLBACK_ICON
}

export function groupGlyph(group: string): string {
  return BY_GROUP[group] ?? FALLBACK_ICON
}
