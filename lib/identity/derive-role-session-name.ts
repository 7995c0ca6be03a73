import { createHash } from 'node:crypto';

export const ROLE_SESSION_NAME_MIN_LENGTH = 2;
export const ROLE_SESSION_NAME_MAX_LENGTH = 64;

/** What STS accepts in RoleSessionName: `[\w+=,.@-]`, 2–64 characters. */
export const ROLE_SESSION_NAME_PATTERN = /^[\w+=,.@-]{2,64}$/;

const SUFFIX_HEX_LENGTH = 12;

export class RoleSessionNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoleSessionNameError';
  }
}

/**
 * The RoleSessionName for a person, derived from their verified identity so it is never
 * user-chosen and is the same for that person on every issuance. It appears in the assumed-role
 * ARN and in every CloudTrail event made with the credentials, and per-person revocation matches
 * on it, so it has to be readable, stable and distinct per person.
 *
 * Only attributes the person cannot edit at the IdP may name them: pass `verifiedEmail` only when
 * the IdP vouched for it (`email_verified`, or a SAML assertion's directory attribute). Never
 * preferred_username: many IdPs let people change it, so it would let someone take another
 * person's session name, and with it their audit trail and revocations (security review).
 *
 * Rules, and why:
 *  1. Prefer the verified email, then sub: email is what people and CloudTrail searches
 *     recognise; sub is opaque but always present, unique per IdP and never user-editable.
 *  2. Decompose (NFKD) and drop combining marks, so `José` reads `jose` rather than `jos-`.
 *  3. Every character STS does not allow (`[\w+=,.@-]` only) becomes `-`; runs of `-` collapse and
 *     leading/trailing `-` go: `a/b` → `a-b`, `Jane Doe` → `jane-doe`. `/` and spaces would be
 *     rejected by STS; allowing nothing else also keeps the name inert wherever it is shown.
 *  4. Email is lowercased, sub is not: IdPs return `Alice@Example.com` on
 *     one login and `alice@example.com` on the next, while sub is case-sensitive by spec.
 *  5. If rule 2–3 changed anything beyond ASCII case, or the name is longer than 64, the result
 *     gets `-` + the first 12 hex of sha256(claim): a lossy mapping would otherwise let two
 *     different people (`jose@x` and `josé@x`, `a b` and `a/b`, or emails sharing a 64-char prefix)
 *     share a session name, and with it each other's audit trail and revocations. Names that were
 *     already valid stay exactly as they are.
 *  6. A candidate that leaves fewer than 2 characters is skipped; if none is usable the name is
 *     `user-<first 12 hex of sha256(sub)>`, still stable per person.
 */
export function deriveRoleSessionName({ verifiedEmail, sub }: { verifiedEmail?: string | null | undefined; sub: string }): string {
  if (typeof sub !== 'string' || sub.length === 0) {
    throw new RoleSessionNameError('Cannot derive a RoleSessionName: the identity has no subject (sub)');
  }

  const candidates: Array<{ value: string | null | undefined; caseInsensitive: boolean }> = [
    { value: verifiedEmail, caseInsensitive: true },
    { value: sub, caseInsensitive: false },
  ];
  for (const { value, caseInsensitive } of candidates) {
    if (typeof value !== 'string' || value.trim().length === 0) continue;
    const name = sessionNameFrom({ claim: value, caseInsensitive });
    if (name !== null) return name;
  }
  return `user-${sha256Hex(sub).slice(0, SUFFIX_HEX_LENGTH)}`;
}

function sessionNameFrom({ claim, caseInsensitive }: { claim: string; caseInsensitive: boolean }): string | null {
  const cleaned = claim
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\w+=,.@-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  const base = caseInsensitive ? cleaned.toLowerCase() : cleaned;
  if (base.length < ROLE_SESSION_NAME_MIN_LENGTH) return null;

  // Only ASCII case folding counts as lossless: `toLowerCase` maps some non-ASCII letters (the
  // Kelvin sign) onto ASCII ones, which would otherwise make two claims look identical.
  const expected = caseInsensitive ? claim.replace(/[A-Z]/g, (c) => c.toLowerCase()) : claim;
  if (base === expected && base.length <= ROLE_SESSION_NAME_MAX_LENGTH) return base;

  // Hash the claim as given (canonically composed, ASCII-lowercased when case-insensitive) so the
  // suffix is stable for the person and differs between claims that sanitise alike.
  const suffix = `-${sha256Hex(expected.normalize('NFC')).slice(0, SUFFIX_HEX_LENGTH)}`;
  const head = base.slice(0, ROLE_SESSION_NAME_MAX_LENGTH - suffix.length).replace(/-+$/, '');
  return `${head}${suffix}`;
}

function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
