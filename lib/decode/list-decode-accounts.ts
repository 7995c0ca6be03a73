// The accounts the Decode page offers: for a person, those of their own roles (a chained mapping's
// hub and target accounts both); for a reviewer, every account a mapping names. Labels from the
// mappings; scoped in the query (listCatalog reads only the person's own groups).
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import type { Db } from '@/lib/db/create-client';
import { listCatalog } from '@/lib/entitlements/list-catalog';

export interface DecodeAccount {
  accountId: string;
  label: string;
}

const accountOf = (arn: string) => arn.split(':')[4] ?? '';

export async function listDecodeAccounts(opts: { db: Db; actor: Actor }): Promise<DecodeAccount[]> {
  const rows = can(opts.actor.roles, ['audit', 'read'])
    ? await opts.db.roleMapping.findMany({ select: { roleArn: true, accountLabel: true, chainedRoleArn: true } })
    : (await listCatalog({ db: opts.db, actor: opts.actor })).map((e) => ({ roleArn: e.roleArn, accountLabel: e.accountLabel, chainedRoleArn: e.chainedRoleArn }));
  const byId = new Map<string, string>();
  for (const r of rows) {
    // A chained mapping's label names the account people reach (the target's).
    if (r.chainedRoleArn) byId.set(accountOf(r.chainedRoleArn), r.accountLabel);
    if (!byId.has(accountOf(r.roleArn))) byId.set(accountOf(r.roleArn), r.chainedRoleArn ? `hub of ${r.accountLabel}` : r.accountLabel);
  }
  return [...byId.entries()].filter(([id]) => /^\d{12}$/.test(id)).map(([accountId, label]) => ({ accountId, label })).sort((a, b) => a.label.localeCompare(b.label) || a.accountId.localeCompare(b.accountId));
}
