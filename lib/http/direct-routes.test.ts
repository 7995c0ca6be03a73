// Which requests the server entry serves itself: exactly the listed method and path, with any
// query; everything else (a trailing slash, another method, HEAD, an encoded letter) is Next.js's.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIRECT_ROUTES, directRouter } from './direct-routes';
import { jsonReply, writeReply } from './json-reply';
import type { ApiRoute } from './route';
import { API_CSP, SECURITY_HEADERS } from './static-headers.js';

function fakeRoute(name: string, fail = false): ApiRoute<Record<string, never>> {
  return Object.assign(async () => new Response(), {
    async direct(_req: http.IncomingMessage, res: http.ServerResponse, opts: { port: number }) {
      if (fail) throw new Error('secret detail that must not be sent');
      writeReply(res, jsonReply({ served: name, port: opts.port }));
    },
  });
}

const route = directRouter(
  new Map([
    ['POST /api/credentials', fakeRoute('issue')],
    ['GET /api/roles', fakeRoute('roles')],
    ['GET /api/broken', fakeRoute('broken', true)],
  ]),
);

let server: http.Server;
let base = '';
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (route(req, res, { port: 4321 })) return;
    res.setHeader('content-type', 'text/plain');
    res.end('next.js');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('directRouter', () => {
  it.each([
    ['POST', '/api/credentials', 'issue'],
    ['POST', '/api/credentials?x=1', 'issue'],
    ['GET', '/api/roles', 'roles'],
    ['GET', '/api/roles?', 'roles'],
  ])('serves %s %s itself', async (method, path, served) => {
    const res = await fetch(`${base}${path}`, { method });
    expect(await res.json()).toEqual({ served, port: 4321 });
    expect(res.headers.get('content-security-policy')).toBe(API_CSP);
    for (const [name, value] of SECURITY_HEADERS) expect(res.headers.get(name)).toBe(value);
  });

  it.each([
    ['POST', '/api/credentials/'],
    ['GET', '/api/credentials'],
    ['PUT', '/api/credentials'],
    ['HEAD', '/api/roles'],
    ['GET', '/api/%72oles'],
    ['GET', '//api/roles'],
    ['GET', '/api/roles/x'],
    ['GET', '/API/roles'],
  ])('leaves %s %s to Next.js', async (method, path) => {
    const res = await fetch(`${base}${path}`, { method });
    if (method !== 'HEAD') expect(await res.text()).toBe('next.js');
    expect(res.headers.get('content-type')).toBe('text/plain');
  });

  it('answers a route that fails to answer with a plain 500, no detail', async () => {
    const res = await fetch(`${base}/api/broken`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'Something went wrong on our side.' } });
    expect(text).not.toContain('secret');
    expect(res.headers.get('cache-control')).toBe('no-store, no-transform');
  });

  it('lists the hot routes, each in an area next.config.js gives the APIs’ deny-all CSP', async () => {
    const { API_CSP_AREAS } = await import('./static-headers.js');
    expect([...DIRECT_ROUTES.keys()].sort()).toEqual(['GET /api/health', 'GET /api/roles', 'POST /api/credentials']);
    for (const key of DIRECT_ROUTES.keys()) {
      const area = key.split(' ')[1]?.split('/')[2] ?? '';
      expect(API_CSP_AREAS as readonly string[]).toContain(area);
    }
  });
});
