import { describe, expect, it } from 'vitest';
import { AwsError } from './errors';
import { checkPackedSize, readSamlSourceIdentity, readSamlTags, readSourceIdentityClaim, readTagsClaim, requestTagKeys } from './session-tags';

const A = 'https://aws.amazon.com/SAML/Attributes/';
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof AwsError ? e.code : 'other';
  }
  return 'none';
};

describe('SAML session tags and source identity', () => {
  it('reads PrincipalTag, TransitiveTagKeys and SourceIdentity attributes', () => {
    const attrs = { [`${A}PrincipalTag:person`]: ['alice'], [`${A}TransitiveTagKeys`]: ['person'], [`${A}SourceIdentity`]: ['alice@example.com'], other: ['x'] };
    expect(readSamlTags(attrs)).toEqual({ tags: { person: 'alice' }, transitiveTagKeys: ['person'] });
    expect(readSamlSourceIdentity(attrs)).toBe('alice@example.com');
    expect(readSamlTags({ other: ['x'] })).toBeUndefined();
    expect(readSamlSourceIdentity({})).toBeUndefined();
  });
  it('refuses a tag with two values, a transitive key that is no tag, and two source identities', () => {
    expect(code(() => readSamlTags({ [`${A}PrincipalTag:team`]: ['a', 'b'] }))).toBe('InvalidIdentityToken');
    expect(code(() => readSamlTags({ [`${A}PrincipalTag:team`]: ['a'], [`${A}TransitiveTagKeys`]: ['other'] }))).toBe('InvalidIdentityToken');
    expect(code(() => readSamlSourceIdentity({ [`${A}SourceIdentity`]: ['a1', 'b2'] }))).toBe('InvalidIdentityToken');
  });
});

describe('web identity tags claim', () => {
  it('has no tags when absent, and puts RequestTag, TagKeys and SourceIdentity keys in the request', () => {
    expect(readTagsClaim(undefined)).toBeUndefined();
    expect(readSourceIdentityClaim(undefined)).toBeUndefined();
    expect(requestTagKeys({ tags: { team: 'a' }, transitiveTagKeys: ['team'] }, 'alice')).toEqual({ 'aws:RequestTag/team': 'a', 'aws:TagKeys': ['team'], 'sts:TransitiveTagKeys': ['team'], 'sts:SourceIdentity': 'alice' });
  });
  it('refuses a packed size over the budget', () => {
    expect(code(() => checkPackedSize(4000, { k: 'v'.repeat(200) }))).toBe('PackedPolicyTooLarge');
    expect(checkPackedSize(0, { k: 'v' })).toBe(1);
  });
});
