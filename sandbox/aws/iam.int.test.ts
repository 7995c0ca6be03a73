import {
  DeleteRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ACCOUNT, DEV_DEVELOPER, failure, PROD_ACCOUNT, startHarness, type Harness } from './testing';

let h: Harness;
const AUDITOR = 'arn:aws:iam::111122223333:role/Revoker';

beforeAll(async () => {
  h = await startHarness({
    mutateWorld: (raw, issuerUrl) => {
      const provider = issuerUrl.replace(/^https?:\/\//, '');
      raw.roles.push({
        arn: AUDITOR,
        description: 'May manage inline policies of Dev roles only',
        trustPolicy: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${provider}` }, Action: 'sts:AssumeRoleWithWebIdentity' }],
        },
        inlinePolicies: {
          manage: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: ['iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:Get*', 'iam:List*'], Resource: 'arn:aws:iam::111122223333:role/Dev*' },
            ],
          },
        },
      });
    },
  });
});
afterAll(async () => {
  await h.close();
});

function revokeOlderThan(time: Date): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Action: ['*'], Resource: ['*'], Condition: { DateLessThan: { 'aws:TokenIssueTime': time.toISOString() } } }],
  });
}

describe('IAM inline policies and revocation', () => {
  it('revokes sessions issued before a time, keeps later ones working, and lifts it on delete', async () => {
    const iam = h.iamAdmin();
    const old = await h.assume(DEV_DEVELOPER, 'old-session');
    expect(await h.whoami(old)).toBe('arn:aws:sts::111122223333:assumed-role/DevDeveloper/old-session');

    await new Promise((r) => setTimeout(r, 20));
    const cutoff = new Date();
    await iam.send(new PutRolePolicyCommand({ RoleName: 'DevDeveloper', PolicyName: 'AWSRevokeOlderSessions', PolicyDocument: revokeOlderThan(cutoff) }));

    const denied = await failure(() => h.whoami(old));
    expect(denied.name).toBe('AccessDenied');
    expect(denied.$metadata?.httpStatusCode).toBe(403);
    expect(denied.message).toBe(
      'User: arn:aws:sts::111122223333:assumed-role/DevDeveloper/old-session is not authorized to perform: sts:GetCallerIdentity with an explicit deny in an identity-based policy',
    );

    const fresh = await h.assume(DEV_DEVELOPER, 'new-session');
    expect(await h.whoami(fresh)).toBe('arn:aws:sts::111122223333:assumed-role/DevDeveloper/new-session');

    const listed = await iam.send(new ListRolePoliciesCommand({ RoleName: 'DevDeveloper' }));
    expect(listed.PolicyNames).toEqual(['AWSRevokeOlderSessions']);
    expect(listed.IsTruncated).toBe(false);

    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'DevDeveloper', PolicyName: 'AWSRevokeOlderSessions' }));
    expect(await h.whoami(old)).toBe('arn:aws:sts::111122223333:assumed-role/DevDeveloper/old-session');
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'DevDeveloper' }))).PolicyNames).toEqual([]);
  });

  it('denies one person by aws:userid and leaves the others alone', async () => {
    const iam = h.iamAdmin();
    const alice = await h.assume(DEV_DEVELOPER, 'alice');
    const bob = await h.assume(DEV_DEVELOPER, 'bob');
    const roleId = (await iam.send(new GetRoleCommand({ RoleName: 'DevDeveloper' }))).Role?.RoleId ?? '';
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'DevDeveloper',
        PolicyName: 'DenyAlice',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Action: 'sts:*', Resource: '*', Condition: { StringLike: { 'aws:userid': `${roleId}:alice` } } }],
        }),
      }),
    );
    try {
      expect((await failure(() => h.whoami(alice))).name).toBe('AccessDenied');
      expect(await h.whoami(bob)).toContain('/bob');
    } finally {
      await iam.send(new DeleteRolePolicyCommand({ RoleName: 'DevDeveloper', PolicyName: 'DenyAlice' }));
    }
    expect(await h.whoami(alice)).toContain('/alice');
  });

  it('answers GetRolePolicy and GetRole with URL-encoded documents like AWS', async () => {
    const iam = h.iamAdmin();
    const document = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::a b/*' }] });
    await iam.send(new PutRolePolicyCommand({ RoleName: 'DevReadOnly', PolicyName: 'NoS3', PolicyDocument: document }));
    const got = await iam.send(new GetRolePolicyCommand({ RoleName: 'DevReadOnly', PolicyName: 'NoS3' }));
    expect(got.PolicyDocument).toMatch(/^%7B%22Version%22/);
    expect(decodeURIComponent(got.PolicyDocument ?? '')).toBe(document);
    expect(got.RoleName).toBe('DevReadOnly');

    const role = (await h.iamAdmin(PROD_ACCOUNT).send(new GetRoleCommand({ RoleName: 'ProdAdmin' }))).Role;
    expect(role?.Arn).toBe('arn:aws:iam::444455556666:role/platform/ProdAdmin');
    expect(role?.Path).toBe('/platform/');
    expect(role?.MaxSessionDuration).toBe(3600);
    expect(role?.RoleId).toMatch(/^AROA/);
    const trust = JSON.parse(decodeURIComponent(role?.AssumeRolePolicyDocument ?? '')) as { Statement: Array<{ Principal: { Federated: string } }> };
    // ProdAdmin is a broker-mode role: it trusts Keyport's own OIDC provider.
    expect(trust.Statement[0]?.Principal.Federated).toBe(`arn:aws:iam::444455556666:oidc-provider/${h.broker.url.replace('http://', '')}`);
  });

  it('answers NoSuchEntity (404) for unknown roles, other accounts and unknown policies', async () => {
    const iam = h.iamAdmin(DEV_ACCOUNT);
    const unknown = await failure(() => iam.send(new GetRoleCommand({ RoleName: 'Nope' })));
    expect(unknown.name).toBe('NoSuchEntityException');
    expect(unknown.$metadata?.httpStatusCode).toBe(404);
    expect(unknown.message).toBe('The role with name Nope cannot be found.');
    // ProdAdmin lives in the prod account: the dev admin cannot see it.
    expect((await failure(() => iam.send(new GetRoleCommand({ RoleName: 'ProdAdmin' })))).name).toBe('NoSuchEntityException');
    const policy = await failure(() => iam.send(new DeleteRolePolicyCommand({ RoleName: 'DevReadOnly', PolicyName: 'NeverPut' })));
    expect(policy.message).toBe('The role policy with name NeverPut cannot be found.');
  });

  it('answers MalformedPolicyDocument for bad documents', async () => {
    const iam = h.iamAdmin();
    const put = (doc: string) => iam.send(new PutRolePolicyCommand({ RoleName: 'DevReadOnly', PolicyName: 'bad', PolicyDocument: doc }));
    for (const doc of [
      '{not json',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*"}]}',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]}',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"DateSoon":{"aws:CurrentTime":"2020"}}}]}',
    ]) {
      const err = await failure(() => put(doc));
      expect(err.name).toBe('MalformedPolicyDocumentException');
      expect(err.$metadata?.httpStatusCode).toBe(400);
    }
  });

  it('lets session keys call IAM only where the role policies allow it', async () => {
    const revoker = await h.assume(AUDITOR, 'rita');
    const iam = h.iamWith(revoker);
    await iam.send(new PutRolePolicyCommand({ RoleName: 'DevDeveloper', PolicyName: 'FromSession', PolicyDocument: revokeOlderThan(new Date(0)) }));
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'DevDeveloper' }))).PolicyNames).toContain('FromSession');
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'DevDeveloper', PolicyName: 'FromSession' }));
    const err = await failure(() => iam.send(new PutRolePolicyCommand({ RoleName: 'SecurityAudit', PolicyName: 'x', PolicyDocument: revokeOlderThan(new Date(0)) })));
    expect(err.name).toBe('AccessDenied');
    expect(err.message).toBe(
      'User: arn:aws:sts::111122223333:assumed-role/Revoker/rita is not authorized to perform: iam:PutRolePolicy on resource: arn:aws:iam::111122223333:role/SecurityAudit because no identity-based policy allows the iam:PutRolePolicy action',
    );
    const plain = h.iamWith(await h.assume(DEV_DEVELOPER, 'dev'));
    expect((await failure(() => plain.send(new GetRoleCommand({ RoleName: 'DevDeveloper' })))).name).toBe('AccessDenied');
  });

  it('refuses IAM calls signed for the wrong service', async () => {
    const admin = h.aws.iamAdminCredentials(DEV_ACCOUNT);
    const { signRequest } = await import('./sigv4');
    const url = new URL(h.aws.url);
    const body = 'Action=GetRole&Version=2010-05-08&RoleName=DevReadOnly';
    const headers = signRequest({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      accessKeyId: admin?.accessKeyId ?? '',
      secretAccessKey: admin?.secretAccessKey ?? '',
      region: 'us-east-1',
      service: 'sts',
      date: new Date(),
    });
    const res = await fetch(url, { method: 'POST', headers, body });
    const text = await res.text();
    expect(res.status).toBe(403);
    expect(text).toContain('<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">');
    expect(text).toContain("Credential should be scoped to correct service: 'iam'.");
  });
});
