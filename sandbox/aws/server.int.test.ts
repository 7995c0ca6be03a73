import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ID, DEV_READONLY, startHarness, type Harness } from './testing';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

function tag(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

describe('sandbox AWS server', () => {
  it('counts calls per Action and can be reset, so tests can assert "no call"', async () => {
    h.aws.resetStats();
    expect(h.aws.stats()).toEqual({ calls: {}, recent: [] });
    const creds = await h.assume();
    await h.whoami(creds);
    await h.whoami(creds);
    expect(h.aws.stats().calls).toEqual({ AssumeRoleWithWebIdentity: 1, GetCallerIdentity: 2 });
    // The recent calls say which role and session each call was for (never a secret).
    const recent = h.aws.stats().recent;
    expect(recent.map((c) => c.action)).toEqual(['AssumeRoleWithWebIdentity', 'GetCallerIdentity', 'GetCallerIdentity']);
    expect(recent[0]).toMatchObject({ roleArn: expect.stringContaining(':role/'), status: 200 });
    expect(JSON.stringify(recent)).not.toContain(creds.SecretAccessKey ?? 'no-secret');
    // stats() is a snapshot, not a live view.
    const snapshot = h.aws.stats();
    await h.whoami(creds);
    expect(snapshot.calls['GetCallerIdentity']).toBe(2);
  });

  it('speaks the Query protocol over GET too, with the request id in header and body', async () => {
    const q = new URLSearchParams({
      Action: 'AssumeRoleWithWebIdentity',
      Version: '2011-06-15',
      RoleArn: DEV_READONLY,
      RoleSessionName: 'via-get',
      WebIdentityToken: await h.token(),
    });
    const res = await fetch(`${h.aws.url}/?${q.toString()}`);
    const xml = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml');
    expect(xml).toMatch(/^<AssumeRoleWithWebIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\n  <AssumeRoleWithWebIdentityResult>/);
    expect(tag(xml, 'RequestId')).toBe(res.headers.get('x-amzn-requestid'));
    expect(tag(xml, 'Arn')).toBe('arn:aws:sts::111122223333:assumed-role/DevReadOnly/via-get');
    expect(tag(xml, 'Expiration')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(tag(xml, 'Audience')).toBe(CLIENT_ID);
  });

  it('answers AWS error XML for unknown, missing and unversioned actions', async () => {
    const unknown = await fetch(`${h.aws.url}/?Action=GetSessionToken&Version=2011-06-15`);
    const xml = await unknown.text();
    expect(unknown.status).toBe(400);
    expect(xml).toContain('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">');
    expect(tag(xml, 'Type')).toBe('Sender');
    expect(tag(xml, 'Code')).toBe('InvalidAction');
    expect(tag(xml, 'Message')).toBe('Could not find operation GetSessionToken for version 2011-06-15');
    expect(tag(xml, 'RequestId')).toBe(unknown.headers.get('x-amzn-requestid'));

    const missing = await fetch(`${h.aws.url}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(tag(await missing.text(), 'Code')).toBe('MissingAction');

    const wrongVersion = await fetch(`${h.aws.url}/?Action=GetCallerIdentity&Version=2010-05-08`);
    expect(tag(await wrongVersion.text(), 'Code')).toBe('InvalidAction');

    const nothing = await fetch(`${h.aws.url}/?Action=AssumeRoleWithWebIdentity`);
    const nothingXml = await nothing.text();
    expect(tag(nothingXml, 'Code')).toBe('ValidationError');
    expect(tag(nothingXml, 'Message')).toBe(
      "3 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null; Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null; Value null at 'webIdentityToken' failed to satisfy constraint: Member must not be null",
    );
  });

  it('logs Action, RoleArn, AccessKeyId and the result code, but never a secret, token or assertion', async () => {
    h.logs.length = 0;
    const token = await h.token({ sub: 'logged' });
    const res = await fetch(h.aws.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', RoleArn: DEV_READONLY, RoleSessionName: 'logged', WebIdentityToken: token }),
    });
    const xml = await res.text();
    const creds = { AccessKeyId: tag(xml, 'AccessKeyId'), SecretAccessKey: tag(xml, 'SecretAccessKey'), SessionToken: tag(xml, 'SessionToken') };
    await h.whoami(creds);
    await fetch(`${h.aws.url}/?Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=${DEV_READONLY}&RoleSessionName=x1&WebIdentityToken=${token}x`);

    const text = JSON.stringify(h.logs);
    expect(text).not.toContain(creds.SecretAccessKey ?? 'missing');
    expect(text).not.toContain(creds.SessionToken ?? 'missing');
    expect(text).not.toContain(token.split('.')[2] ?? 'missing');
    expect(text).not.toContain(token.split('.')[1] ?? 'missing');
    expect(h.logs).toContainEqual(expect.objectContaining({ action: 'AssumeRoleWithWebIdentity', roleArn: DEV_READONLY, accessKeyId: creds.AccessKeyId, code: 'OK', status: 200 }));
    expect(h.logs).toContainEqual(expect.objectContaining({ action: 'GetCallerIdentity', accessKeyId: creds.AccessKeyId, code: 'OK' }));
    expect(h.logs).toContainEqual(expect.objectContaining({ action: 'AssumeRoleWithWebIdentity', code: 'InvalidIdentityToken', status: 400 }));
  });

  it('has a health endpoint and refuses other methods', async () => {
    const health = await fetch(`${h.aws.url}/_sandbox/health`);
    expect(await health.json()).toEqual({ ok: true });
    expect((await fetch(h.aws.url, { method: 'PUT', body: 'x' })).status).toBe(405);
  });

  it('sends a Date header from its own clock (so SDKs can correct their skew)', async () => {
    h.setClockOffset(2 * 3600_000);
    try {
      const res = await fetch(`${h.aws.url}/_sandbox/health`);
      const date = Date.parse(res.headers.get('date') ?? '');
      expect(Math.abs(date - (Date.now() + 2 * 3600_000))).toBeLessThan(5000);
    } finally {
      h.setClockOffset(0);
    }
  });
});
