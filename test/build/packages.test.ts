// The built packages are what WeChat's developer tool and devcloud open; check they are complete.
// Needs `npm run build` (npm test builds first).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '../..')
const weapp = path.join(root, 'dist/weapp')
const h5 = path.join(root, 'dist/h5')

function sizeOf(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
    const full = path.join(dir, e.name)
    return sum + (e.isDirectory() ? sizeOf(full) : statSync(full).size)
  }, 0)
}

beforeAll(() => {
  if (!existsSync(path.join(weapp, 'app.json')) || !existsSync(path.join(h5, 'index.html'))) {
    throw new Error('dist/weapp or dist/h5 is missing: run `npm run build:weapp && npm run build:h5` first')
  }
})

describe('WeChat mini-program package (dist/weapp)', () => {
  const appJson = () => JSON.parse(readFileSync(path.join(weapp, 'app.json'), 'utf8'))

  test('project.config.json opens the built output in the WeChat developer tool', () => {
    const project = JSON.parse(readFileSync(path.join(root, 'project.config.json'), 'utf8'))
    expect(project.compileType).toBe('miniprogram')
    expect(path.resolve(root, project.miniprogramRoot)).toBe(weapp)
    expect(path.resolve(root, project.cloudfunctionRoot)).toBe(path.join(root, 'dist/cloudfunctions'))
  })

  test('every page in app.json has its js, json and wxml', () => {
    const { pages, subPackages = [] } = appJson()
    const all = [...pages, ...subPackages.flatMap((s: { root: string; pages: string[] }) => s.pages.map((p) => `${s.root}/${p}`))]
    expect(all.length).toBeGreaterThanOrEqual(5)
    for (const page of all) {
      for (const ext of ['js', 'json', 'wxml']) expect(existsSync(path.join(weapp, `${page}.${ext}`))).toBe(true)
    }
  })

  test('tab bar is 首页 / 随手拍 / 曝光台 / 志愿 / 我的 and its icons exist', () => {
    const { tabBar } = appJson()
    expect(tabBar.list.map((t: { text: string }) => t.text)).toEqual(['首页', '随手拍', '曝光台', '志愿', '我的'])
    for (const t of tabBar.list) {
      for (const icon of [t.iconPath, t.selectedIconPath].filter(Boolean)) expect(existsSync(path.join(weapp, icon))).toBe(true)
    }
  })

  test('main package stays far under WeChat’s 2 MB limit (budget 1 MB)', () => {
    const { subPackages = [] } = appJson()
    const subRoots = new Set(subPackages.map((s: { root: string }) => path.join(weapp, s.root)))
    const mainBytes = (function walk(dir: string): number {
      return readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
        const full = path.join(dir, e.name)
        if (subRoots.has(full) || e.name.endsWith('.map') || e.name.endsWith('.LICENSE.txt')) return sum
        return sum + (e.isDirectory() ? walk(full) : statSync(full).size)
      }, 0)
    })(weapp)
    expect(mainBytes).toBeLessThan(1024 * 1024)
  })

  test('no cloud transport other than Taro.cloud is bundled for WeChat (no dev identity header)', () => {
    const js = readdirSync(weapp).filter((f) => f.endsWith('.js')).map((f) => readFileSync(path.join(weapp, f), 'utf8')).join('\n')
    expect(js).not.toContain('X-Dev-User')
  })
})

describe('H5 app (dist/h5)', () => {
  test('index.html loads the app scripts that exist', () => {
    const html = readFileSync(path.join(h5, 'index.html'), 'utf8')
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1])
    expect(scripts.length).toBeGreaterThan(0)
    for (const src of scripts) expect(existsSync(path.join(h5, src.replace(/^\//, '')))).toBe(true)
    expect(sizeOf(h5)).toBeGreaterThan(0)
  })
})
