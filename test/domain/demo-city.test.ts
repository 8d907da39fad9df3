import { buildDemoCity, DEMO_ACCOUNTS } from '../../scripts/seed'
import { districtDocSchema, streetDocSchema } from '../../src/domain/city/district'
import { gridDocSchema, gridProblems, MICRO_GRID_MAX_HOUSEHOLDS } from '../../src/domain/city/grid'
import { areaContains } from '../../src/domain/city/geo'
import { unitDocSchema } from '../../src/domain/city/unit'
import { categorySchema, fromCategoryDoc } from '../../src/domain/city/category'

const city = buildDemoCity(new Date('2024-05-01T08:00:00.000Z'))

describe('demo city data', () => {
  it('validates against the domain schemas', () => {
    for (const d of city.districts) districtDocSchema.parse(d)
    for (const s of city.streets) streetDocSchema.parse(s)
    for (const g of city.grids) gridDocSchema.parse(g)
    for (const u of city.units) unitDocSchema.parse(u)
    for (const c of city.categories) categorySchema.parse(fromCategoryDoc(c))
  })

  it('is a city of 3 districts with streets, grids and micro-grids', () => {
    expect(city.districts).toHaveLength(3)
    expect(city.streets.length).toBeGreaterThanOrEqual(6)
    const grids = city.grids.filter((g) => g.kind === 'grid')
    const micros = city.grids.filter((g) => g.kind === 'micro')
    expect(grids.length).toBeGreaterThanOrEqual(12)
    expect(micros.length).toBeGreaterThanOrEqual(2 * grids.length)
  })

  it('has consistent references and geometry', () => {
    const ids = (xs: { _id: string }[]) => new Set(xs.map((x) => x._id))
    const districts = ids(city.districts)
    const streets = ids(city.streets)
    const units = ids(city.units)
    const byId = new Map(city.grids.map((g) => [g._id, g]))
    for (const all of [city.districts, city.streets, city.grids, city.units, city.users, city.notices, city.categories]) {
      expect(ids(all).size).toBe(all.length)
    }
    for (const s of city.streets) expect(districts.has(s.districtId)).toBe(true)
    for (const u of city.units) if (u.districtId) expect(districts.has(u.districtId)).toBe(true)
    for (const g of city.grids) {
      expect(streets.has(g.streetId)).toBe(true)
      expect(city.streets.find((s) => s._id === g.streetId)?.communities).toContain(g.community)
      const parent = g.parentId ? (byId.get(g.parentId) ?? null) : null
      expect(gridProblems(g, parent)).toEqual([])
      if (g.kind === 'grid') expect(units.has(g.unitId!)).toBe(true)
      if (g.kind === 'micro') {
        expect(g.households!).toBeLessThanOrEqual(MICRO_GRID_MAX_HOUSEHOLDS)
        // A micro-grid's whole circle lies inside its grid.
        expect(areaContains(parent!.center, parent!.area, g.center)).toBe(true)
      }
    }
    // Grids do not overlap: no grid centre lies in another grid.
    const grids = city.grids.filter((g) => g.kind === 'grid')
    for (const a of grids) for (const b of grids) if (a !== b) expect(areaContains(b.center, b.area, a.center)).toBe(false)
    for (const u of city.users) if (u.unit) expect(units.has(u.unit.id)).toBe(true)
  })

  it('has a unit of every type a category proposes', () => {
    const types = new Set(city.units.map((u) => u.type))
    for (const c of city.categories) expect(types).toContain(c.unitType)
  })

  it('lists demo accounts for every role', () => {
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.role))).toEqual(new Set(['resident', 'volunteer', 'staff', 'unit', 'admin']))
    expect(DEMO_ACCOUNTS.map((a) => a.openid)).toEqual(city.users.map((u) => u._id))
  })

  it('is deterministic for a given time', () => {
    expect(buildDemoCity(new Date('2024-05-01T08:00:00.000Z'))).toEqual(city)
  })
})
