import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from './sigv4';
import { DEV_ACCOUNT, failure, isolatedEnv, startHarness, type Harness } from './testing';

const run = promisify(execFile);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const GCI_BODY = 'Action=GetCallerIdentity&Version=2011-06-15';

async function rawCall(opts: {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  date?: Date;
  service?: string;
  region?: string;
  path?: string;
  body?: string;
}): Promise<{ status: number; text: string; requestId: string | null }> {
  const url = new URL(`${h.aws.url}${opts.path ?? '/'}`);
  const body = opts.body ?? GCI_BODY;
  const headers = signRequest({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
    accessKeyId: opts.accessKeyId,
    secretAccessKey: opts.secretAccessKey,
    ...(opts.sessionToken === undefined ? {} : { sessionToken: opts.sessionToken }),
    region: opts.region ?? 'us-east-1',
    service: opts.service ?? 'sts',
    date: opts.date ?? new Date(),
  });
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text(), requestId: res.headers.get('x-amzn-requestid') };
}

describe('GetCallerIdentity with SigV4', () => {
  it('answers the assumed-role ARN, and the admin user for admin keys', async () => {
    const creds = await h.assume(undefined, 'bob');
    expect(await h.whoami(creds)).toBe('arn:aws:sts::111122223333:assumed-role/DevReadOnly/bob');
    const admin = h.aws.iamAdminCredentials(DEV_ACCOUNT);
    const me = await h.sts({ AccessKeyId: admin?.accessKeyId, SecretAccessKey: admin?.secretAccessKey }).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe('arn:aws:iam::111122223333:user/sandbox-admin');
    expect(me.UserId).toMatch(/^AIDA[A-Z2-7]{16}$/);
  });

  it('answers SignatureDoesNotMatch (403) for a wrong secret', async () => {
    const creds = await h.assume();
    const secret = creds.SecretAccessKey ?? '';
    // Change the last character to one it certainly is not (a fixed 'x' would be no change 1 time in 64).
    const wrong = `${secret.slice(0, -1)}${secret.endsWith('x') ? 'y' : 'x'}`;
    expect(wrong).not.toBe(secret);
    const err = await failure(() => h.sts({ ...creds, SecretAccessKey: wrong }).send(new GetCallerIdentityCommand({})));
    expect(err.name).toBe('SignatureDoesNotMatch');
    expect(err.$metadata?.httpStatusCode).toBe(403);
  });

  it('answers InvalidClientTokenId for a missing or wrong session token', async () => {
    const creds = await h.assume();
    const missing = await failure(() => h.sts({ AccessKeyId: creds.AccessKeyId, SecretAccessKey: creds.SecretAccessKey }).send(new GetCallerIdentityCommand({})));
    expect(missing.name).toBe('InvalidClientTokenId');
    expect(missing.$metadata?.httpStatusCode).toBe(403);
    expect(missing.message).toBe('The security token included in the request is invalid.');
    const other = await h.assume();
    const mixed = await failure(() => h.sts({ ...creds, SessionToken: other.SessionToken }).send(new GetCallerIdentityCommand({})));
    expect(mixed.name).toBe('InvalidClientTokenId');
  });

  it('answers InvalidClientTokenId for an unknown access key', async () => {
    const err = await failure(() =>
      h.sts({ AccessKeyId: 'ASIAAAAAAAAAAAAAAAAA', SecretAccessKey: 'x'.repeat(40), SessionToken: 'tok' }).send(new GetCallerIdentityCommand({})),
    );
    expect(err.name).toBe('InvalidClientTokenId');
  });

  it('answers ExpiredToken once the session has expired', async () => {
    const creds = await h.assume();
    expect(await h.whoami(creds)).toContain('assumed-role/DevReadOnly/alice');
    h.setClockOffset(3601_000);
    try {
      const err = await failure(() => h.whoami(creds));
      expect(err.name).toBe('ExpiredToken');
      expect(err.$metadata?.httpStatusCode).toBe(400);
      expect(err.message).toBe('The security token included in the request is expired');
    } finally {
      h.setClockOffset(0);
    }
  });

  it('answers MissingAuthenticationToken for an unsigned call', async () => {
    const res = await fetch(h.aws.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: GCI_BODY });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });

  it('rejects a request time more than 15 minutes away', async () => {
    const creds = await h.assume();
    const base = { accessKeyId: creds.AccessKeyId ?? '', secretAccessKey: creds.SecretAccessKey ?? '', sessionToken: creds.SessionToken ?? '' };
    const old = await rawCall({ ...base, date: new Date(Date.now() - 16 * 60_000) });
    expect(old.status).toBe(403);
    expect(old.text).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(old.text).toMatch(/Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)/);
    const future = await rawCall({ ...base, date: new Date(Date.now() + 16 * 60_000) });
    expect(future.text).toContain('Signature not yet current');
    const fine = await rawCall({ ...base, date: new Date(Date.now() - 10 * 60_000) });
    expect(fine.status).toBe(200);
    expect(fine.text).toContain('<Arn>arn:aws:sts::111122223333:assumed-role/DevReadOnly/alice</Arn>');
  });

  it('requires the credential scope to name the service and the regional endpoint', async () => {
    const creds = await h.assume();
    const base = { accessKeyId: creds.AccessKeyId ?? '', secretAccessKey: creds.SecretAccessKey ?? '', sessionToken: creds.SessionToken ?? '' };
    const wrongService = await rawCall({ ...base, service: 'iam' });
    expect(wrongService.text).toContain("Credential should be scoped to correct service: 'sts'.");
    const wrongRegion = await rawCall({ ...base, path: '/eu-west-1/', region: 'us-east-1' });
    expect(wrongRegion.text).toContain('Credential should be scoped to a valid region.');
    const regional = await h.sts(creds, '/eu-west-1/', 'eu-west-1').send(new GetCallerIdentityCommand({}));
    expect(regional.Arn).toContain('assumed-role/DevReadOnly');
  });

  it('answers RegionDisabledException on a deactivated regional endpoint of the caller account', async () => {
    const prod = await h.assumeBroker('arn:aws:iam::444455556666:role/ProdReadOnly', 'oncall');
    const err = await failure(() => h.sts(prod, '/af-south-1/', 'af-south-1').send(new GetCallerIdentityCommand({})));
    expect(err.name).toBe('RegionDisabledException');
    expect(err.$metadata?.httpStatusCode).toBe(403);
    const dev = await h.assume();
    expect((await h.sts(dev, '/af-south-1/', 'af-south-1').send(new GetCallerIdentityCommand({}))).Account).toBe('111122223333');
  });

  it('detects a body changed after signing', async () => {
    const creds = await h.assume();
    const url = new URL(h.aws.url);
    const headers = signRequest({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: GCI_BODY,
      accessKeyId: creds.AccessKeyId ?? '',
      secretAccessKey: creds.SecretAccessKey ?? '',
      sessionToken: creds.SessionToken ?? '',
      region: 'us-east-1',
      service: 'sts',
      date: new Date(),
    });
    const res = await fetch(url, { method: 'POST', headers, body: `${GCI_BODY}&Extra=1` });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('accepts a presigned GET URL (query-string SigV4) made by botocore', async () => {
    const creds = await h.assume(undefined, 'presigner');
    const script = [
      'import os, sys, botocore.session',
      's = botocore.session.get_session()',
      "c = s.create_client('sts', region_name='us-east-1', endpoint_url=sys.argv[1],",
      "  aws_access_key_id=os.environ['K'], aws_secret_access_key=os.environ['S'], aws_session_token=os.environ['T'])",
      "print(c.generate_presigned_url('get_caller_identity', Params={}, ExpiresIn=60, HttpMethod='GET'))",
    ].join('\n');
    const { stdout } = await run('python3', ['-c', script, h.aws.url], {
      env: isolatedEnv({ K: creds.AccessKeyId ?? '', S: creds.SecretAccessKey ?? '', T: creds.SessionToken ?? '' }),
    });
    const url = stdout.trim();
    expect(url).toContain('X-Amz-Signature=');
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<Arn>arn:aws:sts::111122223333:assumed-role/DevReadOnly/presigner</Arn>');
    const tampered = await fetch(url.replace('Version=2011-06-15', 'Version=2011-06-15&Extra=1'));
    expect(tampered.status).toBe(403);
  });
});
