// Credentials cached per portal and role request, in the secure store. Reused only while more than
// 15 minutes remain: botocore asks its credential_process again when 15 minutes are left
// (botocore/credentials.py, RefreshableCredentials: _advisory_refresh_timeout = 15 * 60) — credentials
// with less would make it call again on every request; the JS SDK v3 asks at 5 minutes.
import { keyOf } from './portal-key.js';

export const REUSE_MARGIN_MS = 15 * 60 * 1000;

/** @typedef {import('./secure-store.js').SecureStore} SecureStore */
/** @typedef {{ accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: string; region: string; assumedRoleArn: string; roleArn: string }} CachedCredentials */

/** @param {string} url */
export const cachePrefix = (url) => `cred-${keyOf(url)}-`;

/** @param {string} url @param {{ role: string; durationSeconds?: number | undefined; region?: string | undefined }} req */
export function cacheName(url, req) {
  return `${cachePrefix(url)}${keyOf(req.role, String(req.durationSeconds ?? ''), req.region ?? '')}`;
}

/** Whether cached credentials may still be handed out. Pure. @param {string} expiration @param {number} now */
export function stillFresh(expiration, now) {
  const t = Date.parse(expiration);
  return Number.isFinite(t) && t - now > REUSE_MARGIN_MS;
}

/** @param {SecureStore} store @param {string} name @param {number} [now] @returns {CachedCredentials | null} */
export function readCached(store, name, now = Date.now()) {
  const raw = store.get(name);
  if (!raw) return null;
  try {
    const c = JSON.parse(raw);
    return c && typeof c.expiration === 'string' && stillFresh(c.expiration, now) ? c : null;
  } catch {
    return null;
  }
}

/** @param {SecureStore} store @param {string} name @param {CachedCredentials} c @param {number} [now] */
export function writeCached(store, name, c, now = Date.now()) {
  if (stillFresh(c.expiration, now)) store.set(name, JSON.stringify(c));
  else store.delete(name);
}
