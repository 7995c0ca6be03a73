-- The keyport CLI (issue 15): Keyport is the OAuth 2.0 authorization server for its own
-- command-line client. Tokens are opaque; only their SHA-256 hashes are stored.

-- One CLI sign-in ("a device"): bound to the Keyport session that approved it, never outliving it.
CREATE TABLE "cli_tokens" (
    "id" UUID NOT NULL,
    "session_id" TEXT NOT NULL,
    "user_sub" TEXT NOT NULL,
    "email" TEXT,
    "grant_type" TEXT NOT NULL,
    "client_name" TEXT NOT NULL,
    "access_hash" TEXT NOT NULL,
    "access_expires_at" TIMESTAMPTZ(3) NOT NULL,
    "refresh_hash" TEXT NOT NULL,
    "previous_refresh_hash" TEXT,
    "refresh_expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_ip" TEXT,
    "created_user_agent" TEXT,
    "last_used_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_ip" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_reason" TEXT,

    CONSTRAINT "cli_tokens_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "cli_tokens_grant_type_check" CHECK ("grant_type" IN ('authorization_code', 'device_code')),
    CONSTRAINT "cli_tokens_revoked_reason_check" CHECK ("revoked_reason" IN ('logout', 'device_revoked', 'person_revoked', 'refresh_reuse'))
);
CREATE UNIQUE INDEX "cli_tokens_access_hash_key" ON "cli_tokens"("access_hash");
CREATE UNIQUE INDEX "cli_tokens_refresh_hash_key" ON "cli_tokens"("refresh_hash");
CREATE INDEX "cli_tokens_previous_refresh_hash_idx" ON "cli_tokens"("previous_refresh_hash");
CREATE INDEX "cli_tokens_user_sub_idx" ON "cli_tokens"("user_sub");
CREATE INDEX "cli_tokens_email_idx" ON "cli_tokens"("email");
CREATE INDEX "cli_tokens_session_id_idx" ON "cli_tokens"("session_id");
ALTER TABLE "cli_tokens" ADD CONSTRAINT "cli_tokens_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A CLI sign-in in progress: an authorization code (RFC 6749 4.1 with PKCE, RFC 7636) or a device
-- authorization (RFC 8628). Codes are stored hashed; the user code is stored hashed too.
CREATE TABLE "cli_authorizations" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "code_hash" TEXT,
    "device_code_hash" TEXT,
    "user_code_hash" TEXT,
    "code_challenge" TEXT,
    "redirect_uri" TEXT,
    "client_name" TEXT NOT NULL,
    "requester_ip" TEXT,
    "requester_user_agent" TEXT,
    "session_id" TEXT,
    "approved_at" TIMESTAMPTZ(3),
    "denied_at" TIMESTAMPTZ(3),
    "consumed_at" TIMESTAMPTZ(3),
    "last_polled_at" TIMESTAMPTZ(3),
    "poll_interval_seconds" INTEGER NOT NULL DEFAULT 5,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cli_authorizations_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "cli_authorizations_kind_check" CHECK ("kind" IN ('code', 'device'))
);
CREATE UNIQUE INDEX "cli_authorizations_code_hash_key" ON "cli_authorizations"("code_hash");
CREATE UNIQUE INDEX "cli_authorizations_device_code_hash_key" ON "cli_authorizations"("device_code_hash");
CREATE UNIQUE INDEX "cli_authorizations_user_code_hash_key" ON "cli_authorizations"("user_code_hash");
CREATE INDEX "cli_authorizations_expires_at_idx" ON "cli_authorizations"("expires_at");
