// Pure: Keyport's broker signing keys over time — which key signs now, which keys the JWKS
// publishes, and what a rotation does. The rules (DESIGN.md "Trust boundaries"; the issue's
// "Rotation"):
//   - a new key is published before it signs: `signsFrom` is in the future when it is added, so
//     AWS, which caches an issuer's JWKS, already holds it when the first token it signs arrives
//     (STS fetches the JWKS from the issuer's discovery document: IAM User Guide, "Create an
//     OpenID Connect (OIDC) identity provider in IAM",
//     https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html);
//   - the signing key is the one with the latest `signsFrom` not in the future;
//   - a key stops signing when a newer one starts, and stays published until every token it
//     signed has expired (that moment + the longest token lifetime + clock leeway), then it is
//     dropped from the JWKS and, at the next rotation, from the key file.
import type { JWK } from 'jose';

export const BROKER_ALGORITHMS = ['ES256', 'RS256'] as const;
export type BrokerAlgorithm = (typeof BROKER_ALGORITHMS)[number];

export interface BrokerKey {
  kid: string;
  alg: BrokerAlgorithm;
  /** The private JWK (never logged, never stored outside the key file or env). */
  privateJwk: JWK;
  /** The public half, as published. */
  publicJwk: JWK;
  createdAt: string;
  signsFrom: string;
}

export interface BrokerKeySet {
  keys: BrokerKey[];
}

/** Tokens are valid for at most this long (the issue: ≤ 5 minutes). */
export const MAX_TOKEN_LIFETIME_SECONDS = 300;
/** Clock difference between Keyport and STS that a retired key still covers. */
export const RETIREMENT_LEEWAY_SECONDS = 300;

const ms = (iso: string) => Date.parse(iso);

function bySignsFrom(set: BrokerKeySet): BrokerKey[] {
  return [...set.keys].sort((a, b) => ms(a.signsFrom) - ms(b.signsFrom) || a.kid.localeCompare(b.kid));
}

/** The key that signs at `now`, or undefined when none has started (a fresh set still being published). */
export function signingKeyAt(set: BrokerKeySet, now: Date): BrokerKey | undefined {
  return bySignsFrom(set)
    .filter((k) => ms(k.signsFrom) <= now.getTime())
    .pop();
}

/** When a key stops being published: never (undefined) while it signs or has not signed yet. */
export function retiresAt(set: BrokerKeySet, key: BrokerKey, now: Date): Date | undefined {
  const signer = signingKeyAt(set, now);
  if (signer === undefined || ms(key.signsFrom) >= ms(signer.signsFrom)) return undefined;
  // It stopped signing when the next key (in signsFrom order) started.
  const ordered = bySignsFrom(set);
  const next = ordered[ordered.findIndex((k) => k.kid === key.kid) + 1];
  if (next === undefined) return undefined;
  return new Date(ms(next.signsFrom) + (MAX_TOKEN_LIFETIME_SECONDS + RETIREMENT_LEEWAY_SECONDS) * 1000);
}

/** The keys the JWKS publishes at `now`: the signer, every key still to sign, and retired keys until they retire. */
export function publishedKeysAt(set: BrokerKeySet, now: Date): BrokerKey[] {
  return bySignsFrom(set).filter((k) => {
    const until = retiresAt(set, k, now);
    return until === undefined || now.getTime() < until.getTime();
  });
}

/** The JWKS document (RFC 7517 §5) of the published keys. */
export function jwksOf(set: BrokerKeySet, now: Date): { keys: JWK[] } {
  return { keys: publishedKeysAt(set, now).map((k) => ({ ...k.publicJwk, kid: k.kid, alg: k.alg, use: 'sig' })) };
}

/**
 * A rotation: `fresh` is added and starts signing `leadSeconds` from now (published first); keys
 * past their retirement are dropped. A lead of 0 is for a set with no key yet.
 */
export function rotateKeySet(set: BrokerKeySet, fresh: Omit<BrokerKey, 'signsFrom' | 'createdAt'>, now: Date, leadSeconds: number): BrokerKeySet {
  if (set.keys.some((k) => k.kid === fresh.kid)) throw new Error(`key ${fresh.kid} is already in the set`);
  if (set.keys.length > 0 && leadSeconds <= 0) throw new Error('a new key must be published before it signs: give a lead time above 0');
  const kept = publishedKeysAt(set, now);
  return {
    keys: [...kept, { ...fresh, createdAt: now.toISOString(), signsFrom: new Date(now.getTime() + leadSeconds * 1000).toISOString() }],
  };
}
