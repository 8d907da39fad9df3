'use strict'
/* global describe, test, expect, afterEach */

// Conformance: db.Geo values, and the geo query commands geoNear / geoWithin / geoIntersects
// (distances in metres on a sphere of radius 6378100 m, as WeChat documents).

const { openDb, cleanup } = require('./helpers')

afterEach(cleanup)

/** Points due north of (113, 23); 0.01° of latitude is 1113.2 m on a 6378100 m sphere. */
async function places() {
  const { db, _ } = await openDb(['places'])
  const P = db.Geo.Point
  // inserted farthest first, so distance order is not insertion order
  await db.collection('places').add({
    data: [
      { _id: 'far', loc: P(113, 23.05) }, // ≈ 5566 m
      { _id: 'mid', loc: P(113, 23.01) }, // ≈ 1113 m
      { _id: 'near', loc: P(113, 23.001) }, // ≈ 111 m
      { _id: 'nowhere', name: 'no location' },
    ],
  })
  const ids = async (query) => (await db.collection('places').where(query).get()).data.map((d) => d._id)
  return { db, _, P, ids }
}

describe('Geo values', () => {
  test('a stored Point comes back as a db.Geo.Point (longitude/latitude), serialising to GeoJSON', async () => {
    const { db } = await places()
    const { data } = await db.collection('places').doc('near').get()
    expect(data.loc).toBeInstanceOf(db.Geo.Point)
    expect(data.loc).toEqual(expect.objectContaining({ longitude: 113, latitude: 23.001 }))
    expect(data.loc.type).toBe('Point')
    expect(data.loc.coordinates).toEqual([113, 23.001])
    expect(JSON.parse(JSON.stringify(data.loc))).toEqual({ type: 'Point', coordinates: [113, 23.001] })
  })

  test('LineString, Polygon, MultiPoint, MultiLineString and MultiPolygon round-trip as GeoJSON', async () => {
    const { db } = await openDb(['shapes'])
    const { Point: P, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon } = db.Geo
    const ring = LineString([P(0, 0), P(1, 0), P(1, 1), P(0, 0)])
    const shapes = {
      line: LineString([P(0, 0), P(1, 1)]),
      polygon: Polygon([ring]),
      points: MultiPoint([P(0, 0), P(1, 1)]),
      lines: MultiLineString([LineString([P(0, 0), P(1, 1)])]),
      polygons: MultiPolygon([Polygon([ring])]),
    }
    await db.collection('shapes').add({ data: { _id: 's', ...shapes } })
    const { data } = await db.collection('shapes').doc('s').get()
    expect(data.polygon).toBeInstanceOf(Polygon)
    for (const [key, shape] of Object.entries(shapes)) {
      expect(JSON.parse(JSON.stringify(data[key]))).toEqual(shape.toJSON())
    }
  })

  test('invalid coordinates are rejected', async () => {
    const { db } = await openDb()
    expect(() => db.Geo.Point(200, 0)).toThrow(expect.objectContaining({ errCode: -501007 }))
    expect(() => db.Geo.Polygon([db.Geo.LineString([db.Geo.Point(0, 0), db.Geo.Point(1, 1)])])).toThrow()
  })
})

describe('geoNear', () => {
  test('results are ordered by distance, nearest first', async () => {
    const { _, P, ids } = await places()
    expect(await ids({ loc: _.geoNear({ geometry: P(113, 23) }) })).toEqual(['near', 'mid', 'far'])
  })

  test('maxDistance and minDistance are metres on a sphere of radius 6378100 m', async () => {
    const { _, P, ids } = await places()
    expect(await ids({ loc: _.geoNear({ geometry: P(113, 23), maxDistance: 2000 }) })).toEqual(['near', 'mid'])
    expect(await ids({ loc: _.geoNear({ geometry: P(113, 23), minDistance: 500 }) })).toEqual(['mid', 'far'])
    // 'mid' is 1113.2 m away with R = 6378100 m (it would be 1111.9 m with R = 6371 km)
    expect(await ids({ loc: _.geoNear({ geometry: P(113, 23), maxDistance: 1112.5 }) })).toEqual(['near'])
    expect(await ids({ loc: _.geoNear({ geometry: P(113, 23), maxDistance: 1113.5 }) })).toEqual(['near', 'mid'])
  })

  test('an explicit orderBy takes precedence over distance order', async () => {
    const { db, _, P } = await places()
    const { data } = await db.collection('places').where({ loc: _.geoNear({ geometry: P(113, 23) }) }).orderBy('_id', 'desc').get()
    expect(data.map((d) => d._id)).toEqual(['near', 'mid', 'far'].sort().reverse())
  })

  test('limit applies after distance ordering', async () => {
    const { db, _, P } = await places()
    const { data } = await db.collection('places').where({ loc: _.geoNear({ geometry: P(113, 23.06) }) }).limit(1).get()
    expect(data.map((d) => d._id)).toEqual(['far'])
  })
})

describe('geoWithin and geoIntersects', () => {
  const square = (db, d) => {
    const { Point: P, LineString, Polygon } = db.Geo
    return Polygon([LineString([P(113 - d, 23 - d), P(113 + d, 23 - d), P(113 + d, 23 + d), P(113 - d, 23 + d), P(113 - d, 23 - d)])])
  }

  test('geoWithin a Polygon', async () => {
    const { db, _, ids } = await places()
    expect((await ids({ loc: _.geoWithin({ geometry: square(db, 0.02) }) })).sort()).toEqual(['mid', 'near'])
  })

  test('geoWithin a MultiPolygon', async () => {
    const { db, _, ids } = await places()
    const { Point: P, LineString, Polygon, MultiPolygon } = db.Geo
    const around = (lat) => Polygon([LineString([P(112.99, lat - 0.001), P(113.01, lat - 0.001), P(113.01, lat + 0.001), P(112.99, lat + 0.001), P(112.99, lat - 0.001)])])
    expect((await ids({ loc: _.geoWithin({ geometry: MultiPolygon([around(23.001), around(23.05)]) }) })).sort()).toEqual(['far', 'near'])
  })

  test('geoWithin centerSphere [[lng, lat], radius in radians]', async () => {
    const { _, ids } = await places()
    expect((await ids({ loc: _.geoWithin({ centerSphere: [[113, 23], 2000 / 6378100] }) })).sort()).toEqual(['mid', 'near'])
  })

  test('geoIntersects finds points inside and lines crossing a polygon', async () => {
    const { db, _ } = await openDb(['shapes'])
    const { Point: P, LineString } = db.Geo
    await db.collection('shapes').add({
      data: [
        { _id: 'inside', g: P(113, 23) },
        { _id: 'crossing', g: LineString([P(112.9, 23), P(113.1, 23)]) },
        { _id: 'outside', g: LineString([P(112.9, 24), P(113.1, 24)]) },
      ],
    })
    const { data } = await db.collection('shapes').where({ g: _.geoIntersects({ geometry: square(db, 0.02) }) }).get()
    expect(data.map((d) => d._id).sort()).toEqual(['crossing', 'inside'])
  })

  test('geo conditions combine with other conditions', async () => {
    const { db, _ } = await places()
    await db.collection('places').doc('mid').update({ data: { open: true } })
    const { data } = await db.collection('places').where({ open: true, loc: _.geoWithin({ geometry: square(db, 0.02) }) }).get()
    expect(data.map((d) => d._id)).toEqual(['mid'])
  })
})
