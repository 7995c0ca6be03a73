// Whether a new OIDC sign-in keeps the IdP's ID and refresh tokens (encrypted, with the session).
// Only passthrough issuance sends them to AWS; in broker mode the IdP's tokens only sign the
// person in, so a deployment in broker mode with no mapping overridden to passthrough stores none
// (DESIGN.md: "no IdP token is stored"). A passthrough mapping added later asks people signed in
// before it to sign in again (web-identity-token.ts), and from then on their tokens are kept.
import { sqlPool, type Db } from '@/lib/db/create-client';
import type { FederationMode } from '@/lib/config/schema';

/** Pure: the rule. */
export function mustKeepIdpTokens(opts: { deploymentMode: FederationMode; passthroughMappings: boolean }): boolean {
  return opts.deploymentMode === 'passthrough' || opts.passthroughMappings;
}

export async function keepsIdpTokens(db: Db, deploymentMode: FederationMode): Promise<boolean> {
  if (deploymentMode === 'passthrough') return true;
  const { rows } = await sqlPool(db).query<{ found: boolean }>(`SELECT EXISTS (SELECT 1 FROM "role_mappings" WHERE "federation_mode" = 'passthrough') AS "found"`);
  return mustKeepIdpTokens({ deploymentMode, passthroughMappings: rows[0]?.found === true });
}
