// aws_accounts (migration 20261201192500): the database keeps one name per account, whatever
// writes the mapping — the label a mapping row carries is always its account's, renaming an
// account renames it on its mappings, and an account with mappings cannot be deleted.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient, type Db } from '@/lib/db/create-client';

let db: Db;
beforeAll(() => {
  db = createPrismaClient(inject('databaseUrl'));
});
afterAll(async () => {
  await db?.$disconnect();
});

function accountId(): string {
  return String(Math.floor(1e11 + Math.random() * 8.9e11));
}

async function mapping(id: string, label: string) {
  return db.roleMapping.create({
    data: {
      idpGroup: `acct-${randomUUID()}`, idpKind: 'OIDC', roleArn: `arn:aws:iam::${id}:role/R`, accountId: id, accountLabel: label, roleLabel: 'R',
      maxDurationSeconds: 900, stsRegion: 'us-east-1', allowedRegions: ['us-east-1'], createdBy: 't', updatedBy: 't',
    },
  });
}

describe('aws_accounts', () => {
  it('creates the account the first time a mapping names it, and keeps later rows to its name', async () => {
    const id = accountId();
    const tag = randomUUID().slice(0, 8);
    const first = await mapping(id, `first-${tag}`);
    expect(await db.awsAccount.findUnique({ where: { id } })).toMatchObject({ label: `first-${tag}` });
    const second = await mapping(id, `second-${tag}`);
    expect(second.accountLabel).toBe(`first-${tag}`);
    await db.roleMapping.update({ where: { id: first.id }, data: { accountLabel: 'changed by SQL' } });
    expect((await db.roleMapping.findUniqueOrThrow({ where: { id: first.id } })).accountLabel).toBe(`first-${tag}`);
  });

  it('gives a new account whose label names another account its id beside the label', async () => {
    const [a, b] = [accountId(), accountId()];
    const label = `shared-${randomUUID().slice(0, 8)}`;
    await mapping(a, label);
    const m = await mapping(b, label);
    expect(m.accountLabel).toBe(`${label} (${b})`);
  });

  it('renames the account on every mapping, and refuses to delete an account in use', async () => {
    const id = accountId();
    const tag = randomUUID().slice(0, 8);
    const m1 = await mapping(id, `old-${tag}`);
    const m2 = await mapping(id, `old-${tag}`);
    await db.awsAccount.update({ where: { id }, data: { label: `new-${tag}` } });
    const rows = await db.roleMapping.findMany({ where: { id: { in: [m1.id, m2.id] } }, select: { accountLabel: true } });
    expect(rows.map((r) => r.accountLabel)).toEqual([`new-${tag}`, `new-${tag}`]);
    await expect(db.awsAccount.delete({ where: { id } })).rejects.toThrow();
    await expect(db.awsAccount.create({ data: { id: accountId(), label: `new-${tag}` } })).rejects.toThrow();
    await expect(db.awsAccount.create({ data: { id: '12345', label: `short-${tag}` } })).rejects.toThrow();
  });
});
