import 'server-only';
// grant_type=urn:ietf:params:oauth:grant-type:device_code (RFC 8628 3.4, 3.5): pending until the
// person answers; polling faster than the interval answers slow_down and adds 5 seconds to it;
// approved, the tokens (once: the authorization is consumed in the statement that takes it).
import { sqlPool, type Db } from '@/lib/db/create-client';
import { issueCliTokens, type CliRequestContext } from './issue-cli-tokens';
import { hashOpaqueToken, looksLikeOpaqueToken } from './opaque-token';
import { refusedGrant, type CliTokenSet, type OAuthError } from './token-response';

export async function pollDeviceAuthorization(opts: { db: Db; deviceCode: string; context: CliRequestContext; now?: Date }): Promise<CliTokenSet | OAuthError> {
  const now = opts.now ?? new Date();
  const unknown: OAuthError = { error: 'invalid_grant', error_description: 'Keyport does not know this device code. Run `keyport login --device-code` again.' };
  if (!looksLikeOpaqueToken(opts.deviceCode, 'kpd')) return unknown;
  const pool = sqlPool(opts.db);
  const hash = hashOpaqueToken(opts.deviceCode);
  // One statement reads the row and moves last_polled_at, so two pollers cannot both slip under the interval.
  // One statement reads the row and moves last_polled_at, so two pollers cannot both slip under
  // the interval. A second of leeway: the CLI waits the interval after each answer.
  const { rows } = await pool.query<{ id: string; expires_at: Date; approved_at: Date | null; denied_at: Date | null; consumed_at: Date | null; too_fast: boolean; interval: number }>(
    `WITH p AS (
       SELECT "id", ("last_polled_at" IS NOT NULL AND "last_polled_at" > $2::timestamptz - make_interval(secs => "poll_interval_seconds" - 1)) AS "too_fast"
         FROM "cli_authorizations" WHERE "device_code_hash" = $1 AND "kind" = 'device' FOR UPDATE
     )
     UPDATE "cli_authorizations" a SET "last_polled_at" = $2,
            "poll_interval_seconds" = CASE WHEN p."too_fast" THEN a."poll_interval_seconds" + 5 ELSE a."poll_interval_seconds" END
       FROM p WHERE a."id" = p."id"
     RETURNING a."id", a."expires_at", a."approved_at", a."denied_at", a."consumed_at", p."too_fast", a."poll_interval_seconds" AS "interval"`,
    [hash, now],
  );
  const row = rows[0];
  if (!row) return unknown;
  if (row.consumed_at) return { error: 'invalid_grant', error_description: 'This device code has already been used. Run `keyport login --device-code` again.' };
  if (row.expires_at <= now) return { error: 'expired_token', error_description: 'The code expired before it was approved. Run `keyport login --device-code` again.' };
  if (row.denied_at) return { error: 'access_denied', error_description: 'The sign-in was declined on the approval page.' };
  if (!row.approved_at) {
    if (row.too_fast) return { error: 'slow_down', error_description: 'Polling too fast.', interval: row.interval };
    return { error: 'authorization_pending', error_description: 'Waiting for the code to be approved in the browser.', interval: row.interval };
  }
  const taken = await pool.query<{ session_id: string | null; client_name: string }>(
    `UPDATE "cli_authorizations" SET "consumed_at" = $2 WHERE "id" = $1 AND "consumed_at" IS NULL RETURNING "session_id", "client_name"`,
    [row.id, now],
  );
  const t = taken.rows[0];
  if (!t?.session_id) return { error: 'invalid_grant', error_description: 'This device code has already been used. Run `keyport login --device-code` again.' };
  const issued = await issueCliTokens({ db: opts.db, sessionId: t.session_id, grantType: 'device_code', clientName: t.client_name, authorizationId: row.id, context: opts.context, now });
  return typeof issued === 'string' ? refusedGrant(issued) : issued;
}
