/** The grid editor's schematic and point parsing (src/packages/admin/preview.ts, zod-free client code). */
import { asciiBase64, parsePoints, previewSvg } from '../../src/packages/admin/preview'
import { squareAround } from '../../src/domain/city/geo'

const c = { lat: 34.62, lng: 112.45 }

describe('grid preview', () => {
  it('parses pasted "lat,lng" lines (commas, Chinese commas or spaces) and says which line is wrong', () => {
    expect(parsePoints('34.62,112.45\n34.621，112.451\n34.622 112.45')).toEqual({ points: [c, { lat: 34.621, lng: 112.451 }, { lat: 34.622, lng: 112.45 }] })
    expect(parsePoints('34.62,112.45\nabc\n1,2')).toEqual({ error: '第 2 行应为“纬度,经度”，如 34.6201,112.4512' })
    expect(parsePoints('34.62,112.45\n34.63,112.46')).toEqual({ error: '多边形至少需要 3 个顶点' })
    expect(parsePoints('34.62,112.45\n95,112\n34.6,112.4')).toEqual({ error: '第 2 行的坐标超出范围' })
  })

  it('draws the edited shape in red over grey neighbours, north up, with a scale bar', () => {
    const svg = previewSvg({ center: c, area: { type: 'polygon', points: squareAround(c, 100) } }, [{ center: { lat: 34.6215, lng: 112.45 }, area: { type: 'circle', radius: 80 } }])
    expect(svg).toMatch(/^<svg /)
    expect(svg.match(/<polygon [^>]*stroke="#c8161d"/)).not.toBeNull()
    expect(svg.match(/<circle [^>]*stroke="#8e857c"/)).not.toBeNull()
    // The neighbour lies north of the target: a smaller y on screen.
    const polyYs = /points="([^"]+)"/.exec(svg)![1].split(' ').map((p) => Number(p.split(',')[1]))
    const neighbourY = Number(/<circle cx="[^"]+" cy="([^"]+)" r="[^"]+" fill="#d9d2c8"/.exec(svg)![1])
    expect(neighbourY).toBeLessThan(Math.min(...polyYs))
    expect(svg).toMatch(/>\d+ (m|km)<\/text>/)
  })

  it('base64-encodes like Buffer does (the mini-program has no btoa)', () => {
    for (const s of ['', 'a', 'ab', 'abc', previewSvg(null, [])]) expect(asciiBase64(s)).toBe(Buffer.from(s, 'ascii').toString('base64'))
  })
})
