import 'server-only';
// Server-side sessions: the browser's cookie holds only an opaque id; who the person is, their
// groups and their (encrypted) IdP tokens live here, so a session is revoked by one UPDATE.
import { randomBytes } from 'node:crypto';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { sqlPool } from '@/lib/db/create-client';
import { appRolesFor } from './permissions';
import type { Actor } from './actor';
import { decryptToken, encryptToken } from './token-crypto';

export interface NewSession {
  sub: string;
  idpKind: 'OIDC' | 'SAML';
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  username: string | null;
  groups: string[];
  idToken: string | null;
  refreshToken: string | null;
  idTokenExpiresAt: Date | null;
}

export async function createSession(s: NewSession): Promise<string> {
  const cfg = getConfig();
  const id = randomBytes(32).toString('base64url');
  await getDb().session.create({
    data: {
      id,
      userSub: s.sub,
      idpKind: s.idpKind,
      email: s.email,
      emailVerified: s.emailVerified,
      name: s.name,
      username: s.username,
      groups: s.groups,
      idTokenEnc: s.idToken ? encryptToken(s.idToken, cfg.authSecret) : null,
      refreshTokenEnc: s.refreshToken ? encryptToken(s.refreshToken, cfg.authSecret) : null,
      idTokenExpiresAt: s.idTokenExpiresAt,
      expiresAt: new Date(Date.now() + cfg.sessionMaxAgeSeconds * 1000),
    },
  });
  return id;
}

export async function loadActor(sessionId: string): Promise<Actor | null> {
  const cfg = getConfig();
  // Plain SQL on the pool: every authenticated request runs this (Prisma's per-call CPU shows).
  const { rows } = await sqlPool(getDb()).query<{
    id: string;
    user_sub: string;
    idp_kind: string;
    email: string | null;
    email_verified: boolean;
    name: string | null;
    username: string | null;
    groups: string[] | null;
    id_token_expires_at: Date | null;
    revoked: boolean;
  }>(
    // A person revocation in force (find-person-revocation.ts matches the same way) takes away
    // every app role but employee; the indexes on person_sub and person_email keep it cheap.
    `SELECT s."id", s."user_sub", s."idp_kind", s."email", s."email_verified", s."name", s."username", s."groups", s."id_token_expires_at",
            EXISTS (SELECT 1 FROM "revocations" r
                     WHERE r."kind" = 'PERSON' AND r."lifted_at" IS NULL
                       AND (r."person_sub" = s."user_sub" OR (s."email" IS NOT NULL AND r."person_email" = lower(s."email")))) AS "revoked"
       FROM "sessions" s WHERE s."id" = $1 AND s."revoked_at" IS NULL AND s."expires_at" > $2`,
    [sessionId, new Date()],
  );
  const row = rows[0];
  if (!row) return null;
  const groups = row.groups ?? [];
  return {
    sessionId: row.id,
    sub: row.user_sub,
    idpKind: row.idp_kind === 'SAML' ? 'SAML' : 'OIDC',
    email: row.email,
    emailVerified: row.email_verified,
    name: row.name,
    username: row.username,
    groups,
    roles: appRolesFor(groups, { ...cfg, revoked: row.revoked }),
    revoked: row.revoked,
    idTokenExpiresAt: row.id_token_expires_at,
  };
}

/** The decrypted IdP tokens of a live session; only lib/issuance and the refresh path use this. */
export async function loadSessionTokens(sessionId: string): Promise<{ idToken: string | null; refreshToken: string | null; idTokenExpiresAt: Date | null }> {
  const cfg = getConfig();
  const { rows } = await sqlPool(getDb()).query<{ id_token_enc: string | null; refresh_token_enc: string | null; id_token_expires_at: Date | null }>(
    `SELECT "id_token_enc", "refresh_token_enc", "id_token_expires_at" FROM "sessions" WHERE "id" = $1 AND "revoked_at" IS NULL`,
    [sessionId],
  );
  const row = rows[0];
  return {
    idToken: row?.id_token_enc ? decryptToken(row.id_token_enc, cfg.authSecret) : null,
    refreshToken: row?.refresh_token_enc ? decryptToken(row.refresh_token_enc, cfg.authSecret) : null,
    idTokenExpiresAt: row?.id_token_expires_at ?? null,
  };
}

export async function updateSessionTokens(
  sessionId: string,
  t: { idToken: string; refreshToken: string | null; idTokenExpiresAt: Date; groups: string[]; email: string | null; emailVerified: boolean; name: string | null },
): Promise<void> {
  const cfg = getConfig();
  // Only a live session: a revocation that ended it (and dropped its tokens) mid-renewal wins.
  await getDb().session.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: {
      idTokenEnc: encryptToken(t.idToken, cfg.authSecret),
      ...(t.refreshToken ? { refreshTokenEnc: encryptToken(t.refreshToken, cfg.authSecret) } : {}),
      idTokenExpiresAt: t.idTokenExpiresAt,
      groups: t.groups,
      email: t.email,
      emailVerified: t.emailVerified,
      name: t.name,
      lastSeenAt: new Date(),
    },
  });
}

/** A refresh answered without a new ID token may still rotate the refresh token (RFC 6749 6). */
export async function updateRefreshToken(sessionId: string, refreshToken: string): Promise<void> {
  const cfg = getConfig();
  // Only a live session: a revocation that dropped its tokens mid-renewal wins.
  await getDb().session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { refreshTokenEnc: encryptToken(refreshToken, cfg.authSecret), lastSeenAt: new Date() } });
}

export async function endSession(sessionId: string): Promise<void> {
  await getDb().session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}
