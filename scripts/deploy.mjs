#!/usr/bin/env node
/**
 * Deploys 文明同行 to WeChat with miniprogram-ci: the mini-program (dist/weapp) and every cloud
 * function (dist/cloudfunctions/<name>), plus the functions' timer triggers.
 *
 *   npm run build && npm run deploy
 *
 * Needs WX_APPID, WX_PRIVATE_KEY_PATH (the upload key from 微信公众平台 → 开发管理 → 开发设置, with
 * this machine's IP whitelisted) and WX_CLOUD_ENV (the 云开发 environment id); optional WX_VERSION
 * (default: package.json version), WX_DESC, WX_ROBOT (1–30).
 * Without them it only validates the packages, says exactly what is missing, and exits 0 when the
 * packages are fine (1 when they are not).
 *
 * Flags: --check (validate only) · --print-indexes (only list the database indexes) ·
 *        --skip-weapp · --skip-functions · --only <function> (repeatable)
 *
 * Database collections and indexes cannot be created through miniprogram-ci: create them in the
 * 云开发 console from the list printed here (source: cloudfunctions/indexes.json).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import Module from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const WEAPP_DIR = path.join(ROOT, 'dist', 'weapp')
const FUNCTIONS_DIST = path.join(ROOT, 'dist', 'cloudfunctions')
const FUNCTIONS_SRC = path.join(ROOT, 'cloudfunctions')
const INDEXES_FILE = path.join(FUNCTIONS_SRC, 'indexes.json')
const DB_RULES_FILE = path.join(FUNCTIONS_SRC, 'security', 'database-rules.json')
const STORAGE_RULES_FILE = path.join(FUNCTIONS_SRC, 'security', 'storage-rules.json')
const MB = 1024 * 1024
const LIMITS = { mainPackage: 2 * MB, subPackage: 2 * MB, total: 20 * MB }
const rel = (p) => path.relative(ROOT, p) || '.'
const fmt = (bytes) => (bytes >= MB ? `${(bytes / MB).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`)

// ------------------------------------------------------------------------------------ arguments

const args = process.argv.slice(2)
const flags = { check: false, printIndexes: false, skipWeapp: false, skipFunctions: false, only: [] }
for (let i = 0; i < args.length; i++) {
  const a = args[i]
  if (a === '--check') flags.check = true
  else if (a === '--print-indexes') flags.printIndexes = true
  else if (a === '--skip-weapp') flags.skipWeapp = true
  else if (a === '--skip-functions') flags.skipFunctions = true
  else if (a === '--only') flags.only.push(args[++i])
  else if (a.startsWith('--only=')) flags.only.push(a.slice(7))
  else if (a === '--help' || a === '-h') {
    console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 21).map((l) => l.replace(/^ \* ?/, '')).join('\n'))
    process.exit(0)
  } else {
    console.error(`unknown argument: ${a} (see --help)`)
    process.exit(2)
  }
}

// ------------------------------------------------------------------------------------ indexes

/** Parses and checks cloudfunctions/indexes.json; returns { collections, problems }. */
function readIndexes() {
  const problems = []
  if (!existsSync(INDEXES_FILE)) return { collections: {}, problems: [`${rel(INDEXES_FILE)} is missing`] }
  let json
  try {
    json = JSON.parse(readFileSync(INDEXES_FILE, 'utf8'))
  } catch (err) {
    return { collections: {}, problems: [`${rel(INDEXES_FILE)} is not valid JSON: ${err.message}`] }
  }
  const collections = json?.collections
  if (!collections || typeof collections !== 'object') return { collections: {}, problems: [`${rel(INDEXES_FILE)} has no "collections" object`] }
  for (const [name, def] of Object.entries(collections)) {
    if (!Array.isArray(def?.indexes)) {
      problems.push(`indexes.json: collection "${name}" has no "indexes" array`)
      continue
    }
    const seen = new Set()
    for (const idx of def.indexes) {
      const label = `indexes.json: ${name}.${idx?.name ?? '?'}`
      if (typeof idx?.name !== 'string' || !idx.name) problems.push(`${label}: index without a name`)
      else if (seen.has(idx.name)) problems.push(`${label}: duplicate index name`)
      seen.add(idx?.name)
      if (!Array.isArray(idx?.keys) || !idx.keys.length) problems.push(`${label}: "keys" must be a non-empty array`)
      else for (const k of idx.keys) {
        if (typeof k?.field !== 'string' || !k.field) problems.push(`${label}: a key without "field"`)
        if (k?.direction !== 1 && k?.direction !== -1) problems.push(`${label}: key "${k?.field}" direction must be 1 or -1`)
      }
      if (typeof idx?.unique !== 'boolean') problems.push(`${label}: "unique" must be true or false`)
    }
  }
  return { collections, problems }
}

function printIndexes(collections) {
  const names = Object.keys(collections)
  console.log(`\nDatabase — create these ${names.length} collections and their indexes in the 云开发 console`)
  console.log(`(数据库 → 添加集合; then 索引管理 → 添加索引). Source: ${rel(INDEXES_FILE)}; _id is indexed already.`)
  for (const name of names) {
    console.log(`\n  ${name}`)
    const indexes = collections[name].indexes ?? []
    if (!indexes.length) console.log('    (no extra indexes)')
    for (const idx of indexes) {
      const keys = idx.keys.map((k) => `${k.field} ${k.direction === 1 ? '升序' : '降序'}`).join(', ')
      console.log(`    ${idx.name.padEnd(26)} ${idx.unique ? '唯一 ' : '非唯一'}  ${keys}`)
    }
  }
  console.log(`\n  Permissions (${rel(DB_RULES_FILE)}): set every collection's 数据权限 to the custom rule`)
  console.log('  { "read": false, "write": false } — the mini-program reaches data only through the cloud functions.')
  if (existsSync(STORAGE_RULES_FILE)) {
    console.log(`\n  Storage (云存储 → 权限设置 → 自定义安全规则, from ${rel(STORAGE_RULES_FILE)}):`)
    console.log(readFileSync(STORAGE_RULES_FILE, 'utf8').trim().replace(/^/gm, '    '))
  }
}

/** Every collection needs a database rule denying clients, and the storage rule must be there. */
function checkSecurityRules(collections) {
  const problems = []
  let rules
  try {
    rules = JSON.parse(readFileSync(DB_RULES_FILE, 'utf8')).collections ?? {}
  } catch (err) {
    return [`${rel(DB_RULES_FILE)} is missing or not valid JSON: ${err.message}`]
  }
  for (const name of Object.keys(collections)) {
    const rule = rules[name]
    if (!rule) problems.push(`${rel(DB_RULES_FILE)}: no rule for collection "${name}"`)
    else if (rule.read !== false || rule.write !== false) problems.push(`${rel(DB_RULES_FILE)}: "${name}" must be { "read": false, "write": false }`)
  }
  try {
    const storage = JSON.parse(readFileSync(STORAGE_RULES_FILE, 'utf8'))
    if (typeof storage.read !== 'string' || typeof storage.write !== 'string') problems.push(`${rel(STORAGE_RULES_FILE)}: "read" and "write" must be rule expressions`)
  } catch (err) {
    problems.push(`${rel(STORAGE_RULES_FILE)} is missing or not valid JSON: ${err.message}`)
  }
  return problems
}

// ------------------------------------------------------------------------------------ packages

function dirSize(dir, skip = () => false) {
  let total = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (skip(p)) continue
    if (entry.isDirectory()) total += dirSize(p, skip)
    else if (entry.isFile()) total += statSync(p).size
  }
  return total
}

function checkWeapp(problems, notes) {
  if (!existsSync(WEAPP_DIR)) {
    problems.push(`${rel(WEAPP_DIR)} does not exist — run \`npm run build:weapp\``)
    return
  }
  const appJsonPath = path.join(WEAPP_DIR, 'app.json')
  if (!existsSync(appJsonPath)) {
    problems.push(`${rel(appJsonPath)} is missing — not a built mini-program`)
    return
  }
  let appJson
  try {
    appJson = JSON.parse(readFileSync(appJsonPath, 'utf8'))
  } catch (err) {
    problems.push(`${rel(appJsonPath)} is not valid JSON: ${err.message}`)
    return
  }
  const subRoots = [...(appJson.subPackages ?? []), ...(appJson.subpackages ?? [])].map((s) => path.join(WEAPP_DIR, s.root))
  const total = dirSize(WEAPP_DIR)
  const main = dirSize(WEAPP_DIR, (p) => subRoots.some((r) => p === r || p.startsWith(r + path.sep)))
  notes.push(`mini-program ${rel(WEAPP_DIR)}: main package ${fmt(main)} (limit ${fmt(LIMITS.mainPackage)}), total ${fmt(total)}`)
  if (main > LIMITS.mainPackage) problems.push(`main package is ${fmt(main)}, over WeChat's ${fmt(LIMITS.mainPackage)} limit — move pages into subpackages`)
  if (total > LIMITS.total) problems.push(`mini-program is ${fmt(total)} in total, over ${fmt(LIMITS.total)}`)
  for (const root of subRoots) {
    if (!existsSync(root)) continue
    const size = dirSize(root)
    if (size > LIMITS.subPackage) problems.push(`subpackage ${rel(root)} is ${fmt(size)}, over ${fmt(LIMITS.subPackage)}`)
  }
  if (!existsSync(path.join(WEAPP_DIR, 'project.config.json'))) {
    notes.push(`${rel(WEAPP_DIR)}/project.config.json is absent; miniprogram-ci will use its default compile settings`)
  }
}

/** Loads a bundle with a stand-in for wx-server-sdk (not installed locally) to see what it exports. */
function loadBundle(file) {
  const require = createRequire(import.meta.url)
  const stub = { init() {}, DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'), database() { throw new Error('stub') }, getWXContext: () => ({}) }
  const originalLoad = Module._load
  Module._load = function (request, ...rest) {
    if (request === 'wx-server-sdk') return stub
    return originalLoad.call(this, request, ...rest)
  }
  try {
    delete require.cache[file]
    return require(file)
  } finally {
    Module._load = originalLoad
  }
}

function checkFunctions(problems, notes) {
  const sources = existsSync(FUNCTIONS_SRC)
    ? readdirSync(FUNCTIONS_SRC, { withFileTypes: true })
        .filter((e) => e.isDirectory() && e.name !== 'kernel' && existsSync(path.join(FUNCTIONS_SRC, e.name, 'index.ts')))
        .map((e) => e.name)
    : []
  if (!existsSync(FUNCTIONS_DIST)) {
    problems.push(`${rel(FUNCTIONS_DIST)} does not exist — run \`npm run build:functions\``)
    return []
  }
  const built = readdirSync(FUNCTIONS_DIST, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)
  for (const name of sources) if (!built.includes(name)) problems.push(`cloud function "${name}" is not built — run \`npm run build:functions\``)
  const names = flags.only.length ? flags.only : built
  const ok = []
  for (const name of names) {
    const dir = path.join(FUNCTIONS_DIST, name)
    const before = problems.length
    if (!existsSync(dir)) {
      problems.push(`cloud function "${name}" is not in ${rel(FUNCTIONS_DIST)}`)
      continue
    }
    const index = path.join(dir, 'index.js')
    if (!existsSync(index)) problems.push(`${rel(index)} is missing`)
    else {
      try {
        const mod = loadBundle(index)
        if (typeof mod?.main !== 'function') problems.push(`${rel(index)} does not export main(event, context)`)
        if (!mod?.contract || typeof mod.contract !== 'object' || !mod.contract.actions) problems.push(`${rel(index)} does not export its contract`)
      } catch (err) {
        problems.push(`${rel(index)} fails to load: ${err.message}`)
      }
    }
    const pkgPath = path.join(dir, 'package.json')
    if (!existsSync(pkgPath)) problems.push(`${rel(pkgPath)} is missing`)
    else {
      try {
        const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'))
        const deps = Object.keys(pkg.dependencies ?? {})
        if (deps.length !== 1 || deps[0] !== 'wx-server-sdk') problems.push(`${rel(pkgPath)} must depend on wx-server-sdk only (has: ${deps.join(', ') || 'nothing'})`)
        if (pkg.devDependencies && Object.keys(pkg.devDependencies).length) problems.push(`${rel(pkgPath)} must not list devDependencies`)
      } catch (err) {
        problems.push(`${rel(pkgPath)} is not valid JSON: ${err.message}`)
      }
    }
    const configPath = path.join(dir, 'config.json')
    if (existsSync(configPath)) {
      try {
        const config = JSON.parse(readFileSync(configPath, 'utf8'))
        for (const t of config.triggers ?? []) {
          if (!t?.name || t.type !== 'timer' || typeof t.config !== 'string') problems.push(`${rel(configPath)}: trigger ${JSON.stringify(t)} needs name, type "timer" and a cron config`)
        }
      } catch (err) {
        problems.push(`${rel(configPath)} is not valid JSON: ${err.message}`)
      }
    }
    if (existsSync(index)) notes.push(`cloud function ${name}: index.js ${fmt(statSync(index).size)}`)
    if (problems.length === before) ok.push(name)
  }
  return ok
}

// ------------------------------------------------------------------------------------ upload

async function upload(functionNames, env) {
  const require = createRequire(import.meta.url)
  const ci = require('miniprogram-ci')
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
  const version = env.WX_VERSION || pkg.version
  const desc = env.WX_DESC || `文明同行 ${version}`
  const project = new ci.Project({
    appid: env.WX_APPID,
    type: 'miniProgram',
    projectPath: WEAPP_DIR,
    privateKeyPath: path.resolve(env.WX_PRIVATE_KEY_PATH),
    ignores: ['node_modules/**/*', '**/*.map'],
  })

  if (!flags.skipWeapp) {
    console.log(`\nUploading mini-program ${version} (${desc}) …`)
    const result = await ci.upload({
      project,
      version,
      desc,
      robot: env.WX_ROBOT ? Number(env.WX_ROBOT) : 1,
      setting: { es6: true, es7: true, minify: true, autoPrefixWXSS: true },
      onProgressUpdate: (task) => {
        if (typeof task === 'string') console.log(`  ${task}`)
        else if (task?.status === 'done') console.log(`  ${task.message}`)
      },
    })
    const subs = (result.subPackageInfo ?? []).map((s) => `${s.name} ${fmt(s.size)}`).join(', ')
    console.log(`  uploaded${subs ? `: ${subs}` : ''}`)
  }

  if (!flags.skipFunctions) {
    for (const name of functionNames) {
      const dir = path.join(FUNCTIONS_DIST, name)
      console.log(`\nUploading cloud function ${name} to ${env.WX_CLOUD_ENV} (remote npm install of wx-server-sdk) …`)
      const r = await ci.cloud.uploadFunction({ project, env: env.WX_CLOUD_ENV, name, path: dir, remoteNpmInstall: true })
      console.log(`  ${r.filesCount} file(s), ${fmt(r.packSize)}`)
      const configPath = path.join(dir, 'config.json')
      const triggers = existsSync(configPath) ? JSON.parse(readFileSync(configPath, 'utf8')).triggers ?? [] : []
      if (triggers.length) {
        const msg = await ci.cloud.createTimeTrigger({
          project,
          envId: env.WX_CLOUD_ENV,
          functionName: name,
          triggersConfig: triggers.map((t) => ({ name: t.name, type: 'timer', config: t.config })),
        })
        console.log(`  timer triggers (${triggers.map((t) => t.name).join(', ')}): ${msg}`)
      }
    }
  }
}

// ------------------------------------------------------------------------------------ main

async function main() {
  const { collections, problems: indexProblems } = readIndexes()
  indexProblems.push(...checkSecurityRules(collections))
  if (flags.printIndexes) {
    if (indexProblems.length) {
      for (const p of indexProblems) console.error(`✗ ${p}`)
      process.exit(1)
    }
    printIndexes(collections)
    return
  }

  const problems = [...indexProblems]
  const notes = []
  if (!flags.skipWeapp) checkWeapp(problems, notes)
  const functionNames = flags.skipFunctions ? [] : checkFunctions(problems, notes)

  if (!indexProblems.length) printIndexes(collections)
  console.log('\nPackage checks:')
  for (const n of notes) console.log(`  · ${n}`)
  if (problems.length) {
    console.log(`\n✗ ${problems.length} problem(s):`)
    for (const p of problems) console.log(`  ✗ ${p}`)
    process.exit(1)
  }
  console.log('  ✓ packages are valid')

  const env = process.env
  const required = {
    WX_APPID: 'the mini-program AppID (wx…)',
    WX_PRIVATE_KEY_PATH: 'path to the code-upload private key (微信公众平台 → 开发管理 → 开发设置 → 小程序代码上传)',
    WX_CLOUD_ENV: 'the 云开发 environment id the functions deploy to',
  }
  const missing = Object.keys(required).filter((k) => !env[k])
  if (flags.check || missing.length) {
    if (missing.length) {
      console.log('\nNot uploading — missing environment variables:')
      for (const k of missing) console.log(`  ${k.padEnd(20)} ${required[k]}`)
      console.log('Optional: WX_VERSION (default package.json version), WX_DESC, WX_ROBOT (1–30).')
    } else {
      console.log('\n--check: validation only, nothing uploaded.')
    }
    return
  }
  if (!existsSync(path.resolve(env.WX_PRIVATE_KEY_PATH))) {
    console.error(`\n✗ WX_PRIVATE_KEY_PATH points to ${env.WX_PRIVATE_KEY_PATH}, which does not exist`)
    process.exit(1)
  }
  await upload(functionNames, env)
  console.log('\nDone. Remember the database collections and indexes above if this environment is new.')
}

main().catch((err) => {
  console.error(`\n✗ deploy failed: ${err?.message ?? err}`)
  process.exit(1)
})
