#!/usr/bin/env node
// Every check the project has, in the order CI runs them: typecheck, lint, builds, unit and
// integration tests (jest against devcloud), then end-to-end tests in a real browser.
// Prints one closing line "tests: N passed, N failed" and exits non-zero if anything failed.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, existsSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const tmp = path.join(root, '.tmp')
mkdirSync(tmp, { recursive: true })

const steps = [
  { name: 'typecheck', cmd: ['npx', 'tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'lint', cmd: ['npx', 'eslint', '.', '--max-warnings=0'] },
  { name: 'build:functions', cmd: ['npm', 'run', '--silent', 'build:functions'] },
  { name: 'build:h5', cmd: ['npm', 'run', '--silent', 'build:h5'] },
  { name: 'build:weapp', cmd: ['npm', 'run', '--silent', 'build:weapp'] },
  { name: 'unit', cmd: ['npx', 'jest', '-c', 'config/jest.config.js', '--json', `--outputFile=${tmp}/jest-unit.json`], report: `${tmp}/jest-unit.json` },
  { name: 'e2e', cmd: ['npx', 'jest', '-c', 'config/jest.e2e.config.js', '--runInBand', '--json', `--outputFile=${tmp}/jest-e2e.json`], report: `${tmp}/jest-e2e.json`, needs: ['build:functions', 'build:h5'] },
]

const only = process.argv.slice(2)
const results = []
let passed = 0
let failed = 0
for (const step of steps) {
  if (only.length && !only.includes(step.name)) continue
  const blocked = (step.needs || []).filter((n) => results.find((r) => r.name === n && !r.ok))
  if (blocked.length) {
    results.push({ name: step.name, ok: false, note: `skipped: ${blocked.map((r) => r.name).join(', ')} failed` })
    continue
  }
  console.log(`\n=== ${step.name}: ${step.cmd.join(' ')}`)
  const started = Date.now()
  const run = spawnSync(step.cmd[0], step.cmd.slice(1), { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  let note = `${seconds}s`
  if (step.report && existsSync(step.report)) {
    const r = JSON.parse(readFileSync(step.report, 'utf8'))
    passed += r.numPassedTests
    failed += r.numFailedTests
    note += `, ${r.numPassedTests} passed, ${r.numFailedTests} failed`
    if (r.numFailedTests === 0 && run.status !== 0 && r.numRuntimeErrorTestSuites > 0) note += `, ${r.numRuntimeErrorTestSuites} suites failed to run`
  }
  results.push({ name: step.name, ok: run.status === 0, note })
}

console.log('\n=== summary')
for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name.padEnd(16)} ${r.note}`)
const stepFailures = results.filter((r) => !r.ok).length
console.log(`tests: ${passed} passed, ${failed} failed`)
process.exit(stepFailures ? 1 : 0)
