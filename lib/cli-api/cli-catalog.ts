import 'server-only';
// The catalog as the CLI sees it: the person's roles (list-catalog.ts) and, per role, whether an
// issuance needs the browser — SAML passthrough needs a fresh assertion from the IdP, which only a
// browser round trip gets; every broker mode and OIDC passthrough issue without one.
import type { Actor } from '@/lib/auth/actor';
import type { FederationMode } from '@/lib/config/schema';
import { sqlPool, type Db } from '@/lib/db/create-client';
import { listCatalog, type CatalogEntry } from '@/lib/entitlements/list-catalog';
import { resolveFederationMode } from '@/lib/issuance/modes/resolve-federation-mode';

export type CliCatalogEntry = CatalogEntry & { browserRequired: boolean };

export async function listCliCatalog(opts: { db: Db; actor: Pick<Actor, 'sub' | 'groups' | 'idpKind'>; deploymentMode: FederationMode }): Promise<CliCatalogEntry[]> {
  const roles = await listCatalog(opts);
  if (opts.actor.idpKind !== 'SAML' || roles.length === 0) return roles.map((r) => ({ ...r, browserRequired: false }));
  const { rows } = await sqlPool(opts.db).query<{ id: string; federation_mode: string | null }>(`SELECT "id", "federation_mode" FROM "role_mappings" WHERE "id" = ANY($1::uuid[])`, [roles.map((r) => r.mappingId)]);
  const modes = new Map(rows.map((r) => [r.id, resolveFederationMode(r.federation_mode, opts.deploymentMode)]));
  return roles.map((r) => ({ ...r, browserRequired: modes.get(r.mappingId) === 'passthrough' }));
}
