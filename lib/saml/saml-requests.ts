// The AuthnRequests this portal made and the assertions it accepted, in PostgreSQL so every app
// instance agrees. node-saml asks `getAsync` whether an InResponseTo names an outstanding request
// of the right purpose; consuming it (and remembering the assertion id until its NotOnOrAfter)
// happens once, atomically, in `consumeResponse` after the signature and conditions hold —
// node-saml's own `removeAsync` is a no-op so a forged post cannot cancel a genuine request.
import { createHash } from 'node:crypto';
import type { CacheProvider } from '@node-saml/node-saml';
import type { Db } from '@/lib/db/create-client';
import type { Prisma } from '@/lib/db/generated/client';

export type SamlPurpose = 'SIGN_IN' | 'ISSUANCE';
export const REQUEST_TTL_MS = 10 * 60_000;

export interface OutstandingRequest {
  id: string;
  purpose: SamlPurpose;
  sessionId: string | null;
  pending: Record<string, unknown>;
}

export function requestCache(opts: { db: Db; purpose: SamlPurpose; record?: { sessionId: string | null; pending: Record<string, unknown> } }): CacheProvider {
  return {
    async saveAsync(key, value) {
      if (!opts.record) throw new Error('this SAML client only validates responses');
      const createdAt = new Date();
      await opts.db.samlRequest.create({
        data: {
          id: key,
          purpose: opts.purpose,
          sessionId: opts.record.sessionId,
          pending: opts.record.pending as Prisma.InputJsonValue,
          createdAt,
          expiresAt: new Date(createdAt.getTime() + REQUEST_TTL_MS),
        },
      });
      return { value, createdAt: createdAt.getTime() };
    },
    async getAsync(key) {
      const row = await opts.db.samlRequest.findFirst({ where: { id: key, purpose: opts.purpose, expiresAt: { gt: new Date() } }, select: { createdAt: true } });
      return row ? row.createdAt.toISOString() : null;
    },
    async removeAsync() {
      return null;
    },
  };
}

export async function findOutstanding(db: Db, id: string): Promise<OutstandingRequest | null> {
  const row = await db.samlRequest.findFirst({ where: { id, expiresAt: { gt: new Date() } }, select: { id: true, purpose: true, sessionId: true, pending: true } });
  return row ? { id: row.id, purpose: row.purpose, sessionId: row.sessionId, pending: (row.pending ?? {}) as Record<string, unknown> } : null;
}

/** Assertion ids are only unique per issuer; the key binds both and stays short. */
export function assertionKey(issuer: string, id: string): string {
  return createHash('sha256').update(`${issuer}\n${id}`).digest('base64url');
}

export async function wasAssertionUsed(db: Db, issuer: string, id: string): Promise<boolean> {
  return (await db.samlUsedAssertion.count({ where: { id: assertionKey(issuer, id) } })) > 0;
}

/**
 * Takes the request (if any) and the assertion id in one transaction: exactly one post of a
 * response wins. Returns null when the request was already taken or the assertion already used.
 */
export async function consumeResponse(
  db: Db,
  opts: { requestId: string | null; purpose: SamlPurpose; issuer: string; assertionId: string; notOnOrAfter: Date },
): Promise<{ request: OutstandingRequest | null } | { refused: 'replayed' | 'unknown_request' }> {
  return db.$transaction(async (tx) => {
    const now = new Date();
    let request: OutstandingRequest | null = null;
    if (opts.requestId !== null) {
      const row = await tx.samlRequest.findFirst({ where: { id: opts.requestId, purpose: opts.purpose, expiresAt: { gt: now } }, select: { id: true, purpose: true, sessionId: true, pending: true } });
      const taken = row ? await tx.samlRequest.deleteMany({ where: { id: row.id, purpose: opts.purpose } }) : { count: 0 };
      if (!row || taken.count !== 1) return { refused: 'unknown_request' as const };
      request = { id: row.id, purpose: row.purpose, sessionId: row.sessionId, pending: (row.pending ?? {}) as Record<string, unknown> };
    }
    const inserted = await tx.samlUsedAssertion.createMany({
      data: [{ id: assertionKey(opts.issuer, opts.assertionId), expiresAt: opts.notOnOrAfter }],
      skipDuplicates: true,
    });
    if (inserted.count !== 1) throw new ReplayDetected();
    // Old rows are deleted on a schedule (prune-saml-state.ts), not here.
    return { request };
  }).catch((e: unknown) => {
    if (e instanceof ReplayDetected) return { refused: 'replayed' as const };
    throw e;
  });
}

class ReplayDetected extends Error {}
