// `npm run audit:verify [-- --checkpoints <file>]`: checks the audit hash chain, recomputing every
// hash here, and holds it against the signed checkpoints — those in the database and, with
// --checkpoints, those kept outside it (a sink's JSON Lines, or bare checkpoints). The database is
// DATABASE_URL's; without it, the sandbox's, found as `sandbox:info` finds it, with the sandbox's
// signing key. Keys: AUDIT_SIGNING_KEY (its public half) and AUDIT_VERIFY_KEYS. Exit 0 when intact;
// 1 naming the first event that is edited, deleted, inserted or disagrees with a checkpoint; 2
// when it could not check at all.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { verificationKeys } from '../lib/audit/checkpoint-signature';
import { parseExternalRecord } from '../lib/audit/parse-external-record';
import { verifyAuditChain, type ExternalRecord } from '../lib/audit/verify-audit-chain';
import { parseAuditSettings } from '../lib/config/audit-settings';
import { createPrismaClient } from '../lib/db/create-client';
import { readSandboxAuditSigningKey, sandboxDatabaseUrls, sandboxSettings } from '../sandbox/settings';

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i < 0) return undefined;
  const v = process.argv[i + 1];
  if (!v || v.startsWith('--')) throw new Error(`${name} needs a file`);
  return v;
}

async function main(): Promise<number> {
  const settings = parseAuditSettings(process.env);
  let url = process.env.DATABASE_URL;
  let signingKey = settings.signingKey;
  if (!url) {
    const s = sandboxSettings(process.env);
    url = sandboxDatabaseUrls(process.env, s).databaseUrl;
    signingKey ??= readSandboxAuditSigningKey(s);
    process.stdout.write(`no DATABASE_URL: checking the sandbox database (${path.relative(process.cwd(), s.dataDir) || s.dataDir})\n`);
  }
  const keys = verificationKeys({ signingKey, verifyKeys: settings.verifyKeys });
  let external: ExternalRecord | undefined;
  const file = argument('--checkpoints');
  if (file) {
    const parsed = parseExternalRecord(readFileSync(file, 'utf8'), path.basename(file));
    external = parsed;
    process.stdout.write(`${file}: ${parsed.checkpoints.length} checkpoint(s), ${parsed.witnesses.size} event hash(es)${parsed.ignored ? `, ${parsed.ignored} other line(s) ignored` : ''}\n`);
  }
  const db = createPrismaClient(url, { max: 2 });
  try {
    const r = await verifyAuditChain({ db, keys, external });
    for (const w of r.warnings) process.stdout.write(`warning: ${w}\n`);
    if (r.ok) {
      const cps = r.checkpoints.newestPosition ? `; ${r.checkpoints.matched} signed checkpoint(s) match (newest: position ${r.checkpoints.newestPosition}, signed ${r.checkpoints.newestSignedAt})` : '; no signed checkpoint to hold it against';
      process.stdout.write(`audit chain intact: ${r.checked} events checked (chain positions ${BigInt(r.anchorSeq) + 1n}…${r.headSeq})${cps}\n`);
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
