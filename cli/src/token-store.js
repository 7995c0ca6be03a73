// The CLI's sign-in for one portal: the access and refresh tokens and when they end, kept in the
// secure store (keychain or 0600 file), never printed.
import { keyOf } from './portal-key.js';

/** @typedef {{ accessToken: string; accessExpiresAt: number; refreshToken: string; refreshExpiresAt: number }} StoredTokens */
/** @typedef {import('./secure-store.js').SecureStore} SecureStore */

/** @param {string} url */
const nameOf = (url) => `tokens-${keyOf(url)}`;

/** @param {SecureStore} store @param {string} url @returns {StoredTokens | null} */
export function readTokens(store, url) {
  const raw = store.get(nameOf(url));
  if (!raw) return null;
  try {
    const t = JSON.parse(raw);
    return typeof t.accessToken === 'string' && typeof t.refreshToken === 'string' ? t : null;
  } catch {
    return null;
  }
}

/** @param {SecureStore} store @param {string} url @param {{ access_token: string; expires_in: number; refresh_token: string; refresh_token_expires_in: number }} set @param {number} [now] */
export function saveTokens(store, url, set, now = Date.now()) {
  /** @type {StoredTokens} */
  const t = { accessToken: set.access_token, accessExpiresAt: now + set.expires_in * 1000, refreshToken: set.refresh_token, refreshExpiresAt: now + set.refresh_token_expires_in * 1000 };
  store.set(nameOf(url), JSON.stringify(t));
  return t;
}

/** @param {SecureStore} store @param {string} url */
export function deleteTokens(store, url) {
  store.delete(nameOf(url));
}
