#!/usr/bin/env node
// Installs what the end-to-end tests need that npm cannot: Debian's chromium and CJK fonts
// and emoji (so screenshots show Chinese and the category icons). Idempotent: does nothing when they are already there.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const hasFonts = () => {
  try {
    const cjk = execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim().length > 0
    return cjk && /Noto Color Emoji/.test(execFileSync('fc-list', { encoding: 'utf8' }))
  } catch {
    return false
  }
}

if (existsSync(CHROMIUM) && hasFonts()) {
  console.log(`setup:test — chromium (${CHROMIUM}) and CJK + emoji fonts already present`)
  process.exit(0)
}
if (process.getuid && process.getuid() !== 0) {
  console.error('setup:test — chromium or CJK fonts missing; run as root or: sudo apt-get install -y chromium fonts-noto-cjk')
  process.exit(1)
}
const apt = (...args) =>
  execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
console.log('setup:test — installing chromium and CJK fonts from Debian packages …')
apt('update', '-qq')
apt('install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-noto-cjk', 'fonts-noto-color-emoji', 'fontconfig')
console.log('setup:test — done')
