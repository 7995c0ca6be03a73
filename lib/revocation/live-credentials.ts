// Which credentials Keyport issued are still live: issued (ISSUE_SUCCEEDED), not expired, and not
// already cut off by a revocation in force (a person revocation of theirs, or a role revocation
// of that role, issued after the credentials were). Read from the audit, never from secrets. The
// rule itself is the catalog's (lib/entitlements/live-credentials.ts liveUntil): one reading of
// "live" for the person's own cards and for the reviewer's People view. readLiveCredentials reads
// the rows.
import type { Db } from '@/lib/db/create-client';
import { liveUntil } from '@/lib/entitlements/live-credentials';

/** Longer than any STS session (12 h), so every live one is found; bounds the partitions read. */
export const LIVE_WINDOW_MS = 36 * 3600_000;

export interface IssuedCredential {
  actorSub: string;
  roleArn: string;
  sessionName: string | null;
  accessKeyId: string | null;
  issuedAt: Date;
  expiresAt: Date;
}

export interface RevocationInForce {
  kind: 'ROLE' | 'PERSON';
  revokedBefore: Date;
  roleArns: string[];
  personSub: string | null;
}

/** Live now: not expired, and no revocation in force cut it off (a person revocation only of that person). */
export function isLive(c: IssuedCredential, revocations: readonly RevocationInForce[], now: Date): boolean {
  const applying = revocations.map((r) => ({ kind: r.kind, roleArns: r.roleArns, revokedBefore: r.revokedBefore, appliesToPerson: r.personSub !== null && r.personSub === c.actorSub }));
  return liveUntil({ issued: [{ mappingId: '', roleArn: c.roleArn, issuedAt: c.issuedAt, expiresAt: c.expiresAt }], revocations: applying, now }).size > 0;
}

export function isCutOff(c: IssuedCredential, revocations: readonly RevocationInForce[]): boolean {
  // Judged before it expires: the question is only whether a revocation reaches it.
  return !isLive(c, revocations, new Date(Math.min(c.issuedAt.getTime(), c.expiresAt.getTime() - 1)));
}

export function liveOnly(creds: readonly IssuedCredential[], revocations: readonly RevocationInForce[], now: Date): IssuedCredential[] {
  return creds.filter((c) => isLive(c, revocations, now));
}

/** Live credentials per role, most first then by ARN: what a revocation would cut off. */
export function countByRole(creds: readonly IssuedCredential[]): { roleArn: string; sessions: number }[] {
  const by = new Map<string, number>();
  for (const c of creds) by.set(c.roleArn, (by.get(c.roleArn) ?? 0) + 1);
  return [...by.entries()].map(([roleArn, sessions]) => ({ roleArn, sessions })).sort((a, b) => b.sessions - a.sessions || (a.roleArn < b.roleArn ? -1 : 1));
}

/** The live credentials of these people (at most a few hundred subjects), newest first. */
export async function readLiveCredentials(db: Db, subs: readonly string[], now: Date): Promise<IssuedCredential[]> {
  if (subs.length === 0) return [];
  const rows = await db.auditEvent.findMany({
    where: { type: 'ISSUE_SUCCEEDED', actorSub: { in: [...subs] }, expiresAt: { gt: now }, occurredAt: { gt: new Date(now.getTime() - LIVE_WINDOW_MS) } },
    select: { actorSub: true, roleArn: true, sessionName: true, accessKeyId: true, occurredAt: true, expiresAt: true },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
  });
  const revocations = await db.revocation.findMany({
    where: { liftedAt: null, revokedBefore: { gt: new Date(now.getTime() - LIVE_WINDOW_MS) } },
    select: { kind: true, revokedBefore: true, roleArns: true, personSub: true },
  });
  const creds = rows.flatMap((r) =>
    r.actorSub && r.roleArn && r.expiresAt
      ? [{ actorSub: r.actorSub, roleArn: r.roleArn, sessionName: r.sessionName, accessKeyId: r.accessKeyId, issuedAt: r.occurredAt, expiresAt: r.expiresAt }]
      : [],
  );
  return liveOnly(creds, revocations, now);
}
