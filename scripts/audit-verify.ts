// `npm run audit:verify`: checks the audit hash chain of the database in DATABASE_URL. Exit 0
// when intact; 1 naming the first broken event (edited, deleted or inserted bypassing the
// trigger); 2 when it could not check at all.
import { createPrismaClient } from '../lib/db/create-client';
import { verifyAuditChain } from '../lib/audit/verify-audit-chain';

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('audit:verify needs DATABASE_URL (the Keyport database to check).\n');
    return 2;
  }
  const db = createPrismaClient(url, { max: 2 });
  try {
    const r = await verifyAuditChain({ db });
    if (r.ok) {
      process.stdout.write(`audit chain intact: ${r.checked} events checked (chain positions ${BigInt(r.anchorSeq) + 1n}…${r.headSeq})\n`);
      return 0;
    }
    const b = r.firstBroken;
    process.stdout.write(`AUDIT CHAIN BROKEN at ${b?.eventId ? `event ${b.eventId}` : `chain position ${b?.seq ?? '?'}`} (${b?.problem}): ${b?.message}\n`);
    process.stdout.write(`${r.checked} events before it are intact.\n`);
    return 1;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`audit:verify could not check the chain: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
