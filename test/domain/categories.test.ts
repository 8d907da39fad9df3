import {
  CATEGORIES,
  CATEGORY_BY_ID,
  CATEGORY_ICON_EMOJI,
  defaultDeadlineDays,
  groupCategories,
} from '../../src/domain/city/categories'
import { CATEGORY_GROUPS, categorySchema, fromCategoryDoc, parseCgCode, toCategoryDoc } from '../../src/domain/city/category'

describe('category catalogue', () => {
  it('validates against the schema, with unique ids and names', () => {
    for (const c of CATEGORIES) expect(categorySchema.parse(c)).toEqual(c)
    expect(new Set(CATEGORIES.map((c) => c.id)).size).toBe(CATEGORIES.length)
    expect(new Set(CATEGORIES.map((c) => c.name)).size).toBe(CATEGORIES.length)
  })

  it('has the categories seed cities use, in their groups', () => {
    const expected: Record<string, string[]> = {
      交通秩序: ['乱停乱放', '闯红灯', '电动车不戴头盔', '机动车不礼让行人'],
      市容环境: ['占道经营', '私搭乱建', '流动摊贩', '乱堆乱放', '牛皮癣小广告', '乱涂乱画'],
      小区院落: ['楼道杂物', '堵塞消防通道', '飞线充电', '不文明养犬'],
      农贸市场: ['市场秩序', '环境脏乱'],
      环境卫生: ['卫生死角', '垃圾分类', '垃圾满溢'],
      公共设施: ['无障碍设施', '公厕', '标识牌', '井盖破损', '路灯损坏'],
    }
    for (const [group, names] of Object.entries(expected)) {
      const inGroup = CATEGORIES.filter((c) => c.group === group).map((c) => c.name)
      expect(inGroup).toEqual(expect.arrayContaining(names))
    }
    for (const group of CATEGORY_GROUPS) expect(CATEGORIES.some((c) => c.group === group)).toBe(true)
  })

  it('gives hazards one day and the usual problems three', () => {
    for (const name of ['井盖破损', '堵塞消防通道', '飞线充电', '垃圾满溢', '高空抛物']) {
      expect(CATEGORIES.find((c) => c.name === name)?.deadlineDays).toBe(1)
    }
    for (const name of ['占道经营', '乱停乱放', '楼道杂物', '卫生死角']) {
      expect(CATEGORIES.find((c) => c.name === name)?.deadlineDays).toBe(3)
    }
    expect(defaultDeadlineDays('facility-manhole')).toBe(1)
    expect(defaultDeadlineDays('no-such-category')).toBe(3)
  })

  it('uses well-formed 数字城管 codes and only where it means to', () => {
    const coded = CATEGORIES.filter((c) => c.cgCode)
    for (const c of coded) expect(parseCgCode(c.cgCode!)).not.toBeNull()
    expect(CATEGORY_BY_ID.get('city-vendor')?.cgCode).toBe('事件:0501')
    expect(CATEGORY_BY_ID.get('facility-manhole')?.cgCode).toBeNull()
    expect(parseCgCode('事件:0505')).toEqual({ kind: '事件', major: '05', minor: '05' })
    expect(parseCgCode('0505')).toBeNull()
    expect(categorySchema.safeParse({ ...CATEGORIES[0], cgCode: 'E0505' }).success).toBe(false)
  })

  it('has a glyph for every icon key', () => {
    for (const c of CATEGORIES) expect(CATEGORY_ICON_EMOJI[c.icon]).toBeTruthy()
  })

  it('groups for the picker in catalogue order, leaving out inactive ones', () => {
    const items = CATEGORIES.map((c) => (c.id === 'traffic-red-light' ? { ...c, active: false } : c))
    const groups = groupCategories(items)
    expect(groups.map((g) => g.group)).toEqual([...CATEGORY_GROUPS])
    expect(groups[0].items.map((c) => c.id)).not.toContain('traffic-red-light')
    for (const g of groups) expect(g.items.map((c) => c.order)).toEqual([...g.items.map((c) => c.order)].sort((a, b) => a - b))
  })

  it('maps to and from stored documents', () => {
    const c = CATEGORIES[3]
    const doc = toCategoryDoc(c)
    expect(doc._id).toBe(c.id)
    expect('id' in doc).toBe(false)
    expect(fromCategoryDoc(doc)).toEqual(c)
  })
})
