import { describe, expect, it } from 'vitest';
import { packSessionPolicy, validateMapping, type MappingInput } from './validate-mapping';

const good: MappingInput = {
  idpGroup: 'platform-team',
  idpKind: 'oidc',
  roleArn: 'arn:aws:iam::111122223333:role/platform/Deployer',
  accountLabel: 'dev',
  roleLabel: 'Deployer',
  description: 'Deploys things',
  maxDurationSeconds: 3600,
  stsRegion: 'us-east-1',
  allowedRegions: ['us-east-1', 'eu-west-1'],
};

function fieldsOf(over: Record<string, unknown>): Record<string, string> {
  const r = validateMapping({ ...good, ...over });
  if (r.ok) throw new Error(`expected a refusal for ${JSON.stringify(over)}`);
  return r.fields;
}

describe('validateMapping', () => {
  it('accepts a complete mapping and derives the account from the ARN', () => {
    const r = validateMapping(good);
    expect(r).toEqual({
      ok: true,
      value: {
        ...good,
        idpKind: 'OIDC',
        accountId: '111122223333',
        sessionPolicy: null,
        managedPolicyArns: [],
        samlProviderArn: null,
        federationMode: null,
        sessionTagAttributes: [],
        chainedRoleArn: null,
        enabled: true,
      },
    });
  });

  it('takes a chained target role of any account, trimmed; empty means no chain', () => {
    const r = validateMapping({ ...good, chainedRoleArn: ' arn:aws:iam::777788889999:role/SharedServicesReadOnly ' });
    expect(r.ok && r.value.chainedRoleArn).toBe('arn:aws:iam::777788889999:role/SharedServicesReadOnly');
    const empty = validateMapping({ ...good, chainedRoleArn: '' });
    expect(empty.ok && empty.value.chainedRoleArn).toBeNull();
  });

  it('refuses a chained role that is not a role ARN, is the hub itself, or is in another partition', () => {
    expect(fieldsOf({ chainedRoleArn: 'arn:aws:iam::777788889999:user/bob' }).chainedRoleArn).toMatch(/^The chained role ARN /);
    expect(fieldsOf({ chainedRoleArn: good.roleArn }).chainedRoleArn).toMatch(/another role than the mapping/);
    expect(fieldsOf({ chainedRoleArn: 'arn:aws-cn:iam::777788889999:role/X' }).chainedRoleArn).toMatch(/aws partition of the hub/);
    expect(fieldsOf({ chainedRoleArn: 42 }).chainedRoleArn).toMatch(/must be text/);
  });

  it('stores the group in NFC (so it compares like a token group) and keeps it otherwise exact', () => {
    const nfd = 'e\u0301quipe';
    const r = validateMapping({ ...good, idpGroup: nfd });
    expect(r.ok && r.value.idpGroup).toBe('\u00e9quipe');
    expect(fieldsOf({ idpGroup: ' platform-team' }).idpGroup).toMatch(/must not start or end with a space/);
    expect(fieldsOf({ idpGroup: '' }).idpGroup).toMatch(/required/);
    expect(fieldsOf({ idpGroup: 'a\u202eb' }).idpGroup).toMatch(/invisible/);
  });

  it.each([
    ['arn:aws:iam::11112222333:role/X', /^The account id in the ARN has 11 characters; an AWS account id is 12 digits/],
    ['arn:aws-eu:iam::111122223333:role/X', /“aws-eu” is not an AWS partition/],
    ['arn:aws:iam::111122223333:user/X', /^Enter the role’s ARN as IAM shows it/],
    ['arn:aws:iam::111122223333:role/', /role name/],
    ['arn:aws:iam::111122223333:role/Bad Name', /role name/],
    ['arn:aws:iam::111122223333:role/' + 'x'.repeat(65), /role name/],
    ['arn:aws:s3:::bucket', /^Enter the role’s ARN/],
    ['arn:aws:iam::111122223333:role/' + 'p'.repeat(511) + '/X', /path/],
  ])('refuses the role ARN %s', (roleArn, message) => {
    expect(fieldsOf({ roleArn }).roleArn).toMatch(message);
  });

  it('says what is wrong in whole sentences: never "The role ARN the account id …"', () => {
    const f = fieldsOf({ roleArn: 'arn:aws:iam::12345:role/X', maxDurationSeconds: 60, allowedRegions: [], stsRegion: 'mars-1' });
    for (const m of Object.values(f)) {
      expect(m).toMatch(/^[A-Z“]/);
      expect(m).toMatch(/[.]$/);
      // No parameter names run into the sentence.
      expect(m).not.toMatch(/maxDurationSeconds|stsRegion|allowedRegions|roleArn/);
    }
    expect(f.roleArn).not.toMatch(/The role ARN the/);
    expect(f.maxDurationSeconds).toBe('The maximum duration must be from 15 minutes to 12 hours (900 to 43200 seconds).');
  });

  it('accepts the three partitions with regions of the same partition', () => {
    expect(validateMapping({ ...good, roleArn: 'arn:aws-cn:iam::111122223333:role/X', stsRegion: 'cn-north-1', allowedRegions: ['cn-northwest-1'] }).ok).toBe(true);
    expect(validateMapping({ ...good, roleArn: 'arn:aws-us-gov:iam::111122223333:role/X', stsRegion: 'us-gov-west-1', allowedRegions: ['us-gov-east-1'] }).ok).toBe(true);
    expect(fieldsOf({ roleArn: 'arn:aws-cn:iam::111122223333:role/X' }).stsRegion).toMatch(/not in the aws-cn partition/);
  });

  it.each([
    [{ maxDurationSeconds: 899 }, 'maxDurationSeconds'],
    [{ maxDurationSeconds: 43201 }, 'maxDurationSeconds'],
    [{ maxDurationSeconds: 3600.5 }, 'maxDurationSeconds'],
    [{ maxDurationSeconds: '3600' }, 'maxDurationSeconds'],
    [{ stsRegion: 'mars-north-1' }, 'stsRegion'],
    [{ stsRegion: 'evil.example.com/' }, 'stsRegion'],
    [{ allowedRegions: [] }, 'allowedRegions'],
    [{ allowedRegions: ['us-east-1', 'us-east-1'] }, 'allowedRegions'],
    [{ allowedRegions: ['us-east-1', 'x.attacker.net#'] }, 'allowedRegions'],
    [{ accountLabel: '' }, 'accountLabel'],
    [{ roleLabel: 'x'.repeat(101) }, 'roleLabel'],
    [{ roleLabel: 'bell\u0007' }, 'roleLabel'],
    [{ idpKind: 'ldap' }, 'idpKind'],
    [{ enabled: 'yes' }, 'enabled'],
    [{ colour: 'red' }, 'colour'],
  ])('refuses %j beside field %s', (over, field) => {
    expect(Object.keys(fieldsOf(over))).toContain(field);
  });

  it('keeps XSS payloads in labels as plain text (React renders them inert)', () => {
    const payload = '<img src=x onerror="alert(1)">';
    const r = validateMapping({ ...good, roleLabel: payload, description: `<script>alert(1)</script>\nsecond line` });
    expect(r.ok && r.value.roleLabel).toBe(payload);
  });

  it('checks session policies: JSON object with a Statement, at most 2048 characters packed', () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
    expect(packSessionPolicy(JSON.stringify(policy, null, 2))).toEqual({ ok: true, value: JSON.stringify(policy) });
    expect(packSessionPolicy(policy)).toEqual({ ok: true, value: JSON.stringify(policy) });
    expect(packSessionPolicy('  ')).toEqual({ ok: true, value: null });
    expect(fieldsOf({ sessionPolicy: '{"Statement": [' }).sessionPolicy).toMatch(/valid JSON/);
    expect(fieldsOf({ sessionPolicy: '[1]' }).sessionPolicy).toMatch(/JSON object/);
    expect(fieldsOf({ sessionPolicy: '{"Version":"2012-10-17"}' }).sessionPolicy).toMatch(/Statement/);
    const big = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'x'.repeat(2000) }] };
    expect(fieldsOf({ sessionPolicy: JSON.stringify(big, null, 4) }).sessionPolicy).toMatch(/at most 2048/);
  });

  it('takes up to 10 managed policy ARNs of the role partition', () => {
    const arns = Array.from({ length: 10 }, (_, i) => `arn:aws:iam::111122223333:policy/team/P${i}`);
    expect(validateMapping({ ...good, managedPolicyArns: [...arns.slice(0, 9), 'arn:aws:iam::aws:policy/ReadOnlyAccess'] }).ok).toBe(true);
    expect(fieldsOf({ managedPolicyArns: [...arns, 'arn:aws:iam::aws:policy/X'] }).managedPolicyArns).toMatch(/At most 10/);
    expect(fieldsOf({ managedPolicyArns: ['arn:aws:iam::aws:role/X'] }).managedPolicyArns).toMatch(/not a policy ARN/);
    expect(fieldsOf({ managedPolicyArns: ['arn:aws-cn:iam::aws:policy/X'] }).managedPolicyArns).toMatch(/partition/);
  });

  it('requires a SAML provider of the role account for SAML mappings, and none for OIDC ones', () => {
    const saml = 'arn:aws:iam::111122223333:saml-provider/CompanyIdP';
    const r = validateMapping({ ...good, idpKind: 'both', samlProviderArn: saml });
    expect(r.ok && [r.value.idpKind, r.value.samlProviderArn]).toEqual(['BOTH', saml]);
    expect(fieldsOf({ idpKind: 'saml' }).samlProviderArn).toMatch(/need the SAML provider/);
    expect(fieldsOf({ idpKind: 'saml', samlProviderArn: 'arn:aws:iam::444455556666:saml-provider/X' }).samlProviderArn).toMatch(/role's account/);
    expect(fieldsOf({ idpKind: 'saml', samlProviderArn: 'arn:aws:iam::111122223333:oidc-provider/x' }).samlProviderArn).toMatch(/must look like/);
    expect(fieldsOf({ samlProviderArn: saml }).samlProviderArn).toMatch(/only to SAML/);
  });

  it('names every wrong field at once', () => {
    expect(Object.keys(fieldsOf({ roleArn: 'x', maxDurationSeconds: 1, allowedRegions: ['nowhere-1'] })).sort()).toEqual(['allowedRegions', 'maxDurationSeconds', 'roleArn']);
    expect(validateMapping(null)).toEqual({ ok: false, fields: { mapping: expect.any(String) } });
  });

  describe('broker settings', () => {
    const base = { idpGroup: 'eng', idpKind: 'oidc', roleArn: 'arn:aws:iam::111122223333:role/Dev', accountLabel: 'dev', roleLabel: 'Dev', maxDurationSeconds: 3600, stsRegion: 'us-east-1', allowedRegions: ['us-east-1'] };
    it('takes a federation mode override and the IdP attributes to tag with', () => {
      const v = validateMapping({ ...base, federationMode: 'passthrough', sessionTagAttributes: ['groups', 'idp', 'groups'] });
      expect(v.ok && [v.value.federationMode, v.value.sessionTagAttributes]).toEqual(['passthrough', ['groups', 'idp']]);
    });
    it('refuses an unknown mode and an attribute that cannot be tagged', () => {
      const v = validateMapping({ ...base, federationMode: 'both', sessionTagAttributes: ['password'] });
      expect(!v.ok && v.fields.federationMode).toMatch(/broker, broker-saml or passthrough/);
      expect(!v.ok && v.fields.sessionTagAttributes).toMatch(/only these IdP attributes/);
    });
    it("SAML broker mode needs Keyport's SAML provider in the role's account, even for OIDC sign-in", () => {
      expect(validateMapping({ ...base, federationMode: 'broker-saml' })).toMatchObject({ ok: false, fields: { samlProviderArn: expect.stringMatching(/SAML broker mode needs/) } });
      expect(validateMapping({ ...base, federationMode: 'broker-saml', samlProviderArn: 'arn:aws:iam::444455556666:saml-provider/KeyportBroker' })).toMatchObject({ ok: false, fields: { samlProviderArn: expect.stringMatching(/role's account/) } });
      const ok = validateMapping({ ...base, federationMode: 'broker-saml', samlProviderArn: 'arn:aws:iam::111122223333:saml-provider/KeyportBroker' });
      expect(ok.ok && ok.value.samlProviderArn).toBe('arn:aws:iam::111122223333:saml-provider/KeyportBroker');
    });
  });
});

