import 'server-only';
// Resolves `Authorization: Bearer kpa_…` (RFC 6750 2.1) to the person behind it: the token's hash
// names a live cli_tokens row, which names the Keyport session that approved it; the actor is then
// loaded from that session exactly as for a browser (loadActor), so permissions, groups and
// revocations are the same whichever way a request arrives. Never reads a cookie.
import type { Actor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/auth/session-store';
import { getDb } from '@/lib/db/client';
import { sqlPool } from '@/lib/db/create-client';
import { refusalOfRevokedReason, type CliTokenRefusal } from './cli-refusal';
import { hashOpaqueToken, looksLikeOpaqueToken } from './opaque-token';

export type BearerResult = { ok: true; actor: Actor; tokenId: string; accessExpiresAt: Date; refreshExpiresAt: Date } | { ok: false; refusal: CliTokenRefusal };

export { bearerOf } from './bearer-of';

export async function authenticateBearer(token: string, now: Date = new Date()): Promise<BearerResult> {
  if (!looksLikeOpaqueToken(token, 'kpa')) return { ok: false, refusal: 'unknown' };
  const { rows } = await sqlPool(getDb()).query<{ id: string; session_id: string; access_expires_at: Date; refresh_expires_at: Date; revoked_at: Date | null; revoked_reason: string | null }>(
    `SELECT "id", "session_id", "access_expires_at", "refresh_expires_at", "revoked_at", "revoked_reason" FROM "cli_tokens" WHERE "access_hash" = $1`,
    [hashOpaqueToken(token)],
  );
  const row = rows[0];
  if (!row) return { ok: false, refusal: 'unknown' };
  if (row.revoked_at) return { ok: false, refusal: refusalOfRevokedReason(row.revoked_reason) };
  if (row.access_expires_at.getTime() <= now.getTime()) return { ok: false, refusal: 'access_expired' };
  const actor = await loadActor(row.session_id);
  if (!actor) return { ok: false, refusal: 'session_ended' };
  return { ok: true, actor, tokenId: row.id, accessExpiresAt: row.access_expires_at, refreshExpiresAt: row.refresh_expires_at };
}
