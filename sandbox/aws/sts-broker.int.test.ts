// Sandbox AWS as the AWS that trusts Keyport (broker mode): the broker-mode roles of world.json
// admit only tokens Keyport minted for that very role, validate the session-tags and
// source-identity claims as STS does, require sts:TagSession / sts:SetSourceIdentity, evaluate
// aws:RequestTag, aws:PrincipalTag, sts:SourceIdentity and <issuer>:sub conditions, and keep the
// tags and source identity with the issued session (journal).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintWebIdentityToken } from '@/lib/broker/mint-web-identity-token';
import { signingKeyAt } from '@/lib/broker/key-set';
import { journalPathOf } from './state';
import { failure, PROD_ADMIN, startHarness, type Harness, type RawWorld } from './testing';
import { withoutScheme } from './world';

const PROD_RO = 'arn:aws:iam::444455556666:role/ProdReadOnly';
const SEC = 'arn:aws:iam::111122223333:role/SecurityAudit';
const DRILL = 'arn:aws:iam::111122223333:role/RevocationDrill';
const BROKER_ROLES = [PROD_RO, PROD_ADMIN, SEC, DRILL];
const NO_TAG_SESSION = 'arn:aws:iam::111122223333:role/BrokerNoTagSession';
const NO_SOURCE_IDENTITY = 'arn:aws:iam::111122223333:role/BrokerNoSourceIdentity';
const CONDITIONED = 'arn:aws:iam::111122223333:role/BrokerConditioned';

let h: Harness;
let dir: string;

/** Extra roles trusting the broker provider with fewer actions, or with tag/identity conditions. */
function addRoles(raw: RawWorld): void {
  const federated = { Federated: 'arn:aws:iam::111122223333:oidc-provider/${BROKER_PROVIDER}' };
  const aud = { '${BROKER_PROVIDER}:aud': '${BROKER_AUDIENCE}' };
  raw.roles.push(
    { arn: NO_TAG_SESSION, trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: federated, Action: ['sts:AssumeRoleWithWebIdentity', 'sts:SetSourceIdentity'], Condition: { StringEquals: aud } }] } },
    { arn: NO_SOURCE_IDENTITY, trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: federated, Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'], Condition: { StringEquals: aud } }] } },
    {
      arn: CONDITIONED,
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: federated,
            Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:SetSourceIdentity'],
            Condition: {
              StringEquals: { ...aud, '${BROKER_PROVIDER}:sub': `role:${CONDITIONED}:person:alice@example.com`, 'aws:RequestTag/email': 'alice@example.com' },
              StringLike: { 'sts:SourceIdentity': '*@example.com' },
            },
          },
        ],
      },
      // A Deny on the session's own tag: the PrincipalTag of the session is in its request context.
      inlinePolicies: { denyTagged: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sts:GetCallerIdentity', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/idp-name': 'Blocked' } } }] } },
    },
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sandbox-broker-'));
  h = await startHarness({ mutateWorld: addRoles, statePath: join(dir, 'state.json') });
});
afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function assume(roleArn: string, token: string, sessionName = 'alice@example.com') {
  return h.anonSts().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: sessionName, WebIdentityToken: token }));
}

/** A token signed with Keyport's broker key but with claims of the test's choosing. */
async function signed(claims: Record<string, unknown>, sub = `role:${PROD_RO}:person:alice@example.com`): Promise<string> {
  const key = signingKeyAt(h.broker.keys(), new Date());
  if (!key) throw new Error('no key');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setIssuer(h.broker.url)
    .setAudience('sts.amazonaws.com')
    .setSubject(sub)
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .sign(await importJWK(key.privateJwk, key.alg));
}

describe('broker-mode roles', () => {
  it('refuse a raw IdP token with AccessDenied, every one of them', async () => {
    for (const role of BROKER_ROLES) {
      const e = await failure(async () => assume(role, await h.token({ sub: 'alice', email: 'alice@example.com' })));
      expect(e.name, role).toBe('AccessDenied');
    }
  });

  it('issue to a token Keyport minted for that role, with tags and SourceIdentity kept in the journal', async () => {
    const { token } = await h.broker.mint({ roleArn: PROD_RO, person: 'alice@example.com', tagAttributes: ['groups'], source: { groups: ['oncall'] } });
    const out = await assume(PROD_RO, token);
    expect(out.SourceIdentity).toBe('alice@example.com');
    expect(out.SubjectFromWebIdentityToken).toBe(`role:${PROD_RO}:person:alice@example.com`);
    const keyId = out.Credentials?.AccessKeyId ?? '';
    const me = await h.sts(out.Credentials ?? {}).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe('arn:aws:sts::444455556666:assumed-role/ProdReadOnly/alice@example.com');
    const line = readFileSync(journalPathOf(join(dir, 'state.json')), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((s) => s['accessKeyId'] === keyId);
    expect(line?.['sourceIdentity']).toBe('alice@example.com');
    expect(line?.['tags']).toEqual({ person: 'alice@example.com', email: 'alice@example.com', 'keyport-mapping': 'test-mapping', 'idp-groups': 'oncall' });
    expect(line?.['transitiveTagKeys']).toEqual(['person', 'email', 'keyport-mapping', 'idp-groups']);
    // The journal never holds the token.
    expect(readFileSync(journalPathOf(join(dir, 'state.json')), 'utf8')).not.toContain(token);
  });

  it('refuse a token minted for another role with AccessDenied', async () => {
    const { token } = await h.broker.mint({ roleArn: PROD_RO, person: 'alice@example.com' });
    for (const other of [PROD_ADMIN, SEC, DRILL]) expect((await failure(() => assume(other, token))).name, other).toBe('AccessDenied');
  });

  it('refuse the right token once it has expired', async () => {
    const { token } = await h.broker.mint({ roleArn: PROD_RO, person: 'alice@example.com' });
    h.setClockOffset(301_000);
    try {
      expect((await failure(() => assume(PROD_RO, token))).name).toBe('ExpiredTokenException');
    } finally {
      h.setClockOffset(0);
    }
  });

  it('refuse a token for the role signed by a key the JWKS does not publish', async () => {
    const { generateBrokerKey } = await import('@/lib/broker/parse-broker-keys');
    const foreign = await generateBrokerKey('ES256');
    const key = { ...foreign, kid: h.broker.keys().keys[0]?.kid ?? '', createdAt: '', signsFrom: '' };
    const token = await mintWebIdentityToken({ key, issuer: h.broker.url, audience: 'sts.amazonaws.com', subject: `role:${PROD_RO}:person:alice@example.com`, tags: {}, sourceIdentity: 'alice@example.com', now: new Date() });
    expect((await failure(() => assume(PROD_RO, token))).name).toBe('InvalidIdentityTokenException');
  });
});

describe('the tags claim', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['not an object', 'person=alice', /must be an object/],
    ['no principal_tags', { transitive_tag_keys: [] }, /principal_tags/],
    ['two values for a tag', { principal_tags: { team: ['a', 'b'] } }, /exactly one string value/],
    ['51 tags', { principal_tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, ['v']])) }, /exceeds the limit of 50/],
    ['a key of 129 characters', { principal_tags: { ['k'.repeat(129)]: ['v'] } }, /key .* is invalid/],
    ['a value of 257 characters', { principal_tags: { k: ['v'.repeat(257)] } }, /value of k is invalid/],
    ['a value with a comma', { principal_tags: { k: ['a,b'] } }, /value of k is invalid/],
    ['the aws: prefix', { principal_tags: { 'aws:x': ['v'] } }, /reserved prefix/],
    ['keys equal but for case', { principal_tags: { Team: ['a'], team: ['b'] } }, /Duplicate/],
    ['a transitive key that is no tag', { principal_tags: { a: ['v'] }, transitive_tag_keys: ['b'] }, /not a session tag/],
  ];
  for (const [what, claim, message] of cases) {
    it(`is refused with ${what}`, async () => {
      const e = await failure(async () => assume(PROD_RO, await signed({ 'https://aws.amazon.com/tags': claim })));
      expect(e.name).toBe('InvalidIdentityTokenException');
      expect(e.message).toMatch(message);
    });
  }

  it('whose tags and policy exceed the packed size is refused with PackedPolicyTooLarge', async () => {
    const principal_tags = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`key-${String(i).padStart(100, '0')}`, ['v'.repeat(250)]]));
    const e = await failure(async () => assume(PROD_RO, await signed({ 'https://aws.amazon.com/tags': { principal_tags } })));
    expect(e.name).toBe('PackedPolicyTooLargeException');
  });

  it('with a bad source identity is refused', async () => {
    for (const si of ['a', 'has space', 'aws:admin', 42]) {
      const e = await failure(async () => assume(PROD_RO, await signed({ 'https://aws.amazon.com/source_identity': si })));
      expect(e.name).toBe('InvalidIdentityTokenException');
    }
  });
});

describe('trust policy actions and conditions', () => {
  it('tags need sts:TagSession in the trust policy', async () => {
    const tagged = (await h.broker.mint({ roleArn: NO_TAG_SESSION, person: 'alice@example.com' })).token;
    const e = await failure(() => assume(NO_TAG_SESSION, tagged));
    expect(e.name).toBe('AccessDenied');
    expect(e.message).toContain('sts:TagSession');
    const untagged = await signed({ 'https://aws.amazon.com/source_identity': 'alice@example.com' }, `role:${NO_TAG_SESSION}:person:alice`);
    expect((await assume(NO_TAG_SESSION, untagged)).SourceIdentity).toBe('alice@example.com');
  });

  it('a source identity needs sts:SetSourceIdentity in the trust policy', async () => {
    const e = await failure(async () => assume(NO_SOURCE_IDENTITY, (await h.broker.mint({ roleArn: NO_SOURCE_IDENTITY, person: 'alice@example.com' })).token));
    expect(e.name).toBe('AccessDenied');
    expect(e.message).toContain('sts:SetSourceIdentity');
    const tagsOnly = await signed({ 'https://aws.amazon.com/tags': { principal_tags: { person: ['alice'] } } }, `role:${NO_SOURCE_IDENTITY}:person:alice`);
    expect((await assume(NO_SOURCE_IDENTITY, tagsOnly)).Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });

  it('<issuer>:sub StringEquals, aws:RequestTag and sts:SourceIdentity StringLike decide', async () => {
    const ok = await h.broker.mint({ roleArn: CONDITIONED, person: 'alice@example.com' });
    expect((await assume(CONDITIONED, ok.token)).SourceIdentity).toBe('alice@example.com');
    // Another person: sub differs.
    const bob = await h.broker.mint({ roleArn: CONDITIONED, person: 'bob@example.com' });
    expect((await failure(() => assume(CONDITIONED, bob.token, 'bob@example.com'))).name).toBe('AccessDenied');
    // Right sub, wrong e-mail tag.
    const wrongTag = await signed(
      { 'https://aws.amazon.com/tags': { principal_tags: { email: ['mallory@example.com'] } }, 'https://aws.amazon.com/source_identity': 'alice@example.com' },
      `role:${CONDITIONED}:person:alice@example.com`,
    );
    expect((await failure(() => assume(CONDITIONED, wrongTag))).name).toBe('AccessDenied');
    // Right sub and tag, source identity outside the StringLike.
    const wrongSource = await signed(
      { 'https://aws.amazon.com/tags': { principal_tags: { email: ['alice@example.com'] } }, 'https://aws.amazon.com/source_identity': 'alice-elsewhere' },
      `role:${CONDITIONED}:person:alice@example.com`,
    );
    expect((await failure(() => assume(CONDITIONED, wrongSource))).name).toBe('AccessDenied');
  });

  it('aws:PrincipalTag of the session is evaluated by its policies', async () => {
    const blocked = await h.broker.mint({ roleArn: CONDITIONED, person: 'alice@example.com', tagAttributes: ['name'], source: { name: 'Blocked' } });
    const creds = (await assume(CONDITIONED, blocked.token)).Credentials ?? {};
    expect((await failure(() => h.sts(creds).send(new GetCallerIdentityCommand({})))).name).toBe('AccessDenied');
    const fine = await h.broker.mint({ roleArn: CONDITIONED, person: 'alice@example.com', tagAttributes: ['name'], source: { name: 'Alice' } });
    expect(await h.whoami((await assume(CONDITIONED, fine.token)).Credentials ?? {})).toBe('arn:aws:sts::111122223333:assumed-role/BrokerConditioned/alice@example.com');
  });

  it('the broker provider is named without its scheme, like IAM does', () => {
    expect(h.world.oidcProviders.some((p) => withoutScheme(p.url) === withoutScheme(h.broker.url) && p.clientIds.includes('sts.amazonaws.com'))).toBe(true);
  });
});
