// The role catalog of one person: the roles their current groups map to, with what the UI shows,
// most recently used first. The query itself is scoped to the person's groups and IdP kind.
import type { Actor } from '@/lib/auth/actor';
import type { Db } from '@/lib/db/create-client';
import { effectiveMaxDuration } from '@/lib/issuance/chain-hop';
import { resolveEntitlements } from './resolve-entitlements';

export interface CatalogEntry {
  mappingId: string;
  roleArn: string;
  roleLabel: string;
  description: string;
  accountId: string;
  accountLabel: string;
  /** The longest duration the person can get: an hour for a chained mapping (AWS's role-chaining cap). */
  maxDurationSeconds: number;
  /** Role chaining: the target role the credentials are for (roleArn is the hub), or null. */
  chainedRoleArn: string | null;
  allowedRegions: string[];
  defaultRegion: string;
  viaGroups: string[];
  lastUsedAt: string | null;
}

export async function listCatalog(opts: { db: Db; actor: Pick<Actor, 'sub' | 'groups' | 'idpKind'> }): Promise<CatalogEntry[]> {
  const { db, actor } = opts;
  const mappings = await db.roleMapping.findMany({
    where: { enabled: true, idpGroup: { in: actor.groups }, idpKind: { in: [actor.idpKind, 'BOTH'] } },
    select: {
      id: true,
      idpGroup: true,
      idpKind: true,
      roleArn: true,
      enabled: true,
      maxDurationSeconds: true,
      roleLabel: true,
      description: true,
      accountId: true,
      accountLabel: true,
      allowedRegions: true,
      stsRegion: true,
      chainedRoleArn: true,
    },
  });
  const entitlements = resolveEntitlements({ groups: actor.groups, idpKind: actor.idpKind, mappings });
  const recent = await db.auditEvent.groupBy({
    by: ['roleArn'],
    where: { actorSub: actor.sub, type: 'ISSUE_SUCCEEDED', occurredAt: { gte: new Date(Date.now() - 90 * 86400_000) } },
    _max: { occurredAt: true },
  });
  const lastUsed = new Map(recent.map((r) => [r.roleArn, r._max.occurredAt]));
  const entries: CatalogEntry[] = entitlements.map(({ mapping: m, viaGroups }) => ({
    mappingId: m.id,
    roleArn: m.roleArn,
    roleLabel: m.roleLabel,
    description: m.description,
    accountId: m.accountId,
    accountLabel: m.accountLabel,
    maxDurationSeconds: effectiveMaxDuration(m),
    chainedRoleArn: m.chainedRoleArn,
    allowedRegions: m.allowedRegions,
    defaultRegion: m.allowedRegions.includes(m.stsRegion) ? m.stsRegion : (m.allowedRegions[0] ?? m.stsRegion),
    viaGroups,
    lastUsedAt: lastUsed.get(m.roleArn)?.toISOString() ?? null,
  }));
  return entries.sort((a, b) => {
    if (a.lastUsedAt && b.lastUsedAt) return b.lastUsedAt.localeCompare(a.lastUsedAt);
    if (a.lastUsedAt) return -1;
    if (b.lastUsedAt) return 1;
    return a.accountLabel.localeCompare(b.accountLabel) || a.roleLabel.localeCompare(b.roleLabel);
  });
}
