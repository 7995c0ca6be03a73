// Pure: the session tags and SourceIdentity Keyport puts in the tokens (and assertions) it mints.
//
// Format of the claim, IAM User Guide "Passing session tags using AssumeRoleWithWebIdentity"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_adding-assume-role-idp):
//   "https://aws.amazon.com/tags": { "principal_tags": { "<key>": ["<value>"] }, "transitive_tag_keys": ["<key>"] }
// Limits, same page ("Things to know about session tags"): at most 50 tags, keys ≤ 128 and values
// ≤ 256 characters, keys unique case-insensitively, no `aws:` prefix; characters
// `[\p{L}\p{Z}\p{N}_.:/=+\-@]` (Tag, https://docs.aws.amazon.com/STS/latest/APIReference/API_Tag.html).
// The packed size of policies and tags together is checked by AWS only (PackedPolicyTooLarge):
// its formula is not published, so Keyport keeps its own tags few and short.
// SourceIdentity: `https://aws.amazon.com/source_identity`, 2–64 characters `[\w+=,.@-]`, must not
// start with `aws:` (IAM User Guide, "Monitor and control actions taken with assumed roles",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html).
export const TAGS_CLAIM = 'https://aws.amazon.com/tags';
export const SOURCE_IDENTITY_CLAIM = 'https://aws.amazon.com/source_identity';
export const MAX_TAGS = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;
export const TAG_KEY_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
export const TAG_VALUE_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;
export const SOURCE_IDENTITY_PATTERN = /^[\w+=,.@-]{2,64}$/;

/** IdP attributes an admin may add to a mapping's session tags (lib/mappings validates the list). */
export const TAGGABLE_ATTRIBUTES = ['groups', 'name', 'username', 'idp'] as const;
export type TaggableAttribute = (typeof TAGGABLE_ATTRIBUTES)[number];

export type SessionTags = Record<string, string>;

export interface SessionTagClaim {
  principal_tags: Record<string, [string]>;
  transitive_tag_keys: string[];
}

export class SessionTagError extends Error {
  override name = 'SessionTagError';
}

/** The problem with a set of tags, in words, or null when AWS would accept it. */
export function sessionTagProblem(tags: SessionTags): string | null {
  const keys = Object.keys(tags);
  if (keys.length > MAX_TAGS) return `${keys.length} session tags, more than AWS's ${MAX_TAGS}`;
  const seen = new Set<string>();
  for (const key of keys) {
    const value = tags[key] ?? '';
    if ([...key].length > MAX_TAG_KEY_LENGTH) return `the tag key "${key.slice(0, 40)}…" is longer than ${MAX_TAG_KEY_LENGTH} characters`;
    if (!TAG_KEY_PATTERN.test(key)) return `the tag key "${key}" has characters AWS does not allow in tags`;
    if (/^aws:/i.test(key)) return `the tag key "${key}" uses the reserved prefix aws:`;
    if (seen.has(key.toLowerCase())) return `the tag key "${key}" appears twice (AWS compares tag keys case-insensitively)`;
    seen.add(key.toLowerCase());
    if ([...value].length > MAX_TAG_VALUE_LENGTH) return `the value of tag "${key}" is longer than ${MAX_TAG_VALUE_LENGTH} characters`;
    if (!TAG_VALUE_PATTERN.test(value)) return `the value of tag "${key}" has characters AWS does not allow in tags`;
  }
  return null;
}

export interface TagSource {
  /** The person's RoleSessionName (derived from the verified identity): also the SourceIdentity. */
  person: string;
  verifiedEmail: string | null;
  mappingId: string;
  name: string | null;
  username: string | null;
  groups: readonly string[];
  idpKind: 'OIDC' | 'SAML';
}

/**
 * Keyport's tags for one issuance: `person`, `email` (when verified), `keyport-mapping`, then the
 * attributes the admin chose for the mapping as `idp-<attribute>` (groups joined by `:`; an
 * attribute the person does not have is left out). All are transitive, so a chained role keeps
 * them. Throws SessionTagError when AWS would refuse them.
 */
export function buildSessionTags(src: TagSource, attributes: readonly TaggableAttribute[]): SessionTags {
  const tags: SessionTags = { person: src.person };
  if (src.verifiedEmail) tags['email'] = src.verifiedEmail;
  tags['keyport-mapping'] = src.mappingId;
  for (const attribute of attributes) {
    const value =
      attribute === 'groups' ? (src.groups.length > 0 ? [...src.groups].sort().join(':') : null) : attribute === 'idp' ? src.idpKind : attribute === 'name' ? src.name : src.username;
    if (value !== null && value !== '') tags[`idp-${attribute}`] = value;
  }
  const problem = sessionTagProblem(tags);
  if (problem) throw new SessionTagError(problem);
  return tags;
}

export function sessionTagClaim(tags: SessionTags): SessionTagClaim {
  return {
    principal_tags: Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, [v]])) as Record<string, [string]>,
    transitive_tag_keys: Object.keys(tags),
  };
}

export function checkSourceIdentity(value: string): string {
  if (!SOURCE_IDENTITY_PATTERN.test(value) || /^aws:/i.test(value)) throw new SessionTagError('the SourceIdentity must be 2–64 characters of [\\w+=,.@-] and not start with aws:');
  return value;
}
