/**
 * Builds the functions with config/build-functions.mjs into a temp dir and runs a bundle in devcloud:
 * proves the bundle is self-contained (only wx-server-sdk outside) and behaves like the source.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ROOT, sourceFunctions, startCloud, type TestCloud } from '../support/runtime'

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenming-bundle-'))
let cloud: TestCloud
let built: { user: any; city: any }

beforeAll(async () => {
  const res = spawnSync(process.execPath, [path.join(ROOT, 'config', 'build-functions.mjs'), '--out', outDir], { cwd: ROOT, encoding: 'utf8' })
  if (res.status !== 0) throw new Error(`build failed: ${res.stderr || res.stdout}`)
  built = {
    user: require(path.join(outDir, 'user', 'index.js')),
    city: require(path.join(outDir, 'city', 'index.js')),
  }
  const config = (name: string) => {
    const file = path.join(outDir, name, 'config.json')
    return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined
  }
  cloud = await startCloud({ functions: built, configs: { user: config('user'), city: config('city') } })
}, 60_000)

afterAll(async () => {
  await cloud?.close()
  fs.rmSync(outDir, { recursive: true, force: true })
})

describe('built cloud functions', () => {
  it('writes index.js and a package.json whose only dependency is wx-server-sdk', () => {
    for (const name of ['user', 'city']) {
      const dir = path.join(outDir, name)
      expect(fs.existsSync(path.join(dir, 'index.js'))).toBe(true)
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
      expect(Object.keys(pkg.dependencies)).toEqual(['wx-server-sdk'])
      expect(pkg.dependencies['wx-server-sdk']).toMatch(/^[~^]?[34]\.\d+\.\d+$/)
      expect(pkg.main).toBe('index.js')
      expect(pkg.devDependencies).toBeUndefined()
    }
  })

  it('bundles everything but wx-server-sdk', () => {
    const code = fs.readFileSync(path.join(outDir, 'user', 'index.js'), 'utf8')
    const requires = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])
    expect(new Set(requires.filter((r) => !r.startsWith('node:')))).toEqual(new Set(['wx-server-sdk']))
  })

  it('exports main and the same contract as the source', () => {
    const src = sourceFunctions() as Record<string, { contract: unknown }>
    expect(typeof built.user.main).toBe('function')
    expect(built.user.contract).toEqual(src.user.contract)
    expect(built.city.contract).toEqual(src.city.contract)
  })

  it('runs in devcloud like the source', async () => {
    const me = await cloud.as('o-bundle-user').ok('user', 'me')
    expect(me).toMatchObject({ openid: 'o-bundle-user', roles: ['resident'] })
    const { items } = await cloud.as('demo-staff').ok('city', 'listUnits', { type: '市政' })
    expect(items[0]).toMatchObject({ id: 'u-sz', contact: { name: '刘建设', phone: '139-0000-1601' } })
    expect((await cloud.as('demo-resident').fail('user', 'listUsers', { junk: true })).code).toBe('FORBIDDEN')
    expect((await cloud.anonymous.fail('city', 'listDistricts')).code).toBe('UNAUTHENTICATED')
  })

  it('copies config.json, whose openapi permissions cover what the function calls', async () => {
    expect(fs.readFileSync(path.join(outDir, 'user', 'config.json'), 'utf8')).toBe(fs.readFileSync(path.join(ROOT, 'cloudfunctions', 'user', 'config.json'), 'utf8'))
    expect(fs.existsSync(path.join(outDir, 'city', 'config.json'))).toBe(false)
    // Registered with its config, the user function is held to its permissions by devcloud.
    expect(await cloud.as('demo-resident-4').ok('user', 'updateProfile', { nickname: '小赵同学' })).toMatchObject({ nickname: '小赵同学' })
    expect((await cloud.as('demo-resident-4').fail('user', 'updateProfile', { nickname: '六合彩' })).code).toBe('INVALID_INPUT')
  })
})
