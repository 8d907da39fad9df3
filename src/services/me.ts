/**
 * The caller's own record (`user.me`), fetched once per identity and shared by every screen that needs the
 * OPENID (photo upload paths) or the unit a handler belongs to.
 */
import { callAction, type ClientEnvelope, type OutputOf } from './cloud'
import { getDevUser } from './devIdentity'

export type Me = OutputOf<'user', 'me'>

const cache = new Map<string, Promise<ClientEnvelope<Me>>>()

const identityKey = (): string => (process.env.TARO_ENV === 'h5' ? getDevUser() : 'wechat')

/** The caller's record; a failed call is not cached, so the next one retries. */
export function getMe(): Promise<ClientEnvelope<Me>> {
  const key = identityKey()
  let pending = cache.get(key)
  if (!pending) {
    pending = callAction('user', 'me', {}).then((res) => {
      if (!res.ok) cache.delete(key)
      return res
    })
    cache.set(key, pending)
  }
  return pending
}

/** The storage key of something kept per user on this device (H5 switches identities in one browser). */
export function perUserKey(base: string): string {
  return process.env.TARO_ENV === 'h5' ? `${base}.${getDevUser()}` : base
}
