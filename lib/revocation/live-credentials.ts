// Which credentials Keyport issued are still live: issued (ISSUE_SUCCEEDED), not expired, and not
// already cut off by a revocation in force (a person revocation of theirs, or a role revocation
// of that role, issued after the credentials were). Read from the audit, never from secrets. Pure
// part here; readLiveCredentials below reads the rows.
import type { Db } from '@/lib/db/create-client';

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

export function isCutOff(c: IssuedCredential, revocations: readonly RevocationInForce[]): boolean {
  return revocations.some(
    (r) => c.issuedAt < r.revokedBefore && r.roleArns.includes(c.roleArn) && (r.kind === 'ROLE' || (r.personSub !== null && r.personSub === c.actorSub)),
  );
}

export function liveOnly(creds: readonly IssuedCredential[], revocations: readonly RevocationInForce[], now: Date): IssuedCredential[] {
  return creds.filter((c) => c.expiresAt > now && !isCutOff(c, revocations));
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
