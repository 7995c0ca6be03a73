// The role catalog of one person: the roles their current groups map to, with what the UI shows,
// most recently used first — and with what they last chose for each (lib/choices), whether they
// hold live credentials for it and until when, and whether the role looks broken (recent
// issuances failed at AWS, lib/mappings/mapping-health.ts). Every query is scoped to the person's
// groups, IdP kind or subject.
import type { Actor } from '@/lib/auth/actor';
import { listIssuanceChoices, type IssuanceChoiceView } from '@/lib/choices/list-issuance-choices';
import type { Db } from '@/lib/db/create-client';
import type { MappingHealth } from '@/lib/mappings/mapping-health';
import { readMappingHealth } from '@/lib/mappings/read-mapping-health';
import { liveUntil } from './live-credentials';
import { resolveEntitlements } from './resolve-entitlements';

export interface CatalogEntry {
  mappingId: string;
  roleArn: string;
  roleLabel: string;
  description: string;
  accountId: string;
  accountLabel: string;
  maxDurationSeconds: number;
  allowedRegions: string[];
  defaultRegion: string;
  viaGroups: string[];
  lastUsedAt: string | null;
  /** What the person chose last time (duration and region still allowed by the mapping), or null. */
  lastChoice: IssuanceChoiceView | null;
  /** The latest expiry of credentials the person holds for this role that still work, or null. */
  liveUntil: string | null;
  /** Set when the role's recent issuances failed at AWS and none succeeded since. */
  health: MappingHealth | null;
}

/** A mapping of the person's groups that only the other sign-in (OIDC vs SAML) can use. */
export interface OtherSignInEntry {
  mappingId: string;
  roleLabel: string;
  roleArn: string;
  accountId: string;
  accountLabel: string;
  needs: 'OIDC' | 'SAML';
}

export interface Catalog {
  roles: CatalogEntry[];
  otherSignIn: OtherSignInEntry[];
}

export async function listCatalog(opts: { db: Db; actor: Pick<Actor, 'sub' | 'groups' | 'idpKind'> }): Promise<CatalogEntry[]> {
  return (await readCatalog(opts)).roles;
}

export async function readCatalog(opts: { db: Db; actor: Pick<Actor, 'sub' | 'groups' | 'idpKind'> }): Promise<Catalog> {
  const { db, actor } = opts;
  const other: 'OIDC' | 'SAML' = actor.idpKind === 'OIDC' ? 'SAML' : 'OIDC';
  const mappings = await db.roleMapping.findMany({
    where: { enabled: true, idpGroup: { in: actor.groups }, idpKind: { in: [actor.idpKind, 'BOTH', other] } },
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
    },
  });
  const entitlements = resolveEntitlements({ groups: actor.groups, idpKind: actor.idpKind, mappings });
  const now = new Date();
  const [recent, choices, issued, revocations, health] = await Promise.all([
    db.auditEvent.groupBy({
      by: ['roleArn'],
      where: { actorSub: actor.sub, type: 'ISSUE_SUCCEEDED', occurredAt: { gte: new Date(now.getTime() - 90 * 86400_000) } },
      _max: { occurredAt: true },
    }),
    listIssuanceChoices({ db, actorSub: actor.sub }),
    // Credentials last at most 12 hours: nothing issued before that can still be live.
    db.auditEvent.findMany({
      where: { actorSub: actor.sub, type: 'ISSUE_SUCCEEDED', occurredAt: { gte: new Date(now.getTime() - 12 * 3600_000) }, expiresAt: { gt: now } },
      select: { mappingId: true, roleArn: true, occurredAt: true, expiresAt: true },
    }),
    db.revocation.findMany({
      where: { liftedAt: null, revokedBefore: { gte: new Date(now.getTime() - 12 * 3600_000) } },
      select: { kind: true, roleArns: true, revokedBefore: true, personSub: true },
    }),
    readMappingHealth(
      db,
      entitlements.map(({ mapping: m }) => ({ id: m.id, roleArn: m.roleArn, stsRegion: m.stsRegion, maxDurationSeconds: m.maxDurationSeconds })),
    ),
  ]);
  const lastUsed = new Map(recent.map((r) => [r.roleArn, r._max.occurredAt]));
  const live = liveUntil({
    now,
    issued: issued.flatMap((e) => (e.mappingId && e.roleArn && e.expiresAt ? [{ mappingId: e.mappingId, roleArn: e.roleArn, issuedAt: e.occurredAt, expiresAt: e.expiresAt }] : [])),
    revocations: revocations.map((r) => ({ kind: r.kind, roleArns: r.roleArns, revokedBefore: r.revokedBefore, appliesToPerson: r.personSub === actor.sub })),
  });
  const entries: CatalogEntry[] = entitlements.map(({ mapping: m, viaGroups }) => {
    const choice = choices.get(m.id);
    return {
      mappingId: m.id,
      roleArn: m.roleArn,
      roleLabel: m.roleLabel,
      description: m.description,
      accountId: m.accountId,
      accountLabel: m.accountLabel,
      maxDurationSeconds: m.maxDurationSeconds,
      allowedRegions: m.allowedRegions,
      defaultRegion: m.allowedRegions.includes(m.stsRegion) ? m.stsRegion : (m.allowedRegions[0] ?? m.stsRegion),
      viaGroups,
      lastUsedAt: lastUsed.get(m.roleArn)?.toISOString() ?? null,
      // A choice the mapping no longer allows (shorter maximum, region removed) is not offered.
      lastChoice: choice && choice.durationSeconds <= m.maxDurationSeconds && m.allowedRegions.includes(choice.region) ? choice : null,
      liveUntil: live.get(m.id)?.toISOString() ?? null,
      health: health.get(m.id) ?? null,
    };
  });
  const usable = new Set(entries.map((e) => e.mappingId));
  const otherSignIn = mappings
    .filter((m) => m.idpKind === other && !usable.has(m.id))
    .map((m) => ({ mappingId: m.id, roleLabel: m.roleLabel, roleArn: m.roleArn, accountId: m.accountId, accountLabel: m.accountLabel, needs: other }));
  return {
    roles: entries.sort((a, b) => {
      if (a.lastUsedAt && b.lastUsedAt) return b.lastUsedAt.localeCompare(a.lastUsedAt);
      if (a.lastUsedAt) return -1;
      if (b.lastUsedAt) return 1;
      return a.accountLabel.localeCompare(b.accountLabel) || a.roleLabel.localeCompare(b.roleLabel);
    }),
    otherSignIn,
  };
}
