import { CATEGORY_GROUPS, type Category, type CategoryGroup } from './category'

/**
 * The category catalogue a city starts with (the seed writes it to `categories`; admins may then edit
 * it). Groups and names follow the seed cities' 随手拍 and 督办 practice.
 *
 * 整改时限: 3 days is the usual limit (盘山: "以3天为工作整改时限"); hazards to life and safety —
 * open manholes, blocked fire lanes, 飞线充电, loose signboards, rubbish overflowing in the street —
 * get 1 day; things that need a legal procedure or works (违建, 无障碍 rebuilding, signs) get 7.
 *
 * 数字城管 codes (GB/T 30428.2, numbering inherited from CJ/T 214-2007) are given only where the
 * category maps onto one 小类 whose number is certain:
 *   事件 01 市容环境: 0101 私搭乱建, 0102 暴露垃圾, 0103 积存垃圾渣土, 0104 道路不洁, 0105 水域不洁
 *   事件 02 宣传广告: 0201 非法小广告
 *   事件 05 街面秩序: 0501 无照经营游商, 0504 店外经营, 0505 机动车乱停放, 0506 非机动车乱停放,
 *                     0507 乱堆物堆料
 * Everything else is null: either no single 小类 fits (a resident's "井盖破损" may be any of a dozen
 * cover types, 0101 上水井盖 … — the dispatcher picks), the behaviour is not a 城管 case at all (闯红灯,
 * 不礼让行人, 随地吐痰), or cities number it differently in their local extensions (沿街晾挂, 露天烧烤,
 * 公厕, 路灯). Check against the city's own code table before wiring reports into its system.
 */
type Entry = Omit<Category, 'order' | 'active' | 'group'>

const catalogue: Record<CategoryGroup, Entry[]> = {
  交通秩序: [
    { id: 'traffic-parking', name: '乱停乱放', hint: '非机动车、共享单车乱停乱放', icon: 'parking', deadlineDays: 3, unitType: '城管', cgCode: '事件:0506' },
    { id: 'traffic-car-parking', name: '机动车违停', hint: '占用人行道、公交站、路口违停', icon: 'car', deadlineDays: 3, unitType: '交警', cgCode: '事件:0505' },
    { id: 'traffic-red-light', name: '闯红灯', hint: '行人、非机动车闯红灯', icon: 'red-light', deadlineDays: 3, unitType: '交警', cgCode: null },
    { id: 'traffic-helmet', name: '电动车不戴头盔', hint: '骑电动自行车不戴安全头盔', icon: 'helmet', deadlineDays: 3, unitType: '交警', cgCode: null },
    { id: 'traffic-yield', name: '机动车不礼让行人', hint: '斑马线前不减速、不停车让行', icon: 'pedestrian', deadlineDays: 3, unitType: '交警', cgCode: null },
    { id: 'traffic-wrong-way', name: '逆行', hint: '非机动车逆行、占用机动车道', icon: 'wrong-way', deadlineDays: 3, unitType: '交警', cgCode: null },
    { id: 'traffic-blind-path', name: '占用盲道', hint: '车辆、杂物占用或截断盲道', icon: 'blind-path', deadlineDays: 3, unitType: '城管', cgCode: null },
  ],
  市容环境: [
    { id: 'city-stall', name: '占道经营', hint: '店外经营、出店摆卖、占道摆摊', icon: 'stall', deadlineDays: 3, unitType: '城管', cgCode: '事件:0504' },
    { id: 'city-illegal-building', name: '私搭乱建', hint: '违章搭建棚房、围墙、彩钢房', icon: 'building', deadlineDays: 7, unitType: '城管', cgCode: '事件:0101' },
    { id: 'city-vendor', name: '流动摊贩', hint: '流动商贩沿街叫卖、游商摊点', icon: 'vendor', deadlineDays: 3, unitType: '城管', cgCode: '事件:0501' },
    { id: 'city-pile', name: '乱堆乱放', hint: '沿街乱堆物料、建筑材料、杂物', icon: 'pile', deadlineDays: 3, unitType: '城管', cgCode: '事件:0507' },
    { id: 'city-poster', name: '牛皮癣小广告', hint: '乱贴乱喷的小广告、办证刻章电话', icon: 'poster', deadlineDays: 3, unitType: '城管', cgCode: '事件:0201' },
    { id: 'city-graffiti', name: '乱涂乱画', hint: '墙面、电箱、设施上乱涂乱画', icon: 'graffiti', deadlineDays: 3, unitType: '城管', cgCode: null },
    { id: 'city-laundry', name: '沿街晾晒', hint: '临街阳台、护栏、树木上晾晒衣物', icon: 'laundry', deadlineDays: 3, unitType: '城管', cgCode: null },
    { id: 'city-signboard', name: '招牌破损', hint: '门头招牌、广告牌破损或有脱落隐患', icon: 'signboard', deadlineDays: 1, unitType: '城管', cgCode: null },
    { id: 'city-bbq', name: '露天烧烤', hint: '占道露天烧烤、油烟扰民', icon: 'bbq', deadlineDays: 3, unitType: '城管', cgCode: null },
  ],
  小区院落: [
    { id: 'yard-corridor', name: '楼道杂物', hint: '楼道、楼梯间堆放杂物', icon: 'stairs', deadlineDays: 3, unitType: '物业', cgCode: null },
    { id: 'yard-fire-lane', name: '堵塞消防通道', hint: '车辆、杂物堵塞消防车道或安全出口', icon: 'fire-lane', deadlineDays: 1, unitType: '物业', cgCode: null },
    { id: 'yard-flying-wire', name: '飞线充电', hint: '私拉电线给电动车充电', icon: 'charging', deadlineDays: 1, unitType: '社区', cgCode: null },
    { id: 'yard-ebike-indoor', name: '电动车进楼入户', hint: '电动车停放在楼道、推车入户', icon: 'ebike', deadlineDays: 1, unitType: '物业', cgCode: null },
    { id: 'yard-dog', name: '不文明养犬', hint: '遛狗不牵绳、不清理犬只粪便', icon: 'dog', deadlineDays: 3, unitType: '社区', cgCode: null },
    { id: 'yard-high-throw', name: '高空抛物', hint: '从楼上抛掷物品', icon: 'high-throw', deadlineDays: 1, unitType: '公安', cgCode: null },
    { id: 'yard-lawn', name: '毁绿种菜', hint: '小区绿地被圈占种菜、堆物', icon: 'lawn', deadlineDays: 3, unitType: '物业', cgCode: null },
    { id: 'yard-facility', name: '小区设施破损', hint: '单元门、楼道灯、围墙等损坏', icon: 'facility', deadlineDays: 3, unitType: '物业', cgCode: null },
  ],
  农贸市场: [
    { id: 'market-order', name: '市场秩序', hint: '摊位出摊、占道经营、乱摆乱放', icon: 'market', deadlineDays: 3, unitType: '市场监管', cgCode: null },
    { id: 'market-dirty', name: '环境脏乱', hint: '地面积水、垃圾未清、异味', icon: 'dirty', deadlineDays: 3, unitType: '市场监管', cgCode: null },
    { id: 'market-poultry', name: '活禽宰杀', hint: '违规现场宰杀、销售活禽', icon: 'poultry', deadlineDays: 1, unitType: '市场监管', cgCode: null },
    { id: 'market-scale', name: '计量不准', hint: '缺斤短两、无公平秤', icon: 'scale', deadlineDays: 3, unitType: '市场监管', cgCode: null },
    { id: 'market-notice', name: '公示不全', hint: '价格、证照、食品安全信息未公示', icon: 'notice', deadlineDays: 3, unitType: '市场监管', cgCode: null },
  ],
  环境卫生: [
    { id: 'sanitation-corner', name: '卫生死角', hint: '长期积存的垃圾、渣土', icon: 'corner', deadlineDays: 3, unitType: '环卫', cgCode: '事件:0103' },
    { id: 'sanitation-exposed', name: '暴露垃圾', hint: '路面、绿地上的散落垃圾', icon: 'trash', deadlineDays: 1, unitType: '环卫', cgCode: '事件:0102' },
    // In 数字城管 an overflowing bin is a problem of the 部件 垃圾箱, numbered differently by cities.
    { id: 'sanitation-overflow', name: '垃圾满溢', hint: '垃圾桶满溢、清运不及时', icon: 'overflow', deadlineDays: 1, unitType: '环卫', cgCode: null },
    { id: 'sanitation-sorting', name: '垃圾分类', hint: '混投混放、分类桶缺失或标识不清', icon: 'sorting', deadlineDays: 3, unitType: '社区', cgCode: null },
    { id: 'sanitation-road', name: '道路不洁', hint: '路面油污、泥土、撒漏物', icon: 'road-dirty', deadlineDays: 1, unitType: '环卫', cgCode: '事件:0104' },
    { id: 'sanitation-water', name: '水体脏污', hint: '河道漂浮物、水体发黑发臭', icon: 'water', deadlineDays: 3, unitType: '市政', cgCode: '事件:0105' },
  ],
  公共设施: [
    { id: 'facility-accessible', name: '无障碍设施', hint: '无障碍坡道、盲道、扶手缺失或损坏', icon: 'accessible', deadlineDays: 7, unitType: '住建', cgCode: null },
    { id: 'facility-toilet', name: '公厕', hint: '公厕脏乱、设施损坏、未按时开放', icon: 'toilet', deadlineDays: 3, unitType: '环卫', cgCode: null },
    { id: 'facility-sign', name: '标识牌', hint: '路名牌、指示牌缺失、破损、错误', icon: 'sign', deadlineDays: 7, unitType: '市政', cgCode: null },
    // The 部件 code depends on whose cover it is (上水、污水、雨水、电力、通讯 …); dispatchers set it.
    { id: 'facility-manhole', name: '井盖破损', hint: '井盖缺失、破损、移位、下沉', icon: 'manhole', deadlineDays: 1, unitType: '市政', cgCode: null },
    { id: 'facility-streetlight', name: '路灯损坏', hint: '路灯不亮、灯杆倾斜、线路裸露', icon: 'streetlight', deadlineDays: 3, unitType: '市政', cgCode: null },
    { id: 'facility-road', name: '道路破损', hint: '路面坑洼、人行道板松动', icon: 'road', deadlineDays: 3, unitType: '市政', cgCode: null },
    { id: 'facility-bus-stop', name: '公交站亭', hint: '站亭破损、站牌信息错误', icon: 'bus-stop', deadlineDays: 3, unitType: '市政', cgCode: null },
    { id: 'facility-fitness', name: '健身器材', hint: '广场、社区健身器材损坏', icon: 'fitness', deadlineDays: 3, unitType: '社区', cgCode: null },
    { id: 'facility-billboard', name: '公益广告', hint: '公益广告、宣传栏破损褪色', icon: 'billboard', deadlineDays: 7, unitType: '文明办', cgCode: null },
  ],
  文明行为: [
    { id: 'civility-litter', name: '乱扔垃圾', hint: '随手乱扔烟头、果皮、纸屑', icon: 'litter', deadlineDays: 3, unitType: '文明办', cgCode: null },
    { id: 'civility-spit', name: '随地吐痰', hint: '公共场所随地吐痰', icon: 'spit', deadlineDays: 3, unitType: '文明办', cgCode: null },
    { id: 'civility-smoking', name: '公共场所吸烟', hint: '室内公共场所、公交车内吸烟', icon: 'smoking', deadlineDays: 3, unitType: '文明办', cgCode: null },
    { id: 'civility-noise', name: '噪音扰民', hint: '广场舞、商业促销噪音扰民', icon: 'noise', deadlineDays: 3, unitType: '城管', cgCode: null },
    { id: 'civility-food-waste', name: '餐饮浪费', hint: '餐馆未提示适量点餐、浪费严重', icon: 'food-waste', deadlineDays: 3, unitType: '市场监管', cgCode: null },
    { id: 'civility-other', name: '其他不文明行为', hint: '以上都不是的其他问题', icon: 'other', deadlineDays: 3, unitType: '文明办', cgCode: null },
  ],
}

/** The full catalogue, ordered group by group (order = group index × 100 + position). */
export const CATEGORIES: readonly Category[] = CATEGORY_GROUPS.flatMap((group, g) =>
  catalogue[group].map((c, i) => ({ ...c, group, order: g * 100 + i + 1, active: true })),
)

export const CATEGORY_BY_ID: ReadonlyMap<string, Category> = new Map(CATEGORIES.map((c) => [c.id, c]))

/** Suggested glyphs for the icon keys (the app may use its own icon font instead). */
export const CATEGORY_ICON_EMOJI: Record<string, string> = {
  parking: '🚲', car: '🚗', 'red-light': '🚦', helmet: '⛑️', pedestrian: '🚸', 'wrong-way': '⛔', 'blind-path': '🦯',
  stall: '🏪', building: '🏚️', vendor: '🛒', pile: '📦', poster: '📄', graffiti: '🖍️', laundry: '👕', signboard: '🪧', bbq: '🍢',
  stairs: '🪜', 'fire-lane': '🚒', charging: '🔌', ebike: '🛵', dog: '🐕', 'high-throw': '⚠️', lawn: '🌱', facility: '🏠',
  market: '🥬', dirty: '🧹', poultry: '🐔', scale: '⚖️', notice: '📋',
  corner: '🗑️', trash: '🚮', overflow: '🗑️', sorting: '♻️', 'road-dirty': '🛢️', water: '🌊',
  accessible: '♿', toilet: '🚻', sign: '🪧', manhole: '🕳️', streetlight: '💡', road: '🚧', 'bus-stop': '🚏', fitness: '🏋️', billboard: '🖼️',
  litter: '🚯', spit: '🚫', smoking: '🚭', noise: '🔊', 'food-waste': '🍚', other: '❓',
}

/** Default 整改时限 for a category (falls back to the usual 3 days for unknown ids). */
export function defaultDeadlineDays(categoryId: string): number {
  return CATEGORY_BY_ID.get(categoryId)?.deadlineDays ?? 3
}

/** Categories grouped for the picker, inactive ones left out, each group in catalogue order. */
export function groupCategories(items: readonly Category[]): { group: CategoryGroup; items: Category[] }[] {
  return CATEGORY_GROUPS.map((group) => ({
    group,
    items: items.filter((c) => c.group === group && c.active).sort((a, b) => a.order - b.order),
  })).filter((g) => g.items.length > 0)
}
