import { AssumeRoleWithSAMLCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SamlAssertionFacts, SamlVerifier } from './sts-saml';
import { nameQualifier } from './sts-saml';
import { failure, startHarness, type Harness, type RawWorld } from './testing';

const PROVIDER = 'arn:aws:iam::111122223333:saml-provider/SandboxSaml';
const SAML_ROLE = 'arn:aws:iam::111122223333:role/SamlDev';
const ASSERTION = Buffer.from('<samlp:Response>pretend</samlp:Response>').toString('base64');

function addSaml(raw: RawWorld): void {
  raw['samlProviders'] = [{ account: '111122223333', name: 'SandboxSaml', metadataUrl: '${SAML_METADATA_URL}' }];
  raw.roles.push({
    arn: SAML_ROLE,
    maxSessionDuration: 7200,
    trustPolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: PROVIDER },
          Action: 'sts:AssumeRoleWithSAML',
          Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
        },
      ],
    },
  });
}

const facts = (over: Partial<SamlAssertionFacts> = {}): SamlAssertionFacts => ({
  issuer: 'http://127.0.0.1:4002/saml',
  subject: 'alice@example.com',
  subjectType: 'persistent',
  audience: 'https://signin.aws.amazon.com/saml',
  roles: [{ roleArn: SAML_ROLE, principalArn: PROVIDER }],
  roleSessionName: 'alice@example.com',
  sessionDuration: undefined,
  attributes: {},
  ...over,
});

let refusing: Harness;
let accepting: Harness;
let nextFacts: SamlAssertionFacts = facts();
const seen: string[] = [];
const fakeVerifier: SamlVerifier = async (input) => {
  seen.push(input.providerArn);
  return nextFacts;
};

beforeAll(async () => {
  refusing = await startHarness({ mutateWorld: addSaml });
  accepting = await startHarness({ mutateWorld: addSaml, extra: { samlVerifier: fakeVerifier } });
});
afterAll(async () => {
  await refusing.close();
  await accepting.close();
});

const call = (h: Harness, over: { RoleArn?: string; PrincipalArn?: string; DurationSeconds?: number } = {}) =>
  h.anonSts().send(
    new AssumeRoleWithSAMLCommand({
      RoleArn: over.RoleArn ?? SAML_ROLE,
      PrincipalArn: over.PrincipalArn ?? PROVIDER,
      SAMLAssertion: ASSERTION,
      ...(over.DurationSeconds === undefined ? {} : { DurationSeconds: over.DurationSeconds }),
    }),
  );

describe('AssumeRoleWithSAML (until assertion validation lands)', () => {
  it('validates the parameters and the role like AWS', async () => {
    expect((await failure(() => call(refusing, { DurationSeconds: 899 }))).name).toBe('ValidationError');
    expect((await failure(() => call(refusing, { DurationSeconds: 7201 }))).message).toBe(
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
    expect((await failure(() => call(refusing, { RoleArn: 'arn:aws:iam::111122223333:role/Nope' }))).name).toBe('AccessDenied');
  });

  it('refuses a principal that is not a SAML provider of the role account', async () => {
    const err = await failure(() => call(refusing, { PrincipalArn: 'arn:aws:iam::444455556666:saml-provider/SandboxSaml' }));
    expect(err.name).toBe('InvalidIdentityTokenException');
  });

  it('never issues credentials for an assertion it cannot verify', async () => {
    const before = refusing.aws.issuedSessions().length;
    const err = await failure(() => call(refusing));
    expect(err.name).toBe('InvalidIdentityTokenException');
    expect(err.$metadata?.httpStatusCode).toBe(400);
    expect(refusing.aws.issuedSessions().length).toBe(before);
    expect(JSON.stringify(refusing.logs)).not.toContain(ASSERTION);
  });
});

describe('AssumeRoleWithSAML with a verifier plugged in', () => {
  it('issues working credentials and answers like AWS', async () => {
    nextFacts = facts();
    const out = await call(accepting);
    expect(seen.at(-1)).toBe(PROVIDER);
    expect(out.AssumedRoleUser?.Arn).toBe('arn:aws:sts::111122223333:assumed-role/SamlDev/alice@example.com');
    expect(out.Subject).toBe('alice@example.com');
    expect(out.SubjectType).toBe('persistent');
    expect(out.Issuer).toBe('http://127.0.0.1:4002/saml');
    expect(out.Audience).toBe('https://signin.aws.amazon.com/saml');
    expect(out.NameQualifier).toBe(nameQualifier('http://127.0.0.1:4002/saml', '111122223333', 'SandboxSaml'));
    const me = await accepting.sts(out.Credentials ?? {}).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(out.AssumedRoleUser?.Arn);
  });

  it('uses the SessionDuration attribute when DurationSeconds is absent', async () => {
    nextFacts = facts({ sessionDuration: 1800 });
    const out = await call(accepting);
    const seconds = ((out.Credentials?.Expiration?.getTime() ?? 0) - Date.now()) / 1000;
    expect(seconds).toBeGreaterThan(1790);
    expect(seconds).toBeLessThanOrEqual(1801);
  });

  it('refuses when the Role attribute does not name this role and provider, or the trust policy says no', async () => {
    nextFacts = facts({ roles: [{ roleArn: 'arn:aws:iam::111122223333:role/Other', principalArn: PROVIDER }] });
    expect((await failure(() => call(accepting))).name).toBe('AccessDenied');
    nextFacts = facts({ audience: 'https://elsewhere.example/saml' });
    expect((await failure(() => call(accepting))).name).toBe('AccessDenied');
    nextFacts = facts({ roleSessionName: 'no spaces allowed' });
    expect((await failure(() => call(accepting))).name).toBe('InvalidIdentityTokenException');
  });
});
