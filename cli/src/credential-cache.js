// Credentials cached per portal and role request, in the secure store. Reused only while more than
// 15 minutes remain: botocore asks its credential_process again when 15 minutes are left
// (botocore/credentials.py, RefreshableCredentials: _advisory_refresh_timeout = 15 * 60) — credentials
// with less would make it call again on every request; the JS SDK v3 asks at 5 minutes.
// The entry keys are not hashed with node:crypto on purpose: the warm `credential-process` path
// computes them before every AWS command, and loading node:crypto alone cost it about 5 ms (bench
// part 7). A key is not a security boundary: an entry also stores the request it answers, and is
// handed out only for that exact request, so two requests that share a key share only a miss.

export const REUSE_MARGIN_MS = 15 * 60 * 1000;

/** @typedef {import('./secure-store.js').SecureStore} SecureStore */
/** @typedef {{ accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: string; region: string; assumedRoleArn: string; roleArn: string }} CachedCredentials */
/** @typedef {{ name: string; request: string }} CacheEntry where a request's credentials are kept, and the request itself */

/** 16 hex characters from two 32-bit FNV-1a-style lanes. @param {string} text */
export function shortKey(text) {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** @param {string} url */
export const cachePrefix = (url) => `cred-${shortKey(url)}-`;

/** @param {string} url @param {{ role: string; durationSeconds?: number | undefined; region?: string | undefined }} req @returns {CacheEntry} */
export function cacheEntry(url, req) {
  const request = JSON.stringify([url, req.role, req.durationSeconds ?? null, req.region ?? null]);
  return { name: `${cachePrefix(url)}${shortKey(request)}`, request };
}

/** Whether cached credentials may still be handed out. Pure. @param {string} expiration @param {number} now */
export function stillFresh(expiration, now) {
  const t = Date.parse(expiration);
  return Number.isFinite(t) && t - now > REUSE_MARGIN_MS;
}

/** Fresh credentials cached for exactly this request, or null. @param {SecureStore} store @param {CacheEntry} entry @param {number} [now] @returns {CachedCredentials | null} */
export function readCached(store, entry, now = Date.now()) {
  const raw = store.get(entry.name);
  if (!raw) return null;
  try {
    const { request, ...c } = JSON.parse(raw);
    return request === entry.request && typeof c.expiration === 'string' && stillFresh(c.expiration, now) ? c : null;
  } catch {
    return null;
  }
}

/** @param {SecureStore} store @param {CacheEntry} entry @param {CachedCredentials} c @param {number} [now] */
export function writeCached(store, entry, c, now = Date.now()) {
  if (stillFresh(c.expiration, now)) store.set(entry.name, JSON.stringify({ ...c, request: entry.request }));
  else store.delete(entry.name);
}
