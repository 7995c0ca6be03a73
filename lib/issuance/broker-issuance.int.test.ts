// Broker mode end to end: Keyport mints the token AWS trusts for each issuance, against the real
// test database, the sandbox IdPs and sandbox AWS loaded from sandbox/world.json (whose broker-mode
// roles trust Keyport's issuer exactly as the trust-policy generator prints).
import { randomUUID } from 'node:crypto';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { rotateKeySet } from '@/lib/broker/key-set';
import { generateBrokerKey } from '@/lib/broker/parse-broker-keys';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import { AppError } from '@/lib/errors/app-error';
import { createLogger } from '@/lib/log/logger';
import { trustPolicyFor } from '@/lib/mappings/trust-policy';
import { assumeRoleWithSaml } from '@/lib/sts/assume-role-with-saml';
import { assumeRoleWithWebIdentity } from '@/lib/sts/assume-role-with-web-identity';
import { startSandboxAws, type SandboxAws } from '@/sandbox/aws/server';
import { parseWorld } from '@/sandbox/aws/world';
import { startSandboxStack, type SandboxStack } from '@/test/sandbox-stack';
import { issueCredentials, type IssueDeps } from './issue-credentials';

let stack: SandboxStack;
let db: Db;
const logLines: string[] = [];
const log = createLogger({ level: 'debug', write: (l) => logLines.push(l) });
/** Every web identity token Keyport sent to STS in this file (the test captures them; Keyport never keeps one). */
const sent: Array<{ roleArn: string; token: string }> = [];

const PROD_RO = 'arn:aws:iam::444455556666:role/ProdReadOnly';
const PROD_ADMIN = 'arn:aws:iam::444455556666:role/platform/ProdAdmin';
const SEC = 'arn:aws:iam::111122223333:role/SecurityAudit';
const DRILL = 'arn:aws:iam::111122223333:role/RevocationDrill';
const DEV_RO = 'arn:aws:iam::111122223333:role/DevReadOnly';
const BROKER_ROLES = [PROD_RO, PROD_ADMIN, SEC, DRILL];

beforeAll(async () => {
  stack = await startSandboxStack();
  db = createPrismaClient(inject('databaseUrl'));
});
afterAll(async () => {
  await db?.$disconnect();
  await stack?.close();
});

function actorWith(groups: string[], email = 'alice@example.com'): Actor {
  return { sessionId: 's', sub: `sub-${randomUUID()}`, idpKind: 'OIDC', email, name: 'Alice', username: 'alice', groups, roles: ['employee'], idTokenExpiresAt: null, emailVerified: true };
}

async function mapping(group: string, roleArn: string, over: Partial<{ federationMode: 'broker' | 'broker-saml' | 'passthrough' | null; sessionTagAttributes: string[] }> = {}) {
  return db.roleMapping.create({
    data: {
      idpGroup: group,
      roleArn,
      accountId: roleArn.split(':')[4] ?? '',
      accountLabel: 'test',
      roleLabel: 'Test role',
      maxDurationSeconds: 3600,
      stsRegion: 'us-east-1',
      allowedRegions: ['us-east-1'],
      federationMode: over.federationMode ?? null,
      sessionTagAttributes: over.sessionTagAttributes ?? [],
      createdBy: 'test',
      updatedBy: 'test',
    },
  });
}

function deps(over: Partial<IssueDeps> = {}, endpoint = stack.aws.url): IssueDeps {
  return {
    db,
    log,
    federationMode: 'broker',
    broker: { issuer: stack.broker.url, audience: 'sts.amazonaws.com', keys: () => Promise.resolve(stack.broker.keys()) },
    issuer: stack.idp.issuer,
    clientId: stack.clientId,
    globalStsEndpoint: endpoint,
    rateLimitPerHour: 1000,
    refusalLimitPerHour: 1000,
    supportContact: 'the platform team',
    // Broker mode never needs the IdP's token; a passthrough mapping does.
    webIdentityToken: () => stack.tokenFor('alice'),
    assumeRole: (o) => {
      sent.push({ roleArn: o.roleArn, token: o.webIdentityToken });
      return assumeRoleWithWebIdentity({ ...o, backoffMs: 1 });
    },
    ...over,
  };
}

const ctx = () => ({ requestId: randomUUID(), sourceIp: '203.0.113.7', userAgent: 'vitest' });
const issue = (actor: Actor, mappingId: string, d = deps()) => issueCredentials({ actor, request: { mappingId, durationSeconds: 900, region: 'us-east-1' }, context: ctx(), deps: d });
const rawAssume = (roleArn: string, token: string, endpoint = stack.aws.url) =>
  assumeRoleWithWebIdentity({ endpoint, region: 'us-east-1', roleArn, roleSessionName: 'alice@example.com', webIdentityToken: token, durationSeconds: 900, maxAttempts: 1 });

async function whoami(c: { accessKeyId: string; secretAccessKey: string; sessionToken: string }, endpoint = stack.aws.url): Promise<string | undefined> {
  const sts = new STSClient({ region: 'us-east-1', endpoint, credentials: c, maxAttempts: 1 });
  try {
    return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
  } finally {
    sts.destroy();
  }
}

describe('broker mode (sandbox AWS loaded from world.json)', () => {
  it("refuses the person's raw IdP token on every broker-mode role, while Keyport issues each to the people mapped to it", async () => {
    const idpToken = await stack.tokenFor('alice');
    for (const role of BROKER_ROLES) {
      const raw = await rawAssume(role, idpToken);
      expect(raw.ok, role).toBe(false);
      expect(!raw.ok && raw.code, role).toBe('AccessDenied');

      const group = `grp-${randomUUID()}`;
      const m = await mapping(group, role);
      const issued = await issue(actorWith([group]), m.id);
      expect(await whoami(issued.credentials)).toBe(`arn:aws:sts::${role.split(':')[4]}:assumed-role/${role.split('/').pop()}/alice@example.com`);
    }
  });

  it('issues to a person signed in through SAML with no IdP token or assertion at all (the keyport CLI after login)', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mapping(group, PROD_RO);
    await db.roleMapping.update({ where: { id: m.id }, data: { idpKind: 'BOTH' } });
    const samlActor: Actor = { ...actorWith([group], 'sam@example.com'), idpKind: 'SAML', username: 'sam', name: 'Sam' };
    const issued = await issue(samlActor, m.id, deps({ webIdentityToken: () => Promise.reject(new Error('broker mode must not ask for an IdP token')) }));
    expect(await whoami(issued.credentials)).toBe('arn:aws:sts::444455556666:assumed-role/ProdReadOnly/sam@example.com');
  });

  it('the session carries the person’s tags and SourceIdentity (journal), and the audit records them', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mapping(group, SEC, { sessionTagAttributes: ['groups', 'idp'] });
    const context = ctx();
    const issued = await issueCredentials({ actor: actorWith([group]), request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' }, context, deps: deps() });
    const session = stack.journal().find((s) => s.accessKeyId === issued.credentials.accessKeyId);
    expect(session?.sourceIdentity).toBe('alice@example.com');
    expect(session?.tags).toEqual({ person: 'alice@example.com', email: 'alice@example.com', 'keyport-mapping': m.id, 'idp-groups': group, 'idp-idp': 'OIDC' });
    expect(session?.transitiveTagKeys).toEqual(['person', 'email', 'keyport-mapping', 'idp-groups', 'idp-idp']);
    expect(session?.subject).toBe(`role:${SEC}:person:alice@example.com`);

    const events = await db.auditEvent.findMany({ where: { requestId: context.requestId }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.type)).toEqual(['ISSUE_REQUESTED', 'ISSUE_SUCCEEDED']);
    for (const e of events) {
      expect(e.details).toMatchObject({ federationMode: 'broker', sourceIdentity: 'alice@example.com', tokenSubject: `role:${SEC}:person:alice@example.com`, sessionTags: session?.tags });
      expect(typeof (e.details as Record<string, unknown>)['signingKeyId']).toBe('string');
    }
  });

  it('a token Keyport minted for role A is refused for role B, and for A once it has expired', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mapping(group, PROD_RO);
    await issue(actorWith([group]), m.id);
    const captured = sent.filter((s) => s.roleArn === PROD_RO).pop()?.token ?? '';
    expect(captured.split('.')).toHaveLength(3);
    for (const other of [PROD_ADMIN, SEC, DRILL]) {
      const r = await rawAssume(other, captured);
      expect(!r.ok && r.code, other).toBe('AccessDenied');
    }
    stack.setAwsClockOffset(301_000);
    try {
      const late = await rawAssume(PROD_RO, captured);
      expect(!late.ok && late.code).toMatch(/ExpiredToken/);
    } finally {
      stack.setAwsClockOffset(0);
    }
  });

  it('a passthrough override keeps today’s behaviour: the IdP token goes to a role that trusts the IdP', async () => {
    const group = `grp-${randomUUID()}`;
    const passthrough = await mapping(group, DEV_RO, { federationMode: 'passthrough' });
    const issued = await issue(actorWith([group]), passthrough.id);
    expect(await whoami(issued.credentials)).toBe('arn:aws:sts::111122223333:assumed-role/DevReadOnly/alice@example.com');
    // The same role in broker mode: AWS (its trust policy) refuses Keyport's token, explained.
    const broker = await mapping(`grp-${randomUUID()}`, DEV_RO, { federationMode: 'broker' });
    const e = await issue(actorWith([broker.idpGroup]), broker.id).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).message).toContain('role:arn:aws:iam::111122223333:role/DevReadOnly:person:*');
  });

  it('refuses, audited and before AWS is asked, when broker mode has no key', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mapping(group, PROD_RO);
    const context = ctx();
    const before = stack.aws.stats().calls.AssumeRoleWithWebIdentity ?? 0;
    const { broker: _none, ...noBroker } = deps();
    const e = await issueCredentials({ actor: actorWith([group]), request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' }, context, deps: noBroker }).then(
      () => null,
      (err: unknown) => err,
    );
    expect((e as AppError).code).toBe('upstream');
    expect((e as AppError).message).toMatch(/cannot mint the token AWS trusts/);
    expect(stack.aws.stats().calls.AssumeRoleWithWebIdentity ?? 0).toBe(before);
    const events = await db.auditEvent.findMany({ where: { requestId: context.requestId } });
    expect(events.map((x) => [x.type, (x.details as Record<string, unknown>)['reason']])).toEqual([['ISSUE_DENIED', 'broker misconfigured']]);
  });

  it('refuses tags AWS would refuse, before AWS is asked', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mapping(group, PROD_RO, { sessionTagAttributes: ['name'] });
    const e = await issue({ ...actorWith([group]), name: 'Alice <script>' }, m.id).then(
      () => null,
      (err: unknown) => err,
    );
    expect((e as AppError).message).toMatch(/characters AWS does not allow/);
  });

  it('mints with the new key after a rotation; tokens of the old key still verify until it retires', async () => {
    const old = stack.broker.keys();
    const group = `grp-${randomUUID()}`;
    const m = await mapping(group, PROD_RO);
    // A new key, published now, signing in 0.2 s.
    const rotated = rotateKeySet(old, await generateBrokerKey('RS256'), new Date(), 0.2);
    stack.broker.setKeys(rotated);
    // An AWS that fetches (and caches) the JWKS while the new key is published but not yet signing:
    // publishing first is what lets it verify the new key's tokens without refetching.
    const fresh = await startSandboxAws({ world: stack.world });
    try {
      await issue(actorWith([group]), m.id, deps({}, fresh.url));
      const byOld = sent.filter((s) => s.roleArn === PROD_RO).pop()?.token ?? '';
      await new Promise((r) => setTimeout(r, 250));
      await issue(actorWith([group]), m.id, deps({}, fresh.url));
      const byNew = sent.filter((s) => s.roleArn === PROD_RO).pop()?.token ?? '';
      const kid = (t: string) => (JSON.parse(Buffer.from(t.split('.')[0] ?? '', 'base64url').toString()) as { kid: string }).kid;
      expect(kid(byOld)).toBe(old.keys[0]?.kid);
      expect(kid(byNew)).toBe(rotated.keys[1]?.kid);
      // Both verify while the old key is still published.
      for (const t of [byOld, byNew]) expect((await rawAssume(PROD_RO, t, fresh.url)).ok).toBe(true);
      // Once the old key is retired (dropped from the JWKS), its tokens no longer verify.
      stack.broker.setKeys({ keys: rotated.keys.slice(1) });
      const again = await startSandboxAws({ world: stack.world });
      try {
        const r = await rawAssume(PROD_RO, byOld, again.url);
        expect(!r.ok && r.code).toBe('InvalidIdentityToken');
        expect((await rawAssume(PROD_RO, byNew, again.url)).ok).toBe(true);
      } finally {
        await again.close();
      }
    } finally {
      await fresh.close();
      stack.broker.setKeys(old);
    }
  });

  it('never writes the minted tokens or the private key to the database or the logs', async () => {
    expect(sent.length).toBeGreaterThan(3);
    // Every row of every table a token or key could land in: the audit and its actors, sessions, mappings, SAML state.
    const bigints = (_k: string, v: unknown) => (typeof v === 'bigint' ? String(v) : v);
    const dump = JSON.stringify(
      await Promise.all([db.auditEvent.findMany({}), db.session.findMany({}), db.roleMapping.findMany({}), db.auditActor.findMany({}), db.samlRequest.findMany({}), db.samlUsedAssertion.findMany({})]),
      bigints,
    );
    expect(dump.length).toBeGreaterThan(1000);
    const logs = logLines.join('\n');
    const d = stack.broker.keys().keys[0]?.privateJwk.d ?? '';
    expect(d.length).toBeGreaterThan(20);
    for (const { token } of sent) {
      const signature = token.split('.')[2] ?? '';
      for (const text of [dump, logs]) {
        expect(text).not.toContain(token);
        expect(text).not.toContain(signature);
      }
    }
    for (const text of [dump, logs]) expect(text).not.toContain(d);
    const sessions = JSON.stringify(await db.session.findMany({}));
    expect(sessions).not.toContain(d);
  });
});

describe('a trust policy printed by the generator', () => {
  const ROLE = 'arn:aws:iam::111122223333:role/GeneratedBroker';
  const OTHER = 'arn:aws:iam::111122223333:role/SomeOtherRole';

  async function awsWith(policy: unknown): Promise<SandboxAws> {
    const world = parseWorld(
      { accounts: [{ id: '111122223333', label: 'dev' }], oidcProviders: [{ account: '111122223333', url: '${BROKER_ISSUER}', clientIds: ['sts.amazonaws.com'] }], roles: [{ arn: ROLE, trustPolicy: policy }] },
      { OIDC_ISSUER: stack.idp.issuer, OIDC_CLIENT_ID: stack.clientId, BROKER_ISSUER: stack.broker.url },
    );
    return startSandboxAws({ world });
  }
  const print = (roleArn: string) => trustPolicyFor({ idpKind: 'OIDC', roleArn, issuer: stack.idp.issuer, clientId: stack.clientId, samlProviderArn: null, broker: { issuer: stack.broker.url, audience: 'sts.amazonaws.com' } });

  it('lets sandbox AWS issue for real; the same policy with another role’s sub condition refuses', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mapping(group, ROLE);
    const good = await awsWith(print(ROLE));
    try {
      const issued = await issue(actorWith([group]), m.id, deps({}, good.url));
      expect(await whoami(issued.credentials, good.url)).toBe('arn:aws:sts::111122223333:assumed-role/GeneratedBroker/alice@example.com');
    } finally {
      await good.close();
    }
    // The statement printed for another role, put on this one: its sub condition names the other role.
    const other = print(OTHER);
    const bad = await awsWith(JSON.parse(JSON.stringify(other)) as unknown);
    try {
      const e = await issue(actorWith([group]), m.id, deps({}, bad.url)).then(
        () => null,
        (err: unknown) => err,
      );
      expect((e as AppError).extra.detail).toMatchObject({ stsErrorCode: 'AccessDenied' });
    } finally {
      await bad.close();
    }
  });
});

describe('SAML broker mode', () => {
  const ROLE = 'arn:aws:iam::111122223333:role/BrokerSamlDeveloper';
  const PROVIDER = 'arn:aws:iam::111122223333:saml-provider/KeyportBroker';
  const assertions: Array<{ roleArn: string; samlAssertion: string }> = [];
  const samlDeps = (over: Partial<IssueDeps> = {}) =>
    deps({
      brokerSaml: { entityId: stack.broker.saml.entityId, key: () => Promise.resolve(stack.broker.saml.key) },
      assumeRoleWithSaml: (o) => {
        assertions.push({ roleArn: o.roleArn, samlAssertion: o.samlAssertion });
        return assumeRoleWithSaml({ ...o, backoffMs: 1 });
      },
      ...over,
    });
  async function samlMapping(group: string, samlProviderArn: string | null = PROVIDER) {
    const m = await mapping(group, ROLE, { federationMode: 'broker-saml', sessionTagAttributes: ['idp'] });
    return db.roleMapping.update({ where: { id: m.id }, data: { samlProviderArn, idpKind: 'OIDC' } });
  }

  it('issues through AssumeRoleWithSAML to a person who signed in with OIDC, with tags and SourceIdentity', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await samlMapping(group);
    const before = stack.aws.stats().calls.AssumeRoleWithSAML ?? 0;
    const context = ctx();
    const issued = await issueCredentials({ actor: actorWith([group]), request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' }, context, deps: samlDeps() });
    expect(stack.aws.stats().calls.AssumeRoleWithSAML ?? 0).toBe(before + 1);
    expect(await whoami(issued.credentials)).toBe('arn:aws:sts::111122223333:assumed-role/BrokerSamlDeveloper/alice@example.com');
    const session = stack.journal().find((s) => s.accessKeyId === issued.credentials.accessKeyId);
    expect(session?.provider).toBe(PROVIDER);
    expect(session?.sourceIdentity).toBe('alice@example.com');
    expect(session?.tags).toEqual({ person: 'alice@example.com', email: 'alice@example.com', 'keyport-mapping': m.id, 'idp-idp': 'OIDC' });
    const events = await db.auditEvent.findMany({ where: { requestId: context.requestId }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => [e.type, (e.details as Record<string, unknown>)['federationMode'], (e.details as Record<string, unknown>)['sourceIdentity']])).toEqual([
      ['ISSUE_REQUESTED', 'broker-saml', 'alice@example.com'],
      ['ISSUE_SUCCEEDED', 'broker-saml', 'alice@example.com'],
    ]);
    // The assertion is nowhere in the database or the logs.
    const assertion = assertions.at(-1)?.samlAssertion ?? '';
    expect(assertion.length).toBeGreaterThan(500);
    const dump = JSON.stringify(events, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    expect(dump).not.toContain(assertion.slice(100, 200));
    expect(logLines.join('\n')).not.toContain(assertion.slice(100, 200));
  });

  it('an assertion Keyport signed for one role opens no other', async () => {
    const assertion = assertions.find((a) => a.roleArn === ROLE)?.samlAssertion ?? '';
    const other = await assumeRoleWithSaml({ endpoint: stack.aws.url, region: 'us-east-1', roleArn: 'arn:aws:iam::111122223333:role/SamlDeveloper', principalArn: PROVIDER, samlAssertion: assertion, durationSeconds: 900, maxAttempts: 1 });
    expect(!other.ok && other.code).toBe('AccessDenied');
  });

  it('the role refuses an assertion under Keyport’s provider signed by a key that is not Keyport’s', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await samlMapping(group);
    // Signed by a key that is not Keyport's SAML key: the metadata's certificate does not verify it.
    const foreignKey = { privateKeyPem: '', certPem: '' };
    const { generateKeyPairSync } = await import('node:crypto');
    const { selfSignedCertificate } = await import('@/sandbox/saml/certificate');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    foreignKey.privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    foreignKey.certPem = selfSignedCertificate({ privateKey, commonName: 'mallory' });
    const e = await issue(actorWith([group]), m.id, samlDeps({ brokerSaml: { entityId: stack.broker.saml.entityId, key: () => Promise.resolve(foreignKey) } })).then(
      () => null,
      (err: unknown) => err,
    );
    expect((e as AppError).extra.detail).toMatchObject({ stsErrorCode: 'InvalidIdentityToken' });
  });

  it('refuses, before AWS is asked, a SAML broker mapping without a SAML provider, or without SAML broker configured', async () => {
    const before = stack.aws.stats().calls.AssumeRoleWithSAML ?? 0;
    const noProvider = await samlMapping(`grp-${randomUUID()}`, null);
    const e1 = await issue(actorWith([noProvider.idpGroup]), noProvider.id, samlDeps()).then(
      () => null,
      (err: unknown) => err,
    );
    expect((e1 as AppError).message).toMatch(/names no IAM SAML provider/);
    const configured = await samlMapping(`grp-${randomUUID()}`);
    const { brokerSaml: _x, ...unconfigured } = samlDeps();
    const e2 = await issue(actorWith([configured.idpGroup]), configured.id, unconfigured).then(
      () => null,
      (err: unknown) => err,
    );
    expect((e2 as AppError).message).toMatch(/SAML broker mode is not configured/);
    expect(stack.aws.stats().calls.AssumeRoleWithSAML ?? 0).toBe(before);
  });
});
