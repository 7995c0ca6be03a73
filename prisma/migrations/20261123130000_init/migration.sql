-- CreateEnum
CREATE TYPE "IdpKind" AS ENUM ('OIDC', 'SAML', 'BOTH');

-- CreateTable
CREATE TABLE "role_mappings" (
    "id" UUID NOT NULL,
    "idp_group" TEXT NOT NULL,
    "idp_kind" "IdpKind" NOT NULL DEFAULT 'OIDC',
    "role_arn" TEXT NOT NULL,
    "account_id" VARCHAR(12) NOT NULL,
    "account_label" TEXT NOT NULL,
    "role_label" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "max_duration_seconds" INTEGER NOT NULL DEFAULT 3600,
    "sts_region" TEXT NOT NULL,
    "allowed_regions" TEXT[],
    "session_policy" TEXT,
    "managed_policy_arns" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "saml_provider_arn" TEXT,
    "sts_endpoint" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "created_by" TEXT NOT NULL,
    "updated_by" TEXT NOT NULL,

    CONSTRAINT "role_mappings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "outcome" TEXT,
    "intent_id" UUID,
    "request_id" TEXT,
    "actor_sub" TEXT,
    "actor_email" TEXT,
    "actor_name" TEXT,
    "actor_groups" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "idp_kind" TEXT,
    "mapping_id" UUID,
    "role_arn" TEXT,
    "account_id" TEXT,
    "session_name" TEXT,
    "duration_seconds" INTEGER,
    "region" TEXT,
    "source_ip" TEXT,
    "user_agent" TEXT,
    "access_key_id" TEXT,
    "expires_at" TIMESTAMPTZ(3),
    "assumed_role_arn" TEXT,
    "sts_request_id" TEXT,
    "error_code" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" TEXT NOT NULL,
    "user_sub" TEXT NOT NULL,
    "idp_kind" "IdpKind" NOT NULL,
    "email" TEXT,
    "name" TEXT,
    "username" TEXT,
    "groups" TEXT[],
    "id_token_enc" TEXT,
    "refresh_token_enc" TEXT,
    "id_token_expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "role_mappings_idp_group_idx" ON "role_mappings"("idp_group");

-- CreateIndex
CREATE UNIQUE INDEX "role_mappings_idp_group_role_arn_key" ON "role_mappings"("idp_group", "role_arn");

-- CreateIndex
CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events"("occurred_at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_actor_sub_occurred_at_idx" ON "audit_events"("actor_sub", "occurred_at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_access_key_id_idx" ON "audit_events"("access_key_id");

-- CreateIndex
CREATE INDEX "audit_events_intent_id_idx" ON "audit_events"("intent_id");

-- CreateIndex
CREATE INDEX "sessions_user_sub_idx" ON "sessions"("user_sub");

-- CreateIndex
CREATE INDEX "sessions_expires_at_idx" ON "sessions"("expires_at");
