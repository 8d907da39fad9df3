import { approximateAreaM2, areaContains, distanceMeters, offsetPoint, pointInPolygon, squareAround } from '../../src/domain/city/geo'
import { effectiveUnitId, gridProblems, locateGrid, toGridView, type GridDoc } from '../../src/domain/city/grid'
import { canSeeStaffContacts, canSeeUnitPhone, toUnitView, type UnitDoc } from '../../src/domain/city/unit'

const C = { lat: 34.62, lng: 112.45 }

describe('geo', () => {
  it('measures distances in metres', () => {
    expect(distanceMeters(C, C)).toBe(0)
    expect(distanceMeters(C, offsetPoint(C, 1000, 0))).toBeCloseTo(1000, -1)
    expect(distanceMeters(C, offsetPoint(C, 0, 500))).toBeCloseTo(500, -1)
    // 1° of latitude is about 111 km.
    expect(distanceMeters({ lat: 0, lng: 0 }, { lat: 1, lng: 0 }) / 1000).toBeCloseTo(111.2, 0)
  })

  it('tests points against polygons and circles', () => {
    const sq = squareAround(C, 400)
    expect(pointInPolygon(C, sq)).toBe(true)
    expect(pointInPolygon(offsetPoint(C, 390, 390), sq)).toBe(true)
    expect(pointInPolygon(offsetPoint(C, 410, 0), sq)).toBe(false)
    expect(areaContains(C, { type: 'circle', radius: 90 }, offsetPoint(C, 60, 60))).toBe(true)
    expect(areaContains(C, { type: 'circle', radius: 90 }, offsetPoint(C, 70, 70))).toBe(false)
    expect(approximateAreaM2(C, { type: 'polygon', points: sq }) / 640000).toBeCloseTo(1, 1)
  })
})

const grid = (over: Partial<GridDoc> & Pick<GridDoc, '_id'>): GridDoc => ({
  name: over._id,
  kind: 'grid',
  districtId: 'd1',
  streetId: 's1',
  community: '幸福里社区',
  parentId: null,
  center: C,
  area: { type: 'polygon', points: squareAround(C, 400) },
  households: 500,
  unitId: 'u-bb',
  leader: '黄建明（市财政局副局长）',
  worker: { name: '林巧云', phone: '139-0000-4101' },
  order: 1,
  ...over,
})

describe('grids', () => {
  const parent = grid({ _id: 'g1' })
  const micro = grid({ _id: 'g1-a', kind: 'micro', parentId: 'g1', center: offsetPoint(C, -150, 150), area: { type: 'circle', radius: 90 }, households: 50, unitId: null, leader: null })

  it('checks the hierarchy', () => {
    expect(gridProblems(parent, null)).toEqual([])
    expect(gridProblems(micro, parent)).toEqual([])
    expect(gridProblems(micro, null)).toHaveLength(1)
    expect(gridProblems({ ...micro, streetId: 's2' }, parent).join()).toContain('同属一个街道')
    expect(gridProblems({ ...micro, households: 120 }, parent).join()).toContain('应拆分')
    expect(gridProblems({ ...parent, parentId: 'gx' }, null)).toHaveLength(1)
    expect(gridProblems(micro, micro).join()).toContain('上级必须是网格')
  })

  it('inherits the 包保 unit', () => {
    expect(effectiveUnitId(micro, parent)).toBe('u-bb')
    expect(effectiveUnitId({ unitId: 'u-own' }, parent)).toBe('u-own')
    expect(effectiveUnitId({ unitId: null }, null)).toBeNull()
  })

  it('locates the smallest containing micro-grid, else grid', () => {
    const other = grid({ _id: 'g2', center: offsetPoint(C, 2000, 0), area: { type: 'polygon', points: squareAround(offsetPoint(C, 2000, 0), 400) } })
    const all = [parent, micro, other]
    expect(locateGrid(all, offsetPoint(C, -150, 150))).toEqual({ grid: parent, micro })
    expect(locateGrid(all, offsetPoint(C, 200, -200))).toEqual({ grid: parent, micro: null })
    expect(locateGrid(all, offsetPoint(C, 2100, 0))).toEqual({ grid: other, micro: null })
    expect(locateGrid(all, offsetPoint(C, 5000, 0))).toEqual({ grid: null, micro: null })
  })

  it('shows the worker phone to staff only', () => {
    const units = new Map([['u-bb', { id: 'u-bb', name: '示范市财政局', type: '机关' as const }]])
    const resident = toGridView(micro, { parent, units, viewer: { roles: ['resident'], unitId: null } })
    expect(resident.worker).toEqual({ name: '林巧云' })
    expect(resident.unit?.name).toBe('示范市财政局')
    const staff = toGridView(micro, { parent, units, viewer: { roles: ['resident', 'staff'], unitId: null } })
    expect(staff.worker?.phone).toBe('139-0000-4101')
  })
})

describe('units', () => {
  const unit: UnitDoc = {
    _id: 'u-sz',
    name: '示范市市政设施管理中心',
    shortName: '市政中心',
    type: '市政',
    districtId: null,
    address: '示范市环城北路11号',
    duties: '负责市政设施维护',
    contact: { name: '刘建设', phone: '139-0000-1601' },
    location: null,
    order: 1,
    active: true,
  }

  it('keeps contact phones for staff, admins and the unit itself', () => {
    expect(canSeeStaffContacts({ roles: ['resident', 'volunteer'], unitId: null })).toBe(false)
    expect(canSeeStaffContacts({ roles: ['resident', 'admin'], unitId: null })).toBe(true)
    expect(canSeeUnitPhone({ roles: ['resident', 'unit'], unitId: 'u-sz' }, 'u-sz')).toBe(true)
    expect(canSeeUnitPhone({ roles: ['resident', 'unit'], unitId: 'u-hw' }, 'u-sz')).toBe(false)
    expect(toUnitView(unit, { roles: ['resident'], unitId: null }).contact).toEqual({ name: '刘建设' })
    expect(toUnitView(unit, { roles: ['staff'], unitId: null }).contact).toEqual({ name: '刘建设', phone: '139-0000-1601' })
  })
})
