// Several worker processes behind one port (KEYPORT_WORKERS, server/keyport-server.mjs), started as
// the container image starts the portal: a primary that forks the workers and serves nothing
// itself. Any worker serves any request (state is in PostgreSQL), the metrics scrape sums every
// worker, the peer-address header is still believed only from the server itself, a worker that
// dies is replaced, and SIGTERM drains every worker and exits 0.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { assembleImage, removeImage, startInstance, type Instance } from '../fixtures/instance';
import { signIn } from '../fixtures/sign-in';
import { callerIdentity, E2E, keysOf, query } from '../fixtures/stack';

const METRICS_TOKEN = 'e2e-workers-metrics-token-0123456789';

/** The worker processes of a primary (Linux /proc), with their command names. */
function workersOf(pid: number): { pid: number; comm: string }[] {
  const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map(Number)
    .map((p) => {
      try {
        return { pid: p, comm: readFileSync(`/proc/${p}/comm`, 'utf8').trim() };
      } catch {
        return { pid: p, comm: '' };
      }
    });
}

function metricValue(text: string, line: RegExp): number {
  return text
    .split('\n')
    .filter((l) => line.test(l))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

// One server for the file: the tests run in order on it.
test.describe.configure({ mode: 'serial' });

let imageDir = '';
let instance: Instance;

test.beforeAll(async () => {
  imageDir = assembleImage();
  instance = await startInstance({ imageDir, port: E2E.portalPort + 53, env: { KEYPORT_WORKERS: '2', METRICS_TOKEN } });
});
test.afterAll(async () => {
  await instance?.stop();
  if (imageDir) removeImage(imageDir);
});

test('two workers behind one port: any serves any request, the scrape sums both, a forged peer header is not believed', async ({ page }) => {
  const pid = instance.process.pid ?? 0;
  await expect.poll(() => workersOf(pid).filter((w) => w.comm === 'keyport-portal').length).toBe(2);
  expect(readFileSync(`/proc/${pid}/comm`, 'utf8').trim()).toBe('keyport-primary');

  // Signed in through the e2e stack's portal: the session is a row in the shared database.
  await signIn(page, 'alice');
  const roles = (await (await page.request.get(`${E2E.portalUrl}/api/roles`)).json()) as { roles: { mappingId: string; roleLabel: string }[] };
  const mappingId = roles.roles.find((r) => r.roleLabel === 'Dev read-only')?.mappingId ?? '';
  expect(mappingId).toBeTruthy();

  const scrape = async () => {
    const res = await fetch(`${instance.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    return res.text();
  };
  const rolesCount = (text: string) => metricValue(text, /^keyport_http_request_duration_seconds_count\{[^}]*permission="catalog:read"[^}]*method="GET"[^}]*status="200"/);
  const before = rolesCount(await scrape());
  // A new connection each time: the primary hands connections to the workers in turn.
  const n = 12;
  for (let i = 0; i < n; i++) {
    const res = await page.request.get(`${instance.url}/api/roles`, { headers: { connection: 'close' } });
    expect(res.status()).toBe(200);
    expect(((await res.json()) as { roles: unknown[] }).roles).toHaveLength(roles.roles.length);
  }
  const text = await scrape();
  expect(metricValue(text, /^keyport_worker_processes /)).toBe(2);
  // Every request counted once, whichever worker served it and whichever answered the scrape.
  expect(rolesCount(text) - before).toBe(n);

  // Issue through the workers with a forged peer header: the audit keeps the real connection address.
  for (let i = 0; i < 2; i++) {
    const res = await page.request.post(`${instance.url}/api/credentials`, {
      data: { mappingId, durationSeconds: 900, region: 'us-east-1' },
      headers: { origin: E2E.portalUrl, connection: 'close', 'x-keyport-peer': 'forged 203.0.113.9', 'x-forwarded-for': '203.0.113.9' },
    });
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string } };
    expect(await callerIdentity(keysOf(body.credentials))).toBe('arn:aws:sts::111122223333:assumed-role/DevReadOnly/alice@example.com');
    const rows = await query<{ type: string; source_ip: string | null }>('SELECT type, source_ip FROM audit_events WHERE intent_id IN (SELECT intent_id FROM audit_events WHERE access_key_id = $1) ORDER BY id', [body.credentials.accessKeyId]);
    expect(rows.map((r) => r.type)).toEqual(['ISSUE_REQUESTED', 'ISSUE_SUCCEEDED']);
    for (const r of rows) expect(r.source_ip).toMatch(/^(127\.0\.0\.1|::1)$/);
  }
});

test('a worker that dies is replaced; SIGTERM drains every worker and the server exits 0', async () => {
  const pid = instance.process.pid ?? 0;
  const [victim] = workersOf(pid);
  expect(victim).toBeDefined();
  process.kill(victim?.pid ?? 0, 'SIGKILL');
  await expect.poll(() => workersOf(pid).filter((w) => w.comm === 'keyport-portal' && w.pid !== victim?.pid).length, { timeout: 60_000 }).toBe(2);
  expect(instance.output()).toContain('starting another');
  await expect.poll(async () => (await fetch(`${instance.url}/api/ready`)).status, { timeout: 30_000 }).toBe(200);

  const workers = workersOf(pid).map((w) => w.pid);
  instance.process.kill('SIGTERM');
  expect(await instance.exited).toBe(0);
  for (const w of workers) expect(() => process.kill(w, 0)).toThrow();
  // Each worker drained itself (lib/shutdown).
  expect(instance.output().match(/shutting down: no issuance in flight, exiting/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
});
