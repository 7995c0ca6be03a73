// The anonymous SAML endpoints' per-address limit and the scheduled pruning of SAML state,
// against the real test database.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import { limitAnonymousSaml } from './limit-anonymous-saml';
import { pruneSamlState } from './prune-saml-state';

let db: Db;
beforeAll(() => {
  db = createPrismaClient(inject('databaseUrl'));
});
afterAll(async () => {
  await db?.$disconnect();
});

describe('limitAnonymousSaml', () => {
  it('lets an address through up to the limit, then answers 429 with Retry-After, before any work', async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID()}`;
    for (let i = 0; i < 3; i++) expect(await limitAnonymousSaml({ db, sourceIp: ip, limitPerHour: 3 })).toBeNull();
    const refused = await limitAnonymousSaml({ db, sourceIp: ip, limitPerHour: 3 });
    expect(refused?.status).toBe(429);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused?.headers.get('cache-control')).toBe('no-store');
    expect(await refused?.text()).toMatch(/Too many SAML sign-in requests from your address/);
    // Another address is not affected.
    expect(await limitAnonymousSaml({ db, sourceIp: `other-${ip}`, limitPerHour: 3 })).toBeNull();
  });
});

describe('pruneSamlState', () => {
  it('deletes AuthnRequests past expiry and assertion ids past NotOnOrAfter (with margin), and nothing live', async () => {
    const now = new Date();
    const tag = randomUUID();
    await db.samlRequest.createMany({
      data: [
        { id: `old-${tag}`, purpose: 'SIGN_IN', expiresAt: new Date(now.getTime() - 1000) },
        { id: `live-${tag}`, purpose: 'SIGN_IN', expiresAt: new Date(now.getTime() + 600_000) },
      ],
    });
    await db.samlUsedAssertion.createMany({
      data: [
        { id: `old-${tag}`, expiresAt: new Date(now.getTime() - 6 * 60_000) },
        { id: `skew-${tag}`, expiresAt: new Date(now.getTime() - 60_000) },
      ],
    });
    const pruned = await pruneSamlState({ db, now });
    expect(pruned.requests).toBeGreaterThanOrEqual(1);
    expect(pruned.assertions).toBeGreaterThanOrEqual(1);
    expect((await db.samlRequest.findMany({ where: { id: { endsWith: tag } } })).map((r) => r.id)).toEqual([`live-${tag}`]);
    expect((await db.samlUsedAssertion.findMany({ where: { id: { endsWith: tag } } })).map((r) => r.id)).toEqual([`skew-${tag}`]);
  });
});
