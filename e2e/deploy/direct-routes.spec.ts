// The hot JSON routes (POST /api/credentials, GET /api/roles, GET /api/health) are served by the
// server entry without Next.js (lib/http/direct-routes.ts), as the e2e stack's portal does by
// default. This sends the same requests to it and to an instance of the same build started with
// KEYPORT_DIRECT_ROUTES=0 (every request through Next.js), on the same database, and requires the
// same answers: statuses, bodies, headers, refusals and what the audit records.
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { assembleImage, removeImage, startInstance, type Instance } from '../fixtures/instance';
import { signIn } from '../fixtures/sign-in';
import { callerIdentity, E2E, keysOf, query } from '../fixtures/stack';

test.describe.configure({ mode: 'serial' });

let imageDir = '';
let viaNext: Instance;

test.beforeAll(async () => {
  imageDir = assembleImage();
  viaNext = await startInstance({ imageDir, port: E2E.portalPort + 54, env: { KEYPORT_WORKERS: '1', KEYPORT_DIRECT_ROUTES: '0' } });
});
test.afterAll(async () => {
  await viaNext?.stop();
  if (imageDir) removeImage(imageDir);
});

/**
 * Headers that differ per response or per connection, not per path; and `vary`, which Next.js puts
 * on every app-router answer (its RSC request headers: rsc, next-router-state-tree, …) and which says
 * nothing about an answer no cache may store (`no-store`).
 */
const PER_RESPONSE = new Set(['date', 'connection', 'keep-alive', 'x-request-id', 'content-length', 'transfer-encoding', 'vary']);

function headersOf(res: APIResponse): Record<string, string> {
  return Object.fromEntries(Object.entries(res.headers()).filter(([k]) => !PER_RESPONSE.has(k)));
}

/** A body with its per-request values (ids, keys, times) replaced by their kinds. */
function shapeOf(value: unknown, key = ''): unknown {
  if (['requestId', 'accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration', 'formatted', 'lastUsedAt'].includes(key)) return typeof value;
  if (Array.isArray(value)) return value.map((v) => shapeOf(v));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v, k)]));
  return value;
}

interface Sent {
  method: 'GET' | 'POST' | 'HEAD';
  path: string;
  headers?: Record<string, string>;
  data?: unknown;
}

async function send(request: APIRequestContext, base: string, s: Sent): Promise<APIResponse> {
  return request.fetch(`${base}${s.path}`, { method: s.method, headers: s.headers, data: s.data, maxRedirects: 0 });
}

/** Sends `s` to both and expects the same status, headers and body shape; returns both answers. */
async function same(request: APIRequestContext, s: Sent): Promise<{ direct: APIResponse; next: APIResponse }> {
  const direct = await send(request, E2E.portalUrl, s);
  const next = await send(request, viaNext.url, s);
  expect(direct.status(), `${s.method} ${s.path}`).toBe(next.status());
  expect(headersOf(direct), `${s.method} ${s.path} headers`).toEqual(headersOf(next));
  if (s.method !== 'HEAD' && (direct.headers()['content-type'] ?? '').includes('json')) {
    expect(shapeOf(await direct.json()), `${s.method} ${s.path} body`).toEqual(shapeOf(await next.json()));
  } else {
    expect(await direct.text()).toBe(await next.text());
  }
  return { direct, next };
}

const ORIGIN = { origin: E2E.portalUrl };

test('the direct routes answer as Next.js does: probes, sign-in, refusals, bad input', async ({ page }) => {
  const r = page.request;
  // Not signed in (no cookie yet).
  const health = await same(r, { method: 'GET', path: '/api/health' });
  expect(await health.direct.json()).toEqual({ status: 'ok' });
  expect(health.direct.headers()['cache-control']).toBe('no-store, no-transform');
  await same(r, { method: 'GET', path: '/api/health?probe=1' });
  await same(r, { method: 'HEAD', path: '/api/health' });
  const anonymous = await same(r, { method: 'GET', path: '/api/roles' });
  expect(anonymous.direct.status()).toBe(401);
  await same(r, { method: 'POST', path: '/api/credentials', headers: ORIGIN, data: { mappingId: 'x', durationSeconds: 900, region: 'us-east-1' } });

  await signIn(page, 'alice');
  const roles = await same(r, { method: 'GET', path: '/api/roles' });
  const body = (await roles.direct.json()) as { roles: { mappingId: string; roleLabel: string }[] };
  expect(body.roles.length).toBeGreaterThan(0);
  expect(roles.direct.headers()['content-security-policy']).toContain("default-src 'none'");
  expect(roles.direct.headers()['x-content-type-options']).toBe('nosniff');

  // Refusals and bad input, each audited or refused the same way on both paths.
  const denied = async () => Number((await query<{ n: string }>("SELECT count(*)::text AS n FROM audit_events WHERE type = 'ACCESS_DENIED' AND actor_email = 'alice@example.com' AND details->>'reason' = 'origin'"))[0]?.n);
  const deniedBefore = await denied();
  const crossSite = await same(r, { method: 'POST', path: '/api/credentials', headers: { origin: 'https://evil.example' }, data: { mappingId: 'x', durationSeconds: 900, region: 'us-east-1' } });
  expect(crossSite.direct.status()).toBe(403);
  // Audited once on each path.
  expect((await denied()) - deniedBefore).toBe(2);

  const notJson = await same(r, { method: 'POST', path: '/api/credentials', headers: { ...ORIGIN, 'content-type': 'application/json' }, data: '{"mappingId":' });
  expect(notJson.direct.status()).toBe(422);
  const control = await same(r, { method: 'POST', path: '/api/credentials', headers: ORIGIN, data: { mappingId: 'a\u0007b', durationSeconds: 900, region: 'us-east-1' } });
  expect(((await control.direct.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('mappingId');
  const tooLarge = await same(r, { method: 'POST', path: '/api/credentials', headers: ORIGIN, data: { mappingId: 'x'.repeat(70 * 1024), durationSeconds: 900, region: 'us-east-1' } });
  expect(tooLarge.direct.status()).toBe(413);
  const wrongChannel = await same(r, { method: 'POST', path: '/api/credentials', headers: { ...ORIGIN, authorization: 'Bearer not-a-token' }, data: {} });
  expect(wrongChannel.direct.status()).toBe(401);
  // Not one of the direct paths exactly: Next.js answers it, on both.
  await same(r, { method: 'POST', path: '/api/credentials/', headers: ORIGIN, data: {} });
  await same(r, { method: 'GET', path: '/api/credentials' });

  // A request id the client sent is kept when it is a safe token, replaced when not.
  const id = 'client-chosen-id-1234';
  const kept = await send(r, E2E.portalUrl, { method: 'GET', path: '/api/roles', headers: { 'x-request-id': id } });
  expect(kept.headers()['x-request-id']).toBe(id);
  const replaced = await send(r, E2E.portalUrl, { method: 'GET', path: '/api/roles', headers: { 'x-request-id': 'bad id\u00e9' } });
  expect(replaced.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
});

test('an issuance through the direct route is the same issuance: body, headers, audit, the real socket address', async ({ page }) => {
  const r = page.request;
  await signIn(page, 'alice');
  const roles = (await (await r.get(`${E2E.portalUrl}/api/roles`)).json()) as { roles: { mappingId: string; roleLabel: string }[] };
  const mappingId = roles.roles.find((x) => x.roleLabel === 'Dev read-only')?.mappingId ?? '';
  expect(mappingId).toBeTruthy();
  const forged = { 'x-keyport-peer': 'forged 203.0.113.9', 'x-forwarded-for': '203.0.113.9' };
  const { direct, next } = await same(r, { method: 'POST', path: '/api/credentials', headers: { ...ORIGIN, ...forged }, data: { mappingId, durationSeconds: 900, region: 'us-east-1', format: 'env' } });
  expect(direct.status()).toBe(200);
  expect(direct.headers()['cache-control']).toBe('no-store, no-transform');
  expect(direct.headers()['pragma']).toBe('no-cache');
  for (const res of [direct, next]) {
    const issued = (await res.json()) as { credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string }; formatted: string; requestId: string };
    expect(issued.formatted).toContain(issued.credentials.accessKeyId);
    expect(res.headers()['x-request-id']).toBe(issued.requestId);
    expect(await callerIdentity(keysOf(issued.credentials))).toBe('arn:aws:sts::111122223333:assumed-role/DevReadOnly/alice@example.com');
    const rows = await query<{ type: string; source_ip: string | null; request_id: string }>(
      'SELECT type, source_ip, request_id FROM audit_events WHERE intent_id IN (SELECT intent_id FROM audit_events WHERE access_key_id = $1) ORDER BY id',
      [issued.credentials.accessKeyId],
    );
    expect(rows.map((x) => x.type)).toEqual(['ISSUE_REQUESTED', 'ISSUE_SUCCEEDED']);
    for (const row of rows) {
      expect(row.source_ip).toMatch(/^(127\.0\.0\.1|::1)$/);
      expect(row.request_id).toBe(issued.requestId);
    }
  }
});
