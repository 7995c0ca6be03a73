// Sandbox AWS's AssumeRole and DecodeAuthorizationMessage, as AWS implements them: signed by the
// caller's session (role chaining), the target's trust policy (Principal AWS = the hub role), the
// 1-hour chaining cap, SourceIdentity set once and carried, transitive tags carried and never
// overridden, revocation denies on the calling role, GetCallerIdentity of the target session, the
// journal's SourceIdentity on both hops; a sandbox-only action refused with an encoded message
// that only the account's DecodeAuthorizationMessage opens.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssumeRoleCommand, DecodeAuthorizationMessageCommand, type Credentials } from '@aws-sdk/client-sts';
import { PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodedPart, readDemoSecretWith } from './demo-secret-client';
import { journalPathOf } from './state';
import { failure, startHarness, type Harness, type Keys } from './testing';

const HUB = 'arn:aws:iam::111122223333:role/KeyportHub';
const TARGET = 'arn:aws:iam::777788889999:role/SharedServicesReadOnly';
const PERSON = 'alice@example.com';

const DEV_DEVELOPER = 'arn:aws:iam::111122223333:role/DevDeveloper';
const SAME_ACCOUNT = 'arn:aws:iam::111122223333:role/ChainFromDeveloper';
const NO_SET_SOURCE = 'arn:aws:iam::111122223333:role/ChainNoSetSourceIdentity';
const ACCOUNT_TRUST = 'arn:aws:iam::111122223333:role/ChainTrustsAccount';

/** Targets trusting a passthrough role (DevDeveloper, whose sessions carry no SourceIdentity). */
function addRoles(raw: { roles: Array<Record<string, unknown>> }): void {
  const trust = (principal: string, actions: string[]) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: actions }] });
  raw.roles.push(
    { arn: SAME_ACCOUNT, trustPolicy: trust(DEV_DEVELOPER, ['sts:AssumeRole', 'sts:SetSourceIdentity']) },
    { arn: NO_SET_SOURCE, trustPolicy: trust(DEV_DEVELOPER, ['sts:AssumeRole']) },
    { arn: ACCOUNT_TRUST, trustPolicy: trust('arn:aws:iam::111122223333:root', ['sts:AssumeRole']) },
  );
}

let h: Harness;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sandbox-chain-'));
  h = await startHarness({ statePath: join(dir, 'state.json'), mutateWorld: addRoles });
});
afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

const keys = (c: Keys) => ({ accessKeyId: c.AccessKeyId ?? '', secretAccessKey: c.SecretAccessKey ?? '', sessionToken: c.SessionToken ?? '' });
async function hub(person = PERSON): Promise<Credentials> {
  return h.assumeBroker(HUB, person);
}
const chain = (from: Credentials, input: Partial<ConstructorParameters<typeof AssumeRoleCommand>[0]> = {}) =>
  h.sts(from).send(new AssumeRoleCommand({ RoleArn: TARGET, RoleSessionName: PERSON, ...input }));

describe('AssumeRole (role chaining)', () => {
  it('assumes the target with the hub session: GetCallerIdentity names the target, SourceIdentity and transitive tags carried, both hops in the journal', async () => {
    const first = await hub();
    const out = await chain(first, { DurationSeconds: 3600 });
    expect(out.SourceIdentity).toBe(PERSON);
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::777788889999:assumed-role/SharedServicesReadOnly/${PERSON}`);
    expect(await h.whoami(out.Credentials ?? {})).toBe(`arn:aws:sts::777788889999:assumed-role/SharedServicesReadOnly/${PERSON}`);
    const lines = readFileSync(journalPathOf(join(dir, 'state.json')), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    const hop1 = lines.find((l) => l['accessKeyId'] === first.AccessKeyId);
    const hop2 = lines.find((l) => l['accessKeyId'] === out.Credentials?.AccessKeyId);
    expect(hop1?.['sourceIdentity']).toBe(PERSON);
    expect(hop2?.['sourceIdentity']).toBe(PERSON);
    expect(hop2?.['chainedFrom']).toBe(first.AccessKeyId);
    // The broker's transitive tags (person, email, keyport-mapping) pass to the chained session.
    expect(hop2?.['tags']).toMatchObject({ person: PERSON, email: PERSON });
    expect(hop2?.['transitiveTagKeys']).toEqual(expect.arrayContaining(['person', 'email']));
    const recent = h.aws.stats().recent.filter((r) => r.action === 'AssumeRole');
    expect(recent.at(-1)).toMatchObject({ callerAccessKeyId: first.AccessKeyId, accessKeyId: out.Credentials?.AccessKeyId, sourceIdentity: PERSON });
  });

  it('refuses more than one hour when chaining, with AWS\'s ValidationError text (the role allows 4 h)', async () => {
    const e = await failure(async () => chain(await hub(), { DurationSeconds: 4 * 3600 }));
    expect(e.name).toBe('ValidationError');
    expect(e.message).toBe('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  });

  it('refuses to change the SourceIdentity along the chain, and carries it when the request names none', async () => {
    const first = await hub();
    const e = await failure(() => chain(first, { SourceIdentity: 'mallory@example.com' }));
    expect(e.name).toBe('InvalidParameterValue');
    expect((await chain(first, { SourceIdentity: PERSON })).SourceIdentity).toBe(PERSON);
    expect((await chain(first)).SourceIdentity).toBe(PERSON);
  });

  it('refuses to override a transitive tag, and accepts a new one', async () => {
    const first = await hub();
    const e = await failure(() => chain(first, { Tags: [{ Key: 'Person', Value: 'mallory' }] }));
    expect(e.name).toBe('InvalidParameterValue');
    expect((await chain(first, { Tags: [{ Key: 'ticket', Value: 'OPS-1' }] })).Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });

  it('refuses a caller the trust policy does not name (another role, the account admin), and an unsigned call', async () => {
    const other = await h.assumeBroker('arn:aws:iam::111122223333:role/SecurityAudit', PERSON);
    expect((await failure(() => chain(other))).name).toBe('AccessDenied');
    const admin = h.aws.iamAdminCredentials('111122223333');
    const asAdmin = h.sts({ AccessKeyId: admin?.accessKeyId, SecretAccessKey: admin?.secretAccessKey });
    expect((await failure(() => asAdmin.send(new AssumeRoleCommand({ RoleArn: TARGET, RoleSessionName: 'admin' })))).name).toBe('AccessDenied');
    expect((await failure(() => h.anonSts().send(new AssumeRoleCommand({ RoleArn: TARGET, RoleSessionName: 'anon' })))).name).toMatch(/MissingAuthenticationToken|CredentialsProviderError|InvalidClientTokenId/);
  });

  it('refuses the hub session once a revocation (aws:TokenIssueTime deny) is on the hub role; a new session works', async () => {
    const person = 'revoked-chain@example.com';
    const before = await hub(person);
    await new Promise((r) => setTimeout(r, 5));
    const cutoff = new Date();
    await h.iamAdmin('111122223333').send(
      new PutRolePolicyCommand({
        RoleName: 'KeyportHub',
        PolicyName: 'KeyportRevoke-test',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringLike: { 'aws:userid': `*:${person}` }, DateLessThan: { 'aws:TokenIssueTime': cutoff.toISOString() } } }] }),
      }),
    );
    const e = await failure(() => chain(before, { RoleSessionName: person }));
    expect(e.name).toBe('AccessDenied');
    expect(e.message).toContain('with an explicit deny in an identity-based policy');
    await new Promise((r) => setTimeout(r, 5));
    expect((await chain(await hub(person), { RoleSessionName: person })).Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });
});

describe('AssumeRole from a passthrough session (no SourceIdentity yet)', () => {
  it('sets the SourceIdentity at the second hop, which then needs sts:SetSourceIdentity in the trust policy', async () => {
    const first = await h.assume(DEV_DEVELOPER, PERSON);
    const out = await h.sts(first).send(new AssumeRoleCommand({ RoleArn: SAME_ACCOUNT, RoleSessionName: PERSON, SourceIdentity: PERSON }));
    expect(out.SourceIdentity).toBe(PERSON);
    expect(await h.whoami(out.Credentials ?? {})).toBe(`arn:aws:sts::111122223333:assumed-role/ChainFromDeveloper/${PERSON}`);
    const refused = await failure(() => h.sts(first).send(new AssumeRoleCommand({ RoleArn: NO_SET_SOURCE, RoleSessionName: PERSON, SourceIdentity: PERSON })));
    expect(refused.name).toBe('AccessDenied');
    expect(refused.message).toContain('sts:SetSourceIdentity');
    expect((await h.sts(first).send(new AssumeRoleCommand({ RoleArn: NO_SET_SOURCE, RoleSessionName: PERSON }))).SourceIdentity).toBeUndefined();
  });

  it('a trust policy naming only the account needs the caller’s own allow (DevDeveloper has none)', async () => {
    const first = await h.assume(DEV_DEVELOPER, PERSON);
    const e = await failure(() => h.sts(first).send(new AssumeRoleCommand({ RoleArn: ACCOUNT_TRUST, RoleSessionName: PERSON })));
    expect(e.name).toBe('AccessDenied');
    expect(e.message).toContain('because no identity-based policy allows the sts:AssumeRole action');
  });
});

describe('DecodeAuthorizationMessage and the demo denial', () => {
  it('answers a refused sandbox action with an encoded message that the account decodes into the explicit deny', async () => {
    const target = (await chain(await hub())).Credentials ?? {};
    expect(await readDemoSecretWith({ endpoint: h.aws.url, credentials: keys(target), secretName: 'build-cache' })).toMatchObject({ status: 200 });
    const denied = await readDemoSecretWith({ endpoint: h.aws.url, credentials: keys(target), secretName: 'payroll' });
    expect(denied).toMatchObject({ status: 403, code: 'UnauthorizedOperation' });
    expect(denied.message).toContain('with an explicit deny in an identity-based policy');
    const encoded = encodedPart(denied.message ?? '');
    expect(encoded.length).toBeGreaterThan(100);
    expect(Buffer.from(encoded, 'base64url').toString('utf8')).not.toContain('payroll'); // opaque

    // The decoder role of the target account decodes it; the admin key assumes it.
    const admin = h.aws.iamAdminCredentials('111122223333');
    const asAdmin = h.sts({ AccessKeyId: admin?.accessKeyId, SecretAccessKey: admin?.secretAccessKey });
    const decoder = (await asAdmin.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::777788889999:role/KeyportDecoder', RoleSessionName: 'keyport-decode' }))).Credentials ?? {};
    const out = await h.sts(decoder).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }));
    const decoded = JSON.parse(out.DecodedMessage ?? '{}') as { allowed: boolean; explicitDeny: boolean; matchedStatements: { items: Array<{ statementId: string; effect: string }> }; context: { principal: { arn: string }; action: string; resource: string } };
    expect(decoded).toMatchObject({ allowed: false, explicitDeny: true });
    expect(decoded.matchedStatements.items).toEqual([expect.objectContaining({ statementId: 'DenyPayrollToEveryone', effect: 'DENY' })]);
    expect(decoded.context).toMatchObject({ principal: { arn: `arn:aws:sts::777788889999:assumed-role/SharedServicesReadOnly/${PERSON}` }, action: 'sandbox:ReadDemoSecret', resource: 'arn:aws:sandbox:us-east-1:777788889999:secret/payroll' });

    // Another account's decoder cannot open it; a session without the permission may not decode.
    const devDecoder = (await asAdmin.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111122223333:role/KeyportDecoder', RoleSessionName: 'keyport-decode' }))).Credentials ?? {};
    expect((await failure(() => h.sts(devDecoder).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded })))).name).toBe('InvalidAuthorizationMessageException');
    expect((await failure(() => h.sts(target).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded })))).name).toBe('AccessDenied');
    expect((await failure(() => h.sts(decoder).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: 'not-a-message' })))).name).toBe('InvalidAuthorizationMessageException');
  });
});
