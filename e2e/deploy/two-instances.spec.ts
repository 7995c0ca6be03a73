// Many instances, one database: a second portal instance (started as the container image starts
// it, e2e/fixtures/instance.ts) beside the e2e stack's, both on the stack's PostgreSQL and behind
// one public URL, as a load balancer would put them. Each test routes requests to one instance or
// the other and checks that nothing depends on which instance served what.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { subjectFor } from '../../sandbox/oidc/directory';
import { assembleImage, removeImage, startInstance, type Instance } from '../fixtures/instance';
import { signInWithSaml } from '../fixtures/saml';
import { signIn } from '../fixtures/sign-in';
import { callerIdentity, E2E, keysOf, query } from '../fixtures/stack';

let imageDir = '';
let other: Instance;

// One second instance on one port for the whole file: its tests run in order in one worker
// (fullyParallel would give each worker its own beforeAll, and two instances on one port — one
// worker's afterAll then stopped the instance another worker's test was using).
test.describe.configure({ mode: 'default' });

test.beforeAll(async () => {
  imageDir = assembleImage();
  other = await startInstance({ imageDir, port: E2E.portalPort + 52 });
});
test.afterAll(async () => {
  await other?.stop();
  if (imageDir) removeImage(imageDir);
});

interface Issued {
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
}

async function mappingIdOf(page: Page, roleLabel: string): Promise<string> {
  const res = (await (await page.request.get(`${E2E.portalUrl}/api/roles`)).json()) as { roles: { mappingId: string; roleLabel: string }[] };
  const id = res.roles.find((r) => r.roleLabel === roleLabel)?.mappingId;
  expect(id, `a mapping "${roleLabel}"`).toBeTruthy();
  return id ?? '';
}

/** POST /api/credentials on one instance; the browser's Origin is the public URL they share. */
function issueOn(request: APIRequestContext, baseUrl: string, mappingId: string) {
  return request.post(`${baseUrl}/api/credentials`, { data: { mappingId, durationSeconds: 900, region: 'us-east-1' }, headers: { origin: E2E.portalUrl } });
}

test('signed in on one instance, a person issues on the other; the rate limit counts both', async ({ page }) => {
  // mia's quota starts empty (this test is the only one issuing for her).
  await query('DELETE FROM rate_limit_buckets WHERE key = $1', [`issue:${subjectFor('mia')}`]);
  await signIn(page, 'mia');
  const mappingId = await mappingIdOf(page, 'Dev read-only');

  const res = await issueOn(page.request, other.url, mappingId);
  expect(res.status()).toBe(200);
  const issued = (await res.json()) as Issued;
  expect(await callerIdentity(keysOf(issued.credentials))).toBe('arn:aws:sts::111122223333:assumed-role/DevReadOnly/mia@example.com');
  const events = await query<{ type: string }>('SELECT type FROM audit_events WHERE intent_id IN (SELECT intent_id FROM audit_events WHERE access_key_id = $1) ORDER BY id', [issued.credentials.accessKeyId]);
  expect(events.map((e) => e.type)).toEqual(['ISSUE_REQUESTED', 'ISSUE_SUCCEEDED']);

  // 60 an hour (the sandbox's ISSUE_RATE_LIMIT_PER_HOUR): one done, 59 more alternating, then both refuse.
  for (let i = 1; i < 60; i++) {
    const r = await issueOn(page.request, i % 2 === 0 ? other.url : E2E.portalUrl, mappingId);
    expect(r.status(), `issuance ${i + 1} of 60`).toBe(200);
  }
  for (const url of [E2E.portalUrl, other.url]) {
    const refused = await issueOn(page.request, url, mappingId);
    expect(refused.status(), `the 61st on ${url}`).toBe(429);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('60 times in the last hour');
  }
  await query('DELETE FROM rate_limit_buckets WHERE key = $1', [`issue:${subjectFor('mia')}`]);
});

test('a SAML response to a request started on one instance is accepted on the other, once; a replay is refused on either', async ({ page, playwright }) => {
  let posted = '';
  let acceptedOnOther = 0;
  // The load balancer sends the IdP's POST to the ACS to the other instance.
  await page.route(`${E2E.portalUrl}/api/saml/acs`, async (route) => {
    posted = route.request().postData() ?? '';
    const response = await route.fetch({ url: `${other.url}/api/saml/acs`, maxRedirects: 0 });
    if (response.status() === 303 || response.status() === 302) acceptedOnOther++;
    await route.fulfill({ response });
  });
  await signInWithSaml(page, 'sam');
  expect(acceptedOnOther).toBe(1);
  expect(posted).toContain('SAMLResponse=');

  // An attacker holding the response posts it again, to either instance.
  const attacker = await playwright.request.newContext();
  try {
    for (const url of [E2E.portalUrl, other.url]) {
      const replay = await attacker.post(`${url}/api/saml/acs`, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, data: posted, maxRedirects: 0 });
      expect(replay.status(), `replay on ${url}`).toBeGreaterThanOrEqual(300);
      expect(replay.headers().location ?? '', `replay on ${url}`).toContain('samlError=replayed');
    }
  } finally {
    await attacker.dispose();
  }
});

test('a revocation made on one instance ends the session on the other, holds for credentials issued through it, and is lifted through it', async ({ browser }) => {
  const remySub = subjectFor('remy');
  const remyContext = await browser.newContext({ baseURL: E2E.portalUrl });
  const ritaContext = await browser.newContext({ baseURL: E2E.portalUrl });
  try {
    const rita = await ritaContext.newPage();
    await signIn(rita, 'rita');
    // Left in force by an earlier, interrupted run? Lift it first (this test makes its own state).
    for (const { id } of await query<{ id: string }>('SELECT id::text FROM revocations WHERE person_sub = $1 AND lifted_at IS NULL', [remySub])) {
      expect((await rita.request.post(`${E2E.portalUrl}/api/revocations/${id}/lift`, { data: { reason: 'e2e: clean start' }, headers: { origin: E2E.portalUrl } })).status()).toBe(200);
    }

    const remy = await remyContext.newPage();
    await signIn(remy, 'remy');
    const devDeveloper = await mappingIdOf(remy, 'Dev developer');
    const res = await issueOn(remy.request, other.url, devDeveloper);
    expect(res.status()).toBe(200);
    const { credentials } = (await res.json()) as Issued;
    expect(await callerIdentity(keysOf(credentials))).toBe('arn:aws:sts::111122223333:assumed-role/DevDeveloper/remy@example.com');

    const revoked = await rita.request.post(`${E2E.portalUrl}/api/revocations`, { data: { kind: 'person', personSub: remySub, reason: 'e2e: two instances' }, headers: { origin: E2E.portalUrl } });
    expect(revoked.status()).toBe(201);
    const { revocation } = (await revoked.json()) as { revocation: { id: string } };
    const denied = await callerIdentity(keysOf(credentials)).catch((e: unknown) => `error:${(e as { name?: string }).name ?? String(e)}`);
    expect(denied).toBe('error:AccessDenied');
    // Made on the first instance, it ended remy's Keyport session everywhere: the other instance
    // no longer knows him, and issuing there is refused.
    expect((await remy.request.get(`${other.url}/api/roles`)).status()).toBe(401);
    expect((await issueOn(remy.request, other.url, devDeveloper)).status()).toBe(401);

    const lifted = await rita.request.post(`${other.url}/api/revocations/${revocation.id}/lift`, { data: { reason: 'e2e: two instances, lifted on the other' }, headers: { origin: E2E.portalUrl } });
    expect(lifted.status()).toBe(200);
    const [row] = await query<{ lifted: boolean }>('SELECT lifted_at IS NOT NULL AS lifted FROM revocations WHERE id = $1', [revocation.id]);
    expect(row?.lifted).toBe(true);
  } finally {
    await remyContext.close();
    await ritaContext.close();
  }
});
