import 'server-only';
// The AWS accounts Keyport knows (aws_accounts), by name: the mapping form's list to pick from.
import type { Db } from '@/lib/db/create-client';
import type { AccountRecord } from './check-account-label';

export async function listAccounts(opts: { db: Db }): Promise<AccountRecord[]> {
  const rows = await opts.db.awsAccount.findMany({ select: { id: true, label: true }, orderBy: [{ label: 'asc' }, { id: 'asc' }] });
  return rows;
}
