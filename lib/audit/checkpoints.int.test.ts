// Verification that does not trust the database (issue #13): the application recomputes every
// hash exactly as the trigger did, signs checkpoints of what it verified, and `audit:verify` then
// catches the database's owner rewriting history and recomputing the chain, or deleting the newest
// events — naming the first event that disagrees with a checkpoint.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import { createLogger } from '@/lib/log/logger';
import { appendAuditEvent } from './append-audit-event';
import { auditEventHash, canonicalEventOf, CANONICAL_EVENT_COLUMNS, type CanonicalEventRow } from './canonical-event';
import { loadSigningKey, verificationKeys } from './checkpoint-signature';
import { parseExternalRecord } from './parse-external-record';
import { AuditCheckpointSigner } from './sign-audit-checkpoints';
import { AuditDelivery } from './sinks/audit-delivery';
import { createAuditSink } from './sinks/create-audit-sink';
import { createTestDatabase, type TestDatabase } from './test-database';
import { verifyAuditChain } from './verify-audit-chain';

const run = promisify(execFile);
const keyPem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const key = loadSigningKey(keyPem);
const keys = verificationKeys({ signingKey: keyPem });
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

async function fresh(label: string): Promise<{ tdb: TestDatabase; db: Db }> {
  const tdb = await createTestDatabase(inject('adminDatabaseUrl'), label);
  const db = createPrismaClient(tdb.url, { max: 3 });
  cleanup.push(async () => {
    await db.$disconnect();
    await tdb.drop();
  });
  return { tdb, db };
}

async function append(db: Db, n: number, tag: string): Promise<void> {
  for (let i = 0; i < n; i++) {
    await appendAuditEvent(db, { type: 'ISSUE_REQUESTED', actor: { sub: `${tag}-${i}`, email: `${tag}${i}@example.com`, name: `P ${i}`, groups: ['g'], idpKind: 'OIDC' }, details: { n: i } });
  }
}

async function verifyScript(url: string, args: string[] = []): Promise<{ code: number; out: string }> {
  try {
    const r = await run('npx', ['tsx', 'scripts/audit-verify.ts', ...args], { env: { ...process.env, DATABASE_URL: url, AUDIT_SIGNING_KEY: keyPem }, timeout: 60_000 });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

/** As the owner: change one event's content, then recompute every hash after it (what the chain alone cannot catch). */
async function rewriteAndRechain(ownerUrl: string, seq: number): Promise<void> {
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    await c.query('BEGIN');
    await c.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
    await c.query("UPDATE audit_events SET actor_name = 'Mallory', details = '{\"n\": 999}' WHERE seq = $1", [seq]);
    await c.query(`DO $$
      DECLARE r RECORD; prev TEXT;
      BEGIN
        SELECT hash INTO prev FROM audit_events WHERE seq = ${seq - 1};
        FOR r IN SELECT id, occurred_at FROM audit_events WHERE seq >= ${seq} ORDER BY seq LOOP
          UPDATE audit_events e SET prev_hash = prev, hash = audit_event_hash(prev, e) WHERE e.id = r.id AND e.occurred_at = r.occurred_at RETURNING e.hash INTO prev;
        END LOOP;
        UPDATE audit_chain_state SET head_hash = prev WHERE id = 1;
      END $$`);
    await c.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
    await c.query('COMMIT');
  } finally {
    await c.end();
  }
}

/** As the owner: delete every event after `keep` and move the chain head back to it. */
async function deleteNewest(ownerUrl: string, keep: number): Promise<void> {
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    await c.query('BEGIN');
    await c.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
    await c.query('DELETE FROM audit_events WHERE seq > $1', [keep]);
    await c.query('UPDATE audit_chain_state SET head_seq = $1, head_hash = (SELECT hash FROM audit_events WHERE seq = $1) WHERE id = 1', [keep]);
    await c.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
    await c.query('COMMIT');
  } finally {
    await c.end();
  }
}

/**
 * 5 events, a checkpoint of position 5 (event 6), 6 more (7…12) and a checkpoint of position 10
 * (event 13): what a signer running beside issuance leaves.
 */
async function chainWithCheckpoints(db: Db, tag: string): Promise<void> {
  const signer = new AuditCheckpointSigner({ db, key, everyEvents: 5, everyMs: 3600_000 });
  await append(db, 5, `${tag}1`);
  expect((await signer.round()).signed.map((c) => c.position)).toEqual(['5']);
  await append(db, 6, `${tag}2`);
  expect((await signer.round()).signed.map((c) => c.position)).toEqual(['10']);
}

async function eventAt(tdb: TestDatabase, seq: number): Promise<string> {
  const [row] = await tdb.query<{ id: string }>('SELECT id::text FROM audit_events WHERE seq = $1', [seq]);
  return row?.id ?? '';
}

describe('hashes recomputed in the application', () => {
  it('equal the trigger\'s for every kind of content (unicode, escapes, nulls, nested JSON, numbers as written)', async () => {
    const { tdb } = await fresh('canonical');
    await tdb.query(`INSERT INTO audit_events (type, actor_sub, actor_email, actor_name, actor_groups, duration_seconds, expires_at, intent_id, mapping_id, details, user_agent)
      VALUES ('ISSUE_SUCCEEDED', 'sub "quoted" \\ back', 'ü@exämple.com', E'Zoë \\n\\t\\u0001 ✓ 𝄞', ARRAY['a', NULL, 'ç'], 3600, '2026-12-01T10:00:00.123Z',
              '0e6f1c52-5f3e-4bb5-9f2a-3c1d2e4f5a6b', 'A0E6F1C5-5F3E-4BB5-9F2A-3C1D2E4F5A6B', '{"b": 1.50, "a": [1e3, -0, null, {"zz": "\\u0007x", "é": true}], "long key first": 2}', NULL),
             ('AUDIT_VERIFIED', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '{}', E'</script>\\u2028')`);
    const rows = await tdb.query<CanonicalEventRow>(`SELECT ${CANONICAL_EVENT_COLUMNS} FROM audit_events e ORDER BY e.seq`);
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(auditEventHash(r.prev_hash ?? '', canonicalEventOf({ ...r, seq: r.seq ?? '' }))).toBe(r.hash);
  });
});

describe('signed checkpoints', () => {
  it('are signed every N events by a signer that verified them, and the chain verifies against them', async () => {
    const { db } = await fresh('cp_intact');
    await append(db, 12, 'a');
    const signer = new AuditCheckpointSigner({ db, key, everyEvents: 5, everyMs: 3600_000 });
    const r = await signer.round();
    expect(r.broken).toBeNull();
    expect(r.signed.map((c) => c.position)).toEqual(['5', '10']);
    const report = await verifyAuditChain({ db, keys });
    expect(report).toMatchObject({ ok: true, checkpoints: { matched: 2, newestPosition: '10' } });
    // A second instance's signer (or this one after a restart) takes up from the newest checkpoint.
    await append(db, 4, 'b');
    const other = await new AuditCheckpointSigner({ db, key, everyEvents: 5, everyMs: 3600_000 }).round();
    expect(other.signed.map((c) => c.position)).toEqual(['15']);
  });

  it('history rewritten and re-chained by the owner: audit:verify exits 1 naming the first event after the last good checkpoint', async () => {
    const { tdb, db } = await fresh('cp_rewrite');
    await chainWithCheckpoints(db, 'r');
    const firstAfterGood = await eventAt(tdb, 6);
    await rewriteAndRechain(tdb.ownerUrl, 8);
    // The chain alone is consistent again …
    expect((await verifyAuditChain({ db })).ok).toBe(true);
    // … but not with what Keyport signed.
    const report = await verifyAuditChain({ db, keys });
    expect(report.firstBroken).toMatchObject({ problem: 'checkpoint-mismatch', eventId: firstAfterGood, seq: '6' });
    expect(report.firstBroken?.message).toContain('positions 6…10');
    const script = await verifyScript(tdb.url);
    expect(script.code).toBe(1);
    expect(script.out).toContain(`BROKEN at event ${firstAfterGood}`);
    expect(script.out).toContain('disagree with the checkpoint');
  });

  it('with a sink\'s copy (--checkpoints <file>) audit:verify names the very event rewritten', async () => {
    const { tdb, db } = await fresh('cp_rewrite_file');
    await chainWithCheckpoints(db, 'w');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'keyport-sink-')), 'audit.jsonl');
    await deliverAll(tdb, file);
    const victim = await eventAt(tdb, 8);
    await rewriteAndRechain(tdb.ownerUrl, 8);
    const external = parseExternalRecord(readFileSync(file, 'utf8'), 'audit.jsonl');
    expect((await verifyAuditChain({ db, keys, external })).firstBroken).toMatchObject({ problem: 'disagrees-with-record', eventId: victim, seq: '8' });
    const script = await verifyScript(tdb.url, ['--checkpoints', file]);
    expect(script.code).toBe(1);
    expect(script.out).toContain(`BROKEN at event ${victim}`);
  });

  it('the newest events deleted after a checkpoint: audit:verify --checkpoints <file> exits 1 naming the first missing position', async () => {
    const { tdb, db } = await fresh('cp_tail');
    await chainWithCheckpoints(db, 't');
    await append(db, 3, 'late');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'keyport-sink-')), 'audit.jsonl');
    await deliverAll(tdb, file);
    // The head was 16; the owner cuts the chain back to 9, taking the checkpoint of position 10 with it.
    await deleteNewest(tdb.ownerUrl, 9);
    const script = await verifyScript(tdb.url, ['--checkpoints', file]);
    expect(script.code).toBe(1);
    expect(script.out).toMatch(/BROKEN at chain position 10 \(checkpoint-missing-events\)/);
    expect(script.out).toContain('events 10…16 were deleted');
  });

  it('only the events after the newest checkpoint deleted: the sink\'s copy shows it', async () => {
    const { tdb, db } = await fresh('cp_tail2');
    await chainWithCheckpoints(db, 'u');
    await append(db, 2, 'late');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'keyport-sink-')), 'audit.jsonl');
    await deliverAll(tdb, file);
    await deleteNewest(tdb.ownerUrl, 13);
    const external = parseExternalRecord(readFileSync(file, 'utf8'), 'audit.jsonl');
    expect((await verifyAuditChain({ db, keys })).ok).toBe(true);
    expect((await verifyAuditChain({ db, keys, external })).firstBroken).toMatchObject({ problem: 'checkpoint-missing-events', seq: '14' });
    const script = await verifyScript(tdb.url, ['--checkpoints', file]);
    expect(script.code).toBe(1);
    expect(script.out).toContain('events 14…15 were deleted');
  });

  it('a forged checkpoint event (not signed by the key) is named', async () => {
    const { tdb, db } = await fresh('cp_forged');
    await append(db, 3, 'f');
    const c = new pg.Client({ connectionString: tdb.url });
    await c.connect();
    const { rows } = await c.query<{ id: string }>(
      `INSERT INTO audit_events (type, details) VALUES ('AUDIT_CHECKPOINT', $1) RETURNING id::text`,
      [JSON.stringify({ position: '3', headHash: 'a'.repeat(64), signedAt: new Date().toISOString(), every: 5, keyId: key.keyId, signature: 'AAAA' })],
    );
    await c.end();
    expect((await verifyAuditChain({ db, keys })).firstBroken).toMatchObject({ problem: 'checkpoint-forged', eventId: rows[0]?.id });
    // The signer refuses to sign over it.
    expect((await new AuditCheckpointSigner({ db, key, everyEvents: 1, everyMs: 1 }).round()).broken).toMatchObject({ problem: 'checkpoint-forged' });
  });

  it('the signer never signs a chain changed behind it', async () => {
    const { tdb, db } = await fresh('cp_signer');
    await append(db, 6, 's');
    const signer = new AuditCheckpointSigner({ db, key, everyEvents: 5, everyMs: 3600_000 });
    await signer.round();
    await append(db, 2, 's2');
    const c = new pg.Client({ connectionString: tdb.ownerUrl });
    await c.connect();
    await c.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
    await c.query("UPDATE audit_events SET actor_name = 'Mallory' WHERE seq = 8");
    await c.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
    await c.end();
    const r = await new AuditCheckpointSigner({ db, key, everyEvents: 1, everyMs: 1 }).round();
    // It signs what it verified before the change, and nothing from the changed event on.
    expect(r.broken).toMatchObject({ seq: '8' });
    expect(r.signed.every((c) => BigInt(c.position) < 8n)).toBe(true);
  });
});

/** Every event to a file sink, as the portal's delivery would. */
async function deliverAll(tdb: TestDatabase, file: string): Promise<void> {
  const [head] = await tdb.query<{ head_seq: string }>('SELECT head_seq::text FROM audit_chain_state');
  const d = new AuditDelivery({
    databaseUrl: tdb.url,
    sink: createAuditSink({ kind: 'file', path: file, maxBytes: 1 << 30, keep: 2 }),
    log: createLogger({ level: 'error', write: () => undefined }),
    failingBoundMs: 60_000,
    idleMs: 20,
  });
  d.start();
  for (;;) {
    const [cur] = await tdb.query<{ delivered_seq: string }>("SELECT delivered_seq::text FROM audit_sink_cursors WHERE sink = 'file'");
    if (cur && cur.delivered_seq === head?.head_seq) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await d.stop();
}
