// Session tags and SourceIdentity carried by a web identity token or SAML assertion, validated as
// STS does before it evaluates the trust policy:
//   - the `https://aws.amazon.com/tags` claim: an object with `principal_tags` (key → [value]) and
//     optional `transitive_tag_keys` (each one a key of principal_tags) — IAM User Guide, "Passing
//     session tags using AssumeRoleWithWebIdentity"
//     (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_adding-assume-role-idp);
//   - at most 50 tags, keys ≤ 128 and values ≤ 256 characters, keys unique case-insensitively,
//     no `aws:` prefix, characters `[\p{L}\p{Z}\p{N}_.:/=+\-@]` (same page, "Things to know about
//     session tags"; STS API Reference, Tag);
//   - policies and tags together packed within the session's budget (PackedPolicyTooLarge);
//   - SourceIdentity 2–64 characters of `[\w+=,.@-]`, not starting with `aws:` (STS API Reference,
//     AssumeRole SourceIdentity; "Monitor and control actions taken with assumed roles").
// And the condition keys they put in the request: aws:RequestTag/<key>, aws:TagKeys,
// sts:TransitiveTagKeys, sts:SourceIdentity (IAM User Guide, "AWS global condition context keys"
// and "Available keys for AWS STS").
import { invalidIdentityToken, packedPolicyTooLarge } from './errors';
import type { ContextValue } from './policy';
import { PACKED_POLICY_BUDGET } from './session-policy';

export const TAGS_CLAIM = 'https://aws.amazon.com/tags';
export const SOURCE_IDENTITY_CLAIM = 'https://aws.amazon.com/source_identity';
const KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;
const SOURCE_IDENTITY = /^[\w+=,.@-]{2,64}$/;

export interface IncomingTags {
  tags: Record<string, string>;
  transitiveTagKeys: string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The tags of a token's claim; undefined when the token carries none. Throws InvalidIdentityToken. */
export function readTagsClaim(claim: unknown): IncomingTags | undefined {
  if (claim === undefined) return undefined;
  if (!isRecord(claim)) throw invalidIdentityToken(`The ${TAGS_CLAIM} claim must be an object`);
  const principal = claim['principal_tags'];
  if (!isRecord(principal)) throw invalidIdentityToken(`The ${TAGS_CLAIM} claim must have principal_tags`);
  const tags: Record<string, string> = {};
  for (const [key, raw] of Object.entries(principal)) {
    const values = Array.isArray(raw) ? raw : [raw];
    if (values.length !== 1 || typeof values[0] !== 'string') throw invalidIdentityToken(`Session tag ${key} must have exactly one string value`);
    tags[key] = values[0];
  }
  const transitive = claim['transitive_tag_keys'] ?? [];
  if (!Array.isArray(transitive) || !transitive.every((k): k is string => typeof k === 'string')) throw invalidIdentityToken('transitive_tag_keys must be an array of strings');
  checkTags(tags, transitive);
  return { tags, transitiveTagKeys: transitive };
}

/** AWS's limits on session tags (also used for SAML PrincipalTag attributes). */
export function checkTags(tags: Record<string, string>, transitive: readonly string[]): void {
  const keys = Object.keys(tags);
  if (keys.length > 50) throw invalidIdentityToken(`The number of session tags (${keys.length}) exceeds the limit of 50`);
  const lower = new Set<string>();
  for (const key of keys) {
    const value = tags[key] ?? '';
    if (!KEY.test(key) || [...key].length > 128) throw invalidIdentityToken(`Session tag key ${key.slice(0, 40)} is invalid: 1–128 characters of [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]`);
    if (/^aws:/i.test(key)) throw invalidIdentityToken(`Session tag key ${key} uses the reserved prefix aws:`);
    if (lower.has(key.toLowerCase())) throw invalidIdentityToken(`Duplicate session tag key ${key} (keys are case-insensitive)`);
    lower.add(key.toLowerCase());
    if (!VALUE.test(value) || [...value].length > 256) throw invalidIdentityToken(`Session tag value of ${key} is invalid: at most 256 characters of [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]`);
  }
  for (const t of transitive) {
    if (!lower.has(t.toLowerCase())) throw invalidIdentityToken(`Transitive tag key ${t} is not a session tag`);
  }
}

/** The source identity of a token's claim; undefined when there is none. */
export function readSourceIdentityClaim(claim: unknown): string | undefined {
  if (claim === undefined) return undefined;
  if (typeof claim !== 'string' || !SOURCE_IDENTITY.test(claim) || /^aws:/i.test(claim)) {
    throw invalidIdentityToken('The source identity must be 2–64 characters of [\\w+=,.@-] and must not start with aws:');
  }
  return claim;
}

/**
 * Policies and tags share one packed budget (AWS does not publish its packing; approximated by
 * characters against the policy budget, like session-policy.ts). Returns the percentage used.
 */
export function checkPackedSize(policyChars: number, tags: Record<string, string> | undefined): number {
  const tagChars = Object.entries(tags ?? {}).reduce((n, [k, v]) => n + k.length + v.length, 0);
  const percent = Math.max(1, Math.ceil(((policyChars + tagChars) * 100) / (PACKED_POLICY_BUDGET * 2)));
  if (percent > 100) throw packedPolicyTooLarge(percent);
  return percent;
}

/** The request's condition keys for its tags and source identity. */
export function requestTagKeys(incoming: IncomingTags | undefined, sourceIdentity: string | undefined): Record<string, ContextValue> {
  const keys: Record<string, ContextValue> = {};
  if (incoming !== undefined) {
    for (const [k, v] of Object.entries(incoming.tags)) keys[`aws:RequestTag/${k}`] = v;
    keys['aws:TagKeys'] = Object.keys(incoming.tags);
    keys['sts:TransitiveTagKeys'] = incoming.transitiveTagKeys;
  }
  if (sourceIdentity !== undefined) keys['sts:SourceIdentity'] = sourceIdentity;
  return keys;
}

// SAML: session tags and source identity as attributes (IAM User Guide, "Passing session tags
// using AssumeRoleWithSAML" and "Configure SAML assertions for the authentication response":
// PrincipalTag:<key>, TransitiveTagKeys and SourceIdentity under https://aws.amazon.com/SAML/Attributes/).
const SAML_ATTRS = 'https://aws.amazon.com/SAML/Attributes/';

export function readSamlTags(attributes: Record<string, readonly string[]>): IncomingTags | undefined {
  const tags: Record<string, string> = {};
  for (const [name, values] of Object.entries(attributes)) {
    if (!name.startsWith(`${SAML_ATTRS}PrincipalTag:`)) continue;
    const key = name.slice(`${SAML_ATTRS}PrincipalTag:`.length);
    if (values.length !== 1 || values[0] === undefined) throw invalidIdentityToken(`Session tag ${key} must have exactly one value`);
    tags[key] = values[0];
  }
  const transitive = [...(attributes[`${SAML_ATTRS}TransitiveTagKeys`] ?? [])];
  if (Object.keys(tags).length === 0 && transitive.length === 0) return undefined;
  checkTags(tags, transitive);
  return { tags, transitiveTagKeys: transitive };
}

export function readSamlSourceIdentity(attributes: Record<string, readonly string[]>): string | undefined {
  const values = attributes[`${SAML_ATTRS}SourceIdentity`];
  if (values === undefined) return undefined;
  if (values.length !== 1) throw invalidIdentityToken('The SourceIdentity attribute must have exactly one value');
  return readSourceIdentityClaim(values[0]);
}
