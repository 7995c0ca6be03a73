import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_READONLY, PROD_ADMIN, startHarness, type Harness } from './testing';
import type { Credentials } from '@aws-sdk/client-sts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

function sessionParam(c: Credentials): string {
  return JSON.stringify({ sessionId: c.AccessKeyId, sessionKey: c.SecretAccessKey, sessionToken: c.SessionToken });
}

async function signinToken(c: Credentials, duration?: number): Promise<Response> {
  const q = new URLSearchParams({ Action: 'getSigninToken', Session: sessionParam(c) });
  if (duration !== undefined) q.set('SessionDuration', String(duration));
  return fetch(`${h.aws.url}/federation?${q.toString()}`);
}

function loginUrl(token: string, destination: string): string {
  const q = new URLSearchParams({ Action: 'login', Issuer: 'https://keyport.example', Destination: destination, SigninToken: token });
  return `${h.aws.url}/federation?${q.toString()}`;
}

describe('console federation', () => {
  it('trades live keys for a sign-in token and signs in to a console page naming the ARN and region', async () => {
    const creds = await h.assumeBroker(PROD_ADMIN, 'adam');
    const res = await signinToken(creds, 3600);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { SigninToken } = (await res.json()) as { SigninToken: string };
    expect(SigninToken.length).toBeGreaterThan(60);

    const login = await fetch(loginUrl(SigninToken, 'https://console.aws.amazon.com/console/home?region=eu-west-1'), { redirect: 'manual' });
    expect(login.status).toBe(302);
    const location = login.headers.get('location') ?? '';
    expect(location).toMatch(/^\/console\?session=/);

    const page = await fetch(`${h.aws.url}${location}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Signed in as <code>arn:aws:sts::444455556666:assumed-role/ProdAdmin/adam</code>');
    expect(html).toContain('<dd id="region">eu-west-1</dd>');

    // Single use.
    const again = await fetch(loginUrl(SigninToken, 'https://console.aws.amazon.com/'), { redirect: 'manual' });
    expect(again.status).toBe(400);
    expect(h.aws.stats().calls['getSigninToken']).toBeGreaterThan(0);
  });

  it('follows the redirect like a browser and reads the region from a regional console host', async () => {
    const creds = await h.assume(DEV_READONLY, 'alice');
    const { SigninToken } = (await (await signinToken(creds)).json()) as { SigninToken: string };
    const page = await fetch(loginUrl(SigninToken, 'https://ap-southeast-2.console.aws.amazon.com/s3/home'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<dd id="region">ap-southeast-2</dd>');
  });

  it('escapes everything it echoes into HTML', async () => {
    const creds = await h.assume(DEV_READONLY, 'alice');
    const { SigninToken } = (await (await signinToken(creds)).json()) as { SigninToken: string };
    const page = await fetch(loginUrl(SigninToken, 'https://console.aws.amazon.com/?x=<script>alert(1)</script>&region=us-west-2'));
    const html = await page.text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('%3Cscript%3E');
    expect(html).toContain('<dd id="region">us-west-2</dd>');
  });

  it('refuses keys that are wrong, expired or revoked, and sign-in tokens older than 15 minutes', async () => {
    const creds = await h.assume(DEV_READONLY, 'alice');
    expect((await signinToken({ ...creds, SecretAccessKey: 'x'.repeat(40) })).status).toBe(400);
    expect((await signinToken({ ...creds, SessionToken: 'nope' })).status).toBe(400);
    expect((await signinToken(creds, 899)).status).toBe(400);
    expect((await fetch(`${h.aws.url}/federation?Action=getSigninToken&Session=not-json`)).status).toBe(400);

    const { SigninToken } = (await (await signinToken(creds)).json()) as { SigninToken: string };
    h.setClockOffset(16 * 60_000);
    try {
      expect((await fetch(loginUrl(SigninToken, 'https://console.aws.amazon.com/'), { redirect: 'manual' })).status).toBe(400);
    } finally {
      h.setClockOffset(0);
    }

    h.setClockOffset(3601_000);
    try {
      expect((await signinToken(creds)).status).toBe(400);
    } finally {
      h.setClockOffset(0);
    }
  });

  it('ends the console session when the credentials behind it expire', async () => {
    const creds = await h.assume(DEV_READONLY, 'alice');
    const { SigninToken } = (await (await signinToken(creds, 43200)).json()) as { SigninToken: string };
    const login = await fetch(loginUrl(SigninToken, 'https://console.aws.amazon.com/'), { redirect: 'manual' });
    const location = login.headers.get('location') ?? '';
    expect((await fetch(`${h.aws.url}${location}`)).status).toBe(200);
    h.setClockOffset(3601_000);
    try {
      const page = await fetch(`${h.aws.url}${location}`);
      expect(page.status).toBe(403);
      expect(await page.text()).toContain('expired');
    } finally {
      h.setClockOffset(0);
    }
    expect((await fetch(`${h.aws.url}/console?session=made-up`)).status).toBe(403);
  });
});
