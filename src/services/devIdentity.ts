/**
 * Dev identity (H5 only). devcloud names the caller by the `X-Dev-User` header in dev mode; the H5 app lets
 * the tester pick who they are. The choice lives in localStorage and can be forced with `?as=<id>` in the
 * URL (before or after the `#`), which end-to-end tests use. Nothing here runs at import time, so the
 * mini-program (which never calls it) is unaffected.
 */
import type { Role } from '@/domain/core/roles'

export interface DevUser {
  id: string
  role: Role
  label: string
}

export const DEV_USERS: readonly DevUser[] = [
  { id: 'demo-resident', role: 'resident', label: '市民' },
  { id: 'demo-volunteer', role: 'volunteer', label: '志愿者' },
  { id: 'demo-staff', role: 'staff', label: '创城办' },
  { id: 'demo-unit', role: 'unit', label: '责任单位' },
  { id: 'demo-admin', role: 'admin', label: '管理员' },
]

export const DEFAULT_DEV_USER = 'demo-resident'
const STORAGE_KEY = 'wenming.devUser'
const VALID_ID = /^[A-Za-z0-9_.:-]{1,64}$/

let current: string | null = null
let watching = false
const listeners = new Set<() => void>()

function hasWindow(): boolean {
  return typeof window !== 'undefined' && typeof window.location !== 'undefined'
}

/** `as` from `?as=` in the search part or in the hash's own query (`#/pages/x/index?as=…`). */
function readAsFromUrl(): string | null {
  if (!hasWindow()) return null
  const { search, hash } = window.location
  const candidates = [search, hash.includes('?') ? hash.slice(hash.indexOf('?')) : '']
  for (const query of candidates) {
    if (!query) continue
    const value = new URLSearchParams(query).get('as')
    if (value && VALID_ID.test(value)) return value
  }
  return null
}

function readStored(): string | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY)
    return value && VALID_ID.test(value) ? value : null
  } catch {
    return null
  }
}

function store(id: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, id)
  } catch {
    // private mode: the choice lasts for this page only
  }
}

function emit(): void {
  listeners.forEach((listener) => listener())
}

/** A later `?as=` (same-document navigation, e.g. a test calling goto with a new hash) switches too. */
function watchUrl(): void {
  if (watching || !hasWindow()) return
  watching = true
  const onNavigate = () => {
    const fromUrl = readAsFromUrl()
    if (fromUrl && fromUrl !== current) setDevUser(fromUrl)
  }
  window.addEventListener('hashchange', onNavigate)
  window.addEventListener('popstate', onNavigate)
}

/** The dev identity sent as `X-Dev-User`. */
export function getDevUser(): string {
  if (current) return current
  if (!hasWindow()) return DEFAULT_DEV_USER
  const fromUrl = readAsFromUrl()
  if (fromUrl) store(fromUrl)
  current = fromUrl ?? readStored() ?? DEFAULT_DEV_USER
  watchUrl()
  return current
}

export function setDevUser(id: string): void {
  if (!VALID_ID.test(id) || id === getDevUser()) return
  current = id
  if (hasWindow()) store(id)
  emit()
}

export function subscribeDevUser(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

export function describeDevUser(id: string): string {
  return DEV_USERS.find((u) => u.id === id)?.label ?? '自定义'
}
