-- Audit events become tamper-evident, append-only and partitioned by month (issue #6).
--   * every row carries seq (its place in one chain), prev_hash and hash =
--     sha256(prev_hash || canonical content), computed by a BEFORE INSERT trigger that serialises
--     appends on the single audit_chain_state row (FOR UPDATE), so concurrent writers on any
--     number of instances still build one chain;
--   * UPDATE, DELETE and TRUNCATE are refused by the database itself;
--   * the table is RANGE-partitioned on occurred_at by month, with a DEFAULT partition so an insert
--     never fails; audit_ensure_partitions() creates months ahead (called again at start-up);
--     retention drops whole partitions and records the first retained event's predecessor hash
--     in audit_chain_state (anchor_*) so the chain stays verifiable.

-- The existing rows are kept aside, then re-inserted (in id order) into the new table: the
-- trigger chains them.
ALTER TABLE "audit_events" RENAME TO "audit_events_unpartitioned";
ALTER TABLE "audit_events_unpartitioned" RENAME CONSTRAINT "audit_events_pkey" TO "audit_events_unpartitioned_pkey";
ALTER INDEX "audit_events_occurred_at_idx" RENAME TO "audit_events_unpartitioned_occurred_at_idx";
ALTER INDEX "audit_events_actor_sub_occurred_at_idx" RENAME TO "audit_events_unpartitioned_actor_sub_occurred_at_idx";
ALTER INDEX "audit_events_access_key_id_idx" RENAME TO "audit_events_unpartitioned_access_key_id_idx";
ALTER INDEX "audit_events_intent_id_idx" RENAME TO "audit_events_unpartitioned_intent_id_idx";
ALTER SEQUENCE "audit_events_id_seq" OWNED BY NONE;

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGINT NOT NULL DEFAULT nextval('"audit_events_id_seq"'),
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
    "seq" BIGINT,
    "prev_hash" TEXT,
    "hash" TEXT,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id", "occurred_at")
) PARTITION BY RANGE ("occurred_at");

ALTER SEQUENCE "audit_events_id_seq" OWNED BY "audit_events"."id";

-- CreateIndex
CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events"("occurred_at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_actor_sub_occurred_at_idx" ON "audit_events"("actor_sub", "occurred_at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_access_key_id_idx" ON "audit_events"("access_key_id");

-- CreateIndex
CREATE INDEX "audit_events_intent_id_idx" ON "audit_events"("intent_id");

-- CreateIndex
CREATE INDEX "audit_events_seq_idx" ON "audit_events"("seq");

-- CreateIndex
CREATE INDEX "audit_events_session_name_occurred_at_idx" ON "audit_events"("session_name", "occurred_at" DESC);

-- Catches whatever no monthly partition covers, so an insert never fails.
CREATE TABLE "audit_events_default" PARTITION OF "audit_events" DEFAULT;

-- CreateTable
CREATE TABLE "audit_chain_state" (
    "id" INTEGER NOT NULL,
    "head_seq" BIGINT NOT NULL,
    "head_hash" TEXT NOT NULL,
    "anchor_seq" BIGINT NOT NULL,
    "anchor_hash" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_chain_state_pkey" PRIMARY KEY ("id")
);

-- The chain starts from 64 zeros.
INSERT INTO "audit_chain_state" ("id", "head_seq", "head_hash", "anchor_seq", "anchor_hash")
VALUES (1, 0, repeat('0', 64), 0, repeat('0', 64));

-- The canonical content of one event: every column except the chain's own, as a JSON array
-- (unambiguous), times in UTC with milliseconds, so the text does not depend on the session's
-- TimeZone or DateStyle. Polymorphic because the trigger sees each partition's own row type.
CREATE FUNCTION "audit_event_hash"(prev_hash TEXT, e ANYELEMENT) RETURNS TEXT
LANGUAGE plpgsql STABLE AS $fn$
BEGIN
  RETURN encode(sha256(convert_to(prev_hash || jsonb_build_array(
    e.seq::text,
    e.id::text,
    to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    e.type,
    e.outcome,
    e.intent_id::text,
    e.request_id,
    e.actor_sub,
    e.actor_email,
    e.actor_name,
    to_jsonb(e.actor_groups),
    e.idp_kind,
    e.mapping_id::text,
    e.role_arn,
    e.account_id,
    e.session_name,
    e.duration_seconds,
    e.region,
    e.source_ip,
    e.user_agent,
    e.access_key_id,
    to_char(e.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    e.assumed_role_arn,
    e.sts_request_id,
    e.error_code,
    e.details
  )::text, 'UTF8')), 'hex');
END
$fn$;

-- Appends are serialised by the row lock on audit_chain_state, held until the inserting
-- transaction ends: one chain, whatever the number of writers.
CREATE FUNCTION "audit_events_chain"() RETURNS TRIGGER
LANGUAGE plpgsql AS $fn$
DECLARE
  head "audit_chain_state"%ROWTYPE;
BEGIN
  SELECT * INTO head FROM "audit_chain_state" WHERE "id" = 1 FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit_chain_state is missing its row; the audit chain cannot continue';
  END IF;
  NEW.seq := head.head_seq + 1;
  NEW.prev_hash := head.head_hash;
  NEW.hash := "audit_event_hash"(NEW.prev_hash, NEW);
  UPDATE "audit_chain_state" SET "head_seq" = NEW.seq, "head_hash" = NEW.hash, "updated_at" = CURRENT_TIMESTAMP WHERE "id" = 1;
  RETURN NEW;
END
$fn$;

CREATE TRIGGER "audit_events_chain" BEFORE INSERT ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_chain"();

CREATE FUNCTION "audit_events_refuse_change"() RETURNS TRIGGER
LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Old events leave only by retention, which drops whole monthly partitions.';
END
$fn$;

CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_refuse_change"();

CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_refuse_change"();

CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events_default"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_refuse_change"();

-- Creates the monthly partitions from the month of `from_ts` for `months` months (idempotent).
-- A month whose rows already went to the DEFAULT partition is left to it (creating the
-- partition would fail); such rows stay readable and chained.
CREATE FUNCTION "audit_ensure_partitions"(from_ts TIMESTAMPTZ, months INTEGER) RETURNS INTEGER
LANGUAGE plpgsql AS $fn$
DECLARE
  m DATE := date_trunc('month', from_ts AT TIME ZONE 'UTC')::date;
  lo TIMESTAMPTZ;
  hi TIMESTAMPTZ;
  name TEXT;
  created INTEGER := 0;
BEGIN
  FOR i IN 0 .. months - 1 LOOP
    lo := (m + make_interval(months => i))::timestamp AT TIME ZONE 'UTC';
    hi := (m + make_interval(months => i + 1))::timestamp AT TIME ZONE 'UTC';
    name := 'audit_events_p' || to_char(lo AT TIME ZONE 'UTC', 'YYYYMM');
    CONTINUE WHEN to_regclass(format('%I', name)) IS NOT NULL;
    CONTINUE WHEN EXISTS (SELECT 1 FROM "audit_events_default" WHERE "occurred_at" >= lo AND "occurred_at" < hi);
    EXECUTE format('CREATE TABLE %I PARTITION OF "audit_events" FOR VALUES FROM (%L) TO (%L)', name, lo, hi);
    -- Statement triggers are not inherited: TRUNCATE of one partition is refused too.
    EXECUTE format('CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_refuse_change"()', name);
    created := created + 1;
  END LOOP;
  RETURN created;
END
$fn$;

-- Partitions for every month the old rows cover, and for this month and the next two.
SELECT "audit_ensure_partitions"(m, 1)
  FROM (SELECT DISTINCT date_trunc('month', "occurred_at" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS m FROM "audit_events_unpartitioned") months;
SELECT "audit_ensure_partitions"(CURRENT_TIMESTAMP, 3);

INSERT INTO "audit_events" (
    "id", "occurred_at", "type", "outcome", "intent_id", "request_id", "actor_sub", "actor_email", "actor_name",
    "actor_groups", "idp_kind", "mapping_id", "role_arn", "account_id", "session_name", "duration_seconds", "region",
    "source_ip", "user_agent", "access_key_id", "expires_at", "assumed_role_arn", "sts_request_id", "error_code", "details")
SELECT
    "id", "occurred_at", "type", "outcome", "intent_id", "request_id", "actor_sub", "actor_email", "actor_name",
    "actor_groups", "idp_kind", "mapping_id", "role_arn", "account_id", "session_name", "duration_seconds", "region",
    "source_ip", "user_agent", "access_key_id", "expires_at", "assumed_role_arn", "sts_request_id", "error_code", "details"
  FROM "audit_events_unpartitioned" ORDER BY "id";

DROP TABLE "audit_events_unpartitioned";

-- CreateEnum
CREATE TYPE "RevocationKind" AS ENUM ('ROLE', 'PERSON');

-- CreateTable
CREATE TABLE "revocations" (
    "id" UUID NOT NULL,
    "kind" "RevocationKind" NOT NULL,
    "revoked_before" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "role_arns" TEXT[],
    "person_sub" TEXT,
    "person_label" TEXT,
    "session_names" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "policy_name" TEXT NOT NULL,
    "failures" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by_sub" TEXT NOT NULL,
    "created_by_name" TEXT NOT NULL,
    "lifted_at" TIMESTAMPTZ(3),
    "lifted_by_sub" TEXT,
    "lifted_by_name" TEXT,
    "lift_reason" TEXT,

    CONSTRAINT "revocations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "revocations_created_at_idx" ON "revocations"("created_at" DESC);
