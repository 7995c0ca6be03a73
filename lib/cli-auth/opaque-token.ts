// Opaque bearer values for the CLI (access and refresh tokens, authorization and device codes):
// 32 random bytes, base64url, with a prefix that names what they are (so a leaked one is
// recognisable in a log or a secret scanner). Only their SHA-256 is ever stored. Pure.
import { createHash, randomBytes } from 'node:crypto';

export type OpaqueKind = 'kpa' | 'kpr' | 'kpc' | 'kpd';

/** kpa_: access token, kpr_: refresh token, kpc_: authorization code, kpd_: device code. */
export function newOpaqueToken(kind: OpaqueKind): string {
  return `${kind}_${randomBytes(32).toString('base64url')}`;
}

export function hashOpaqueToken(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('base64url');
}

/** A value of the given kind as newOpaqueToken makes it (the rest is never parsed). */
export function looksLikeOpaqueToken(value: string, kind: OpaqueKind): boolean {
  return value.length === kind.length + 1 + 43 && value.startsWith(`${kind}_`) && /^[A-Za-z0-9_-]+$/.test(value);
}
