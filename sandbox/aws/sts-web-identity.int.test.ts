import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIssuer, type TestIssuer } from './test-issuer';
import { CLIENT_ID, DEV_DEVELOPER, DEV_READONLY, failure, LEGACY_ROLE, PROD_ADMIN, startHarness, type Harness } from './testing';

const SUB_LIMITED = 'arn:aws:iam::111122223333:role/TeamAOnly';
const AMR_ROLE = 'arn:aws:iam::111122223333:role/MfaOnly';
const DENY_CONTRACTORS = 'arn:aws:iam::111122223333:role/NoContractors';
const DEAD_ISSUER_ROLE = 'arn:aws:iam::111122223333:role/DeadIdpRole';

let h: Harness;
let stranger: TestIssuer;
let deadIssuer: string;

beforeAll(async () => {
  stranger = await startTestIssuer();
  // An issuer URL nothing listens on: registered as a provider, but unreachable.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  deadIssuer = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
  await new Promise<void>((r) => probe.close(() => r()));

  h = await startHarness({
    mutateWorld: (raw, issuerUrl) => {
      const provider = issuerUrl.replace(/^https?:\/\//, '');
      const fed = `arn:aws:iam::111122223333:oidc-provider/${provider}`;
      (raw['oidcProviders'] as unknown[]).push({ account: '111122223333', url: deadIssuer, clientIds: [CLIENT_ID] });
      raw.roles.push(
        {
          arn: SUB_LIMITED,
          maxSessionDuration: 3600,
          trustPolicy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Federated: fed },
                Action: ['sts:AssumeRoleWithWebIdentity'],
                Condition: { StringEquals: { [`${provider}:aud`]: CLIENT_ID }, StringLike: { [`${provider}:sub`]: ['team-a-*', 'lead-?'] } },
              },
            ],
          },
        },
        {
          arn: AMR_ROLE,
          trustPolicy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Federated: fed },
                Action: 'sts:AssumeRoleWith*',
                Condition: { 'ForAnyValue:StringEquals': { [`${provider}:amr`]: ['mfa', 'hwk'] } },
              },
            ],
          },
        },
        {
          arn: DENY_CONTRACTORS,
          trustPolicy: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: { Federated: fed }, Action: 'sts:AssumeRoleWithWebIdentity' },
              { Effect: 'Deny', Principal: '*', Action: 'sts:*', Condition: { StringLike: { [`${provider}:sub`]: 'contractor-*' } } },
            ],
          },
        },
        {
          arn: DEAD_ISSUER_ROLE,
          trustPolicy: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${deadIssuer.replace('http://', '')}` }, Action: 'sts:AssumeRoleWithWebIdentity' },
            ],
          },
        },
      );
    },
  });
});

afterAll(async () => {
  await h.close();
  await stranger.close();
});

async function assumeWith(params: { RoleArn?: string; RoleSessionName?: string; WebIdentityToken?: string; DurationSeconds?: number; Policy?: string }, path?: string, region?: string) {
  return h.anonSts(path, region).send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: params.RoleArn ?? DEV_READONLY,
      RoleSessionName: params.RoleSessionName ?? 'alice',
      WebIdentityToken: params.WebIdentityToken ?? (await h.token()),
      ...(params.DurationSeconds === undefined ? {} : { DurationSeconds: params.DurationSeconds }),
      ...(params.Policy === undefined ? {} : { Policy: params.Policy }),
    }),
  );
}

describe('AssumeRoleWithWebIdentity (SDK v3, unsigned)', () => {
  it('issues working credentials shaped like AWS', async () => {
    const before = Date.now();
    const out = await assumeWith({ RoleSessionName: 'alice@example.com' });
    const c = out.Credentials;
    expect(c?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(c?.SecretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect((c?.SessionToken ?? '').length).toBeGreaterThan(300);
    const expiresIn = (c?.Expiration?.getTime() ?? 0) - before;
    expect(expiresIn).toBeGreaterThan(3590_000);
    expect(expiresIn).toBeLessThanOrEqual(3601_000);
    expect(out.AssumedRoleUser?.Arn).toBe('arn:aws:sts::111122223333:assumed-role/DevReadOnly/alice@example.com');
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{16}:alice@example\.com$/);
    expect(out.SubjectFromWebIdentityToken).toBe('alice');
    expect(out.Audience).toBe(CLIENT_ID);
    expect(out.Provider).toBe(`arn:aws:iam::111122223333:oidc-provider/${h.issuer.url.replace('http://', '')}`);
    expect(out.PackedPolicySize).toBeUndefined();
    expect(out.SourceIdentity).toBeUndefined();
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const me = await h.sts(c ?? {}).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe('arn:aws:sts::111122223333:assumed-role/DevReadOnly/alice@example.com');
    expect(me.Account).toBe('111122223333');
    expect(me.UserId).toBe(out.AssumedRoleUser?.AssumedRoleId);
  });

  it('keeps the AssumedRoleId stable per role and drops the role path from the ARN', async () => {
    // ProdAdmin is a broker-mode role: it trusts only tokens Keyport minted for it.
    const a = await assumeWith({ RoleArn: PROD_ADMIN, RoleSessionName: 's1', WebIdentityToken: (await h.broker.mint({ roleArn: PROD_ADMIN, person: 's1' })).token });
    const b = await assumeWith({ RoleArn: PROD_ADMIN, RoleSessionName: 's2', WebIdentityToken: (await h.broker.mint({ roleArn: PROD_ADMIN, person: 's2' })).token });
    expect(a.AssumedRoleUser?.Arn).toBe('arn:aws:sts::444455556666:assumed-role/ProdAdmin/s1');
    expect(a.AssumedRoleUser?.AssumedRoleId?.split(':')[0]).toBe(b.AssumedRoleUser?.AssumedRoleId?.split(':')[0]);
    const c = await assumeWith({ RoleArn: DEV_DEVELOPER, RoleSessionName: 's1' });
    expect(c.AssumedRoleUser?.AssumedRoleId?.split(':')[0]).not.toBe(a.AssumedRoleUser?.AssumedRoleId?.split(':')[0]);
  });

  it('honours DurationSeconds up to the role maximum', async () => {
    const out = await assumeWith({ RoleArn: DEV_DEVELOPER, DurationSeconds: 43200 });
    const seconds = ((out.Credentials?.Expiration?.getTime() ?? 0) - Date.now()) / 1000;
    expect(seconds).toBeGreaterThan(43190);
    expect(seconds).toBeLessThanOrEqual(43201);
  });

  it('refuses a tampered token with InvalidIdentityToken', async () => {
    const token = await h.token();
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url')}.${signature}`;
    const err = await failure(() => assumeWith({ WebIdentityToken: forged }));
    expect(err.name).toBe('InvalidIdentityTokenException');
    expect(err.Code).toBe('InvalidIdentityToken');
    expect(err.$metadata?.httpStatusCode).toBe(400);
    expect(err.$metadata?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a token signed with a key the issuer does not publish', async () => {
    const err = await failure(async () => assumeWith({ WebIdentityToken: await h.token({}, { foreignKey: true }) }));
    expect(err.Code).toBe('InvalidIdentityToken');
  });

  it('refuses something that is not a JWT', async () => {
    const err = await failure(() => assumeWith({ WebIdentityToken: 'not-a-jwt-at-all' }));
    expect(err.Code).toBe('InvalidIdentityToken');
    expect(err.message).toContain('not a valid JWT');
  });

  it('refuses a token for another audience', async () => {
    const err = await failure(async () => assumeWith({ WebIdentityToken: await h.token({ aud: 'some-other-app' }) }));
    expect(err.Code).toBe('InvalidIdentityToken');
    expect(err.message).toBe('Incorrect token audience');
  });

  it('accepts an aud array that contains a registered client id', async () => {
    const out = await assumeWith({ WebIdentityToken: await h.token({ aud: ['other', CLIENT_ID] }) });
    expect(out.Audience).toBe(CLIENT_ID);
  });

  it('refuses a token from an issuer with no provider in the account', async () => {
    const token = await stranger.sign({ sub: 'alice', aud: CLIENT_ID });
    const err = await failure(() => assumeWith({ WebIdentityToken: token }));
    expect(err.Code).toBe('InvalidIdentityToken');
    expect(err.message).toBe(`No OpenIDConnect provider found in your account for ${stranger.url}`);
  });

  it('refuses an expired token with ExpiredTokenException', async () => {
    const token = await h.token({}, { expiresIn: -60, iatOffset: -600 });
    const err = await failure(() => assumeWith({ WebIdentityToken: token }));
    expect(err.name).toBe('ExpiredTokenException');
    expect(err.Code).toBe('ExpiredTokenException');
    expect(err.message).toMatch(/^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/);
  });

  it('refuses a token that is not valid yet (nbf) or issued in the future (iat)', async () => {
    const soon = Math.floor(Date.now() / 1000) + 3600;
    expect((await failure(async () => assumeWith({ WebIdentityToken: await h.token({ nbf: soon }, { expiresIn: 7200 }) }))).Code).toBe(
      'InvalidIdentityToken',
    );
    expect((await failure(async () => assumeWith({ WebIdentityToken: await h.token({}, { iatOffset: 3600, expiresIn: 7200 }) }))).Code).toBe(
      'InvalidIdentityToken',
    );
  });

  it('answers IDPCommunicationError when the issuer cannot be reached', async () => {
    const token = await h.token({ iss: deadIssuer });
    const err = await failure(() => assumeWith({ RoleArn: DEAD_ISSUER_ROLE, WebIdentityToken: token }));
    expect(err.name).toBe('IDPCommunicationErrorException');
    expect(err.Code).toBe('IDPCommunicationError');
  });

  it('answers AccessDenied when the trust policy wants another audience', async () => {
    const err = await failure(() => assumeWith({ RoleArn: LEGACY_ROLE }));
    expect(err.name).toBe('AccessDenied');
    expect(err.$metadata?.httpStatusCode).toBe(403);
    expect(err.message).toBe('Not authorized to perform sts:AssumeRoleWithWebIdentity');
  });

  it('evaluates StringLike conditions on sub', async () => {
    expect((await failure(() => assumeWith({ RoleArn: SUB_LIMITED }))).name).toBe('AccessDenied');
    expect((await failure(async () => assumeWith({ RoleArn: SUB_LIMITED, WebIdentityToken: await h.token({ sub: 'lead-12' }) }))).name).toBe('AccessDenied');
    const ok = await assumeWith({ RoleArn: SUB_LIMITED, WebIdentityToken: await h.token({ sub: 'team-a-bob' }) });
    expect(ok.SubjectFromWebIdentityToken).toBe('team-a-bob');
    const lead = await assumeWith({ RoleArn: SUB_LIMITED, WebIdentityToken: await h.token({ sub: 'lead-7' }) });
    expect(lead.AssumedRoleUser?.Arn).toContain('assumed-role/TeamAOnly/alice');
  });

  it('evaluates ForAnyValue on the amr claim', async () => {
    expect((await failure(async () => assumeWith({ RoleArn: AMR_ROLE, WebIdentityToken: await h.token({ amr: ['pwd'] }) }))).name).toBe('AccessDenied');
    expect((await failure(() => assumeWith({ RoleArn: AMR_ROLE }))).name).toBe('AccessDenied');
    const ok = await assumeWith({ RoleArn: AMR_ROLE, WebIdentityToken: await h.token({ amr: ['pwd', 'mfa'] }) });
    expect(ok.Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });

  it('lets an explicit Deny in the trust policy win', async () => {
    expect((await assumeWith({ RoleArn: DENY_CONTRACTORS })).Credentials).toBeDefined();
    const err = await failure(async () => assumeWith({ RoleArn: DENY_CONTRACTORS, WebIdentityToken: await h.token({ sub: 'contractor-9' }) }));
    expect(err.name).toBe('AccessDenied');
  });

  it('answers AccessDenied for a role that does not exist', async () => {
    const err = await failure(() => assumeWith({ RoleArn: 'arn:aws:iam::111122223333:role/NoSuchRole' }));
    expect(err.name).toBe('AccessDenied');
  });

  it.each([
    [899, "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"],
    [43201, "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200"],
  ])('refuses DurationSeconds %i with ValidationError', async (duration, message) => {
    const err = await failure(() => assumeWith({ DurationSeconds: duration }));
    expect(err.name).toBe('ValidationError');
    expect(err.$metadata?.httpStatusCode).toBe(400);
    expect(err.message).toBe(message);
  });

  it('refuses a duration above the role MaxSessionDuration', async () => {
    const err = await failure(() => assumeWith({ RoleArn: DEV_READONLY, DurationSeconds: 14401 }));
    expect(err.name).toBe('ValidationError');
    expect(err.message).toBe('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  });

  it.each([
    ['a', "Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2"],
    ['x'.repeat(65), 'Member must have length less than or equal to 64'],
    ['alice smith', 'Member must satisfy regular expression pattern: [\\w+=,.@-]*'],
    ['dependabot[bot]', 'Member must satisfy regular expression pattern: [\\w+=,.@-]*'],
    ['team/alice', 'Member must satisfy regular expression pattern: [\\w+=,.@-]*'],
  ])('refuses the session name %j with ValidationError', async (name, fragment) => {
    const err = await failure(() => assumeWith({ RoleSessionName: name }));
    expect(err.name).toBe('ValidationError');
    expect(err.message).toContain(fragment);
    expect(err.message).toMatch(/^1 validation error detected: /);
  });

  it('accepts every character of [\\w+=,.@-] in a session name', async () => {
    const out = await assumeWith({ RoleSessionName: 'A_z0+=,.@-' });
    expect(out.AssumedRoleUser?.Arn).toMatch(/\/A_z0\+=,\.@-$/);
  });

  it('reports several validation errors at once and never echoes the token', async () => {
    const err = await failure(() => assumeWith({ RoleSessionName: 'a', DurationSeconds: 1, WebIdentityToken: 'abc' }));
    expect(err.message).toMatch(/^3 validation errors detected: /);
    expect(err.message).not.toContain("'abc'");
  });

  it('checks a session policy: JSON, syntax and packed size', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    const ok = await assumeWith({ Policy: policy });
    expect(ok.PackedPolicySize).toBeGreaterThan(0);
    expect(ok.PackedPolicySize).toBeLessThanOrEqual(100);
    expect((await failure(() => assumeWith({ Policy: '{not json' }))).name).toBe('MalformedPolicyDocumentException');
    expect((await failure(() => assumeWith({ Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"s3:*","Resource":"*"}]}' }))).Code).toBe(
      'MalformedPolicyDocument',
    );
    const big = JSON.stringify({
      Version: '2012-10-17',
      Statement: Array.from({ length: 40 }, (_, i) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-number-${i}/*` })),
    });
    const err = await failure(() => assumeWith({ Policy: big }));
    expect(err.name).toBe('PackedPolicyTooLargeException');
    expect(err.message).toMatch(/^Packed policy consumes \d+% of allotted space, please use smaller policy\.$/);
  });

  it('serves regional endpoints and answers RegionDisabledException where STS is deactivated', async () => {
    const ok = await assumeWith({}, '/eu-west-1/', 'eu-west-1');
    expect(ok.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    // sandbox-prod has af-south-1 deactivated in world.json; sandbox-dev does not.
    const err = await failure(() => assumeWith({ RoleArn: PROD_ADMIN }, '/af-south-1/', 'af-south-1'));
    expect(err.name).toBe('RegionDisabledException');
    expect(err.$metadata?.httpStatusCode).toBe(403);
    expect(err.message).toBe(
      'STS is not activated in this region for account:444455556666. Your account administrator can activate STS in this region using the IAM Console.',
    );
    expect((await assumeWith({}, '/af-south-1/', 'af-south-1')).Credentials).toBeDefined();
  });

  it('fetches discovery and JWKS once and reuses them', async () => {
    const before = h.issuer.fetches();
    await assumeWith({});
    await assumeWith({});
    const after = h.issuer.fetches();
    expect(after.discovery).toBe(before.discovery);
    expect(after.jwks).toBe(before.jwks);
    expect(after.jwks).toBeGreaterThan(0);
  });
});
