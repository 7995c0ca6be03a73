// Sandbox seed: demo mappings for the demo people, over the roles of the sandbox AWS world.
// Idempotent and conservative: a mapping that exists (same group and role) is left as it is, so
// an admin's edits survive restarts.
import type { Db } from '../lib/db/create-client';

export interface SeedRole {
  arn: string;
  description?: string;
  maxSessionDuration: number;
}

interface SeedMapping {
  group: string;
  roleArn: string;
  roleLabel: string;
  accountLabel: string;
  maxDurationSeconds: number;
  allowedRegions: string[];
  description?: string;
  /** SAML mappings name the IAM SAML provider AWS checks the assertion against. */
  saml?: { providerArn: string };
  /**
   * 'passthrough' for the roles of world.json that trust the IdP itself; unset for the broker-mode
   * roles (the sandbox's FEDERATION_MODE=broker applies).
   */
  federationMode?: 'passthrough';
  sessionTagAttributes?: string[];
  /** Role chaining: the target role assumed with the hub session; its maximum bounds the mapping's. */
  chainedRoleArn?: string;
}

const DEV = 'sandbox-dev';
const PROD = 'sandbox-prod';
const SHARED = 'sandbox-shared';

export const SANDBOX_MAPPINGS: readonly SeedMapping[] = [
  { group: 'engineering', roleArn: 'arn:aws:iam::111122223333:role/DevReadOnly', roleLabel: 'Dev read-only', accountLabel: DEV, maxDurationSeconds: 14400, allowedRegions: ['us-east-1', 'eu-west-1', 'eu-central-1'], federationMode: 'passthrough' },
  { group: 'engineering', roleArn: 'arn:aws:iam::111122223333:role/DevDeveloper', roleLabel: 'Dev developer', accountLabel: DEV, maxDurationSeconds: 43200, allowedRegions: ['us-east-1', 'eu-west-1'], federationMode: 'passthrough' },
  { group: 'engineering', roleArn: 'arn:aws:iam::111122223333:role/DataScienceLegacy', roleLabel: 'Data science (legacy)', accountLabel: DEV, maxDurationSeconds: 3600, allowedRegions: ['us-east-1'], description: 'Old role whose trust policy was never updated for Keyport', federationMode: 'passthrough' },
  { group: 'eng-oncall', roleArn: 'arn:aws:iam::444455556666:role/ProdReadOnly', roleLabel: 'Prod read-only (on-call)', accountLabel: PROD, maxDurationSeconds: 3600, allowedRegions: ['us-east-1', 'eu-west-1'] },
  { group: 'platform-team', roleArn: 'arn:aws:iam::444455556666:role/platform/ProdAdmin', roleLabel: 'Prod administrator', accountLabel: PROD, maxDurationSeconds: 3600, allowedRegions: ['us-east-1', 'eu-west-1', 'eu-central-1'] },
  { group: 'keyport-admins', roleArn: 'arn:aws:iam::111122223333:role/DevReadOnly', roleLabel: 'Dev read-only', accountLabel: DEV, maxDurationSeconds: 3600, allowedRegions: ['us-east-1'], federationMode: 'passthrough' },
  { group: 'engineering', roleArn: 'arn:aws:iam::111122223333:role/RevocationDrill', roleLabel: 'Revocation drill', accountLabel: DEV, maxDurationSeconds: 3600, allowedRegions: ['us-east-1'], description: 'Practice role: reviewers revoke its sessions in drills' },
  { group: 'security-reviewers', roleArn: 'arn:aws:iam::111122223333:role/SecurityAudit', roleLabel: 'Security audit', accountLabel: DEV, maxDurationSeconds: 43200, allowedRegions: ['us-east-1', 'eu-west-1'], sessionTagAttributes: ['groups'] },
  // Role chaining: the broker issues the hub role (dev account), whose session assumes the
  // shared-services role (its trust names only the hub). The mapping allows 4 h; AWS caps a chained
  // session at 1 h, so people get at most that (and are told why).
  { group: 'eng-oncall', roleArn: 'arn:aws:iam::111122223333:role/KeyportHub', chainedRoleArn: 'arn:aws:iam::777788889999:role/SharedServicesReadOnly', roleLabel: 'Shared services read-only (via hub)', accountLabel: SHARED, maxDurationSeconds: 14400, allowedRegions: ['us-east-1', 'eu-west-1'], description: 'Read-only access to the shared-services account, through the KeyportHub role (role chaining)' },
  { group: 'saml-engineering', roleArn: 'arn:aws:iam::111122223333:role/SamlDeveloper', roleLabel: 'Dev developer (SAML)', accountLabel: DEV, maxDurationSeconds: 7200, allowedRegions: ['us-east-1', 'eu-west-1'], saml: { providerArn: 'arn:aws:iam::111122223333:saml-provider/KeyportSandboxSaml' }, federationMode: 'passthrough' },
];

export async function seedSandbox(opts: { db: Db; roles: readonly SeedRole[] }): Promise<{ created: number }> {
  let created = 0;
  for (const m of SANDBOX_MAPPINGS) {
    const role = opts.roles.find((r) => r.arn === m.roleArn);
    if (!role) throw new Error(`seed mapping names ${m.roleArn}, which is not in sandbox/world.json`);
    // A chained mapping's credentials are the target's: its maximum is the one that bounds them.
    const issued = m.chainedRoleArn ? opts.roles.find((r) => r.arn === m.chainedRoleArn) : role;
    if (!issued) throw new Error(`seed mapping chains to ${m.chainedRoleArn ?? ''}, which is not in sandbox/world.json`);
    const accountId = m.roleArn.split(':')[4] ?? '';
    const existing = await opts.db.roleMapping.findUnique({ where: { idpGroup_roleArn: { idpGroup: m.group, roleArn: m.roleArn } }, select: { id: true } });
    if (existing) {
      // A seeded mapping from before broker mode, never edited since: it keeps trusting what its role trusts.
      if (m.federationMode) await opts.db.roleMapping.updateMany({ where: { id: existing.id, updatedBy: 'sandbox-seed', federationMode: null }, data: { federationMode: m.federationMode } });
      continue;
    }
    await opts.db.roleMapping.create({
      data: {
        idpGroup: m.group,
        idpKind: m.saml ? 'SAML' : 'OIDC',
        samlProviderArn: m.saml?.providerArn ?? null,
        roleArn: m.roleArn,
        accountId,
        accountLabel: m.accountLabel,
        roleLabel: m.roleLabel,
        description: m.description ?? role.description ?? '',
        maxDurationSeconds: Math.min(m.maxDurationSeconds, issued.maxSessionDuration),
        stsRegion: 'us-east-1',
        allowedRegions: m.allowedRegions,
        federationMode: m.federationMode ?? null,
        sessionTagAttributes: m.sessionTagAttributes ?? [],
        chainedRoleArn: m.chainedRoleArn ?? null,
        createdBy: 'sandbox-seed',
        updatedBy: 'sandbox-seed',
      },
    });
    created++;
  }
  return { created };
}
