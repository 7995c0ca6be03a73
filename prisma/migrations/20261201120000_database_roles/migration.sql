-- Separate database roles (issue #13). Migrations run as the owner of every object; the portal
-- runs as a runtime role that may INSERT and SELECT the audit but never UPDATE, DELETE or TRUNCATE
-- it, ALTER its tables, disable its triggers, or create or replace functions (only an object's
-- owner may ALTER it or CREATE OR REPLACE it, and the runtime role owns nothing).
--   * The audit's trigger functions run as their owner (SECURITY DEFINER, fixed search_path): the
--     runtime role appends events without the right to write audit_chain_state or audit_actors.
--   * keyport_grant_runtime_role(role, verifier) grants the runtime role what it needs: DML on
--     every other table, now and (default privileges) later; SELECT and INSERT on the audit only.
--     The migration runner calls it after every run, so tables of later migrations are covered.
--     With a password verifier it first creates the role (when asked: DATABASE_CREATE_RUNTIME_ROLE).
--   * The DEFAULT partition of audit_events goes: PostgreSQL refuses DETACH PARTITION CONCURRENTLY
--     on a table that has one, and retention now detaches concurrently so that no append waits
--     behind it. Its rows move, unchanged (seq and hashes kept), into monthly partitions.
-- docs/database-roles.md has the same grants as plain SQL, for DBAs who create roles themselves.

-- 1. The DEFAULT partition's rows move into monthly partitions, with their chain columns as they are.
ALTER TABLE "audit_events" DETACH PARTITION "audit_events_default";

-- Partitions are created ahead; none falls back to a DEFAULT partition any more. Created months
-- get the append-only TRUNCATE trigger (statement triggers are not inherited) and keep only SELECT
-- and INSERT for roles other than the owner (the owner's default privileges give other roles DML
-- on new tables). Bounded, so a caller cannot make it create tables without end.
CREATE OR REPLACE FUNCTION "audit_ensure_partitions"(from_ts TIMESTAMPTZ, months INTEGER) RETURNS INTEGER
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  m DATE := date_trunc('month', from_ts AT TIME ZONE 'UTC')::date;
  lo TIMESTAMPTZ;
  hi TIMESTAMPTZ;
  name TEXT;
  grantee TEXT;
  created INTEGER := 0;
BEGIN
  IF months < 0 OR months > 240 THEN
    RAISE EXCEPTION 'audit_ensure_partitions: months must be between 0 and 240 (got %)', months;
  END IF;
  FOR i IN 0 .. months - 1 LOOP
    lo := (m + make_interval(months => i))::timestamp AT TIME ZONE 'UTC';
    hi := (m + make_interval(months => i + 1))::timestamp AT TIME ZONE 'UTC';
    name := 'audit_events_p' || to_char(lo AT TIME ZONE 'UTC', 'YYYYMM');
    CONTINUE WHEN to_regclass(format('%I', name)) IS NOT NULL;
    EXECUTE format('CREATE TABLE %I PARTITION OF "audit_events" FOR VALUES FROM (%L) TO (%L)', name, lo, hi);
    EXECUTE format('CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_refuse_change"()', name);
    FOR grantee IN
      SELECT DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END
        FROM pg_class c, aclexplode(c.relacl) a
       WHERE c.oid = to_regclass(format('%I', name)) AND a.grantee <> c.relowner
    LOOP
      EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %I FROM %s', name, grantee);
    END LOOP;
    created := created + 1;
  END LOOP;
  RETURN created;
END
$fn$;

SELECT "audit_ensure_partitions"(m, 1)
  FROM (SELECT DISTINCT date_trunc('month', "occurred_at" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS m FROM "audit_events_default") months;
SELECT "audit_ensure_partitions"(CURRENT_TIMESTAMP, 7);

ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_chain";
ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_chain_head";
ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_track_actor";
INSERT INTO "audit_events" SELECT * FROM "audit_events_default";
ALTER TABLE "audit_events" ENABLE TRIGGER "audit_events_chain";
ALTER TABLE "audit_events" ENABLE TRIGGER "audit_events_chain_head";
ALTER TABLE "audit_events" ENABLE TRIGGER "audit_events_track_actor";
DROP TABLE "audit_events_default";

-- 2. The audit's triggers run as the owner, so appending needs no write access to the chain state.
ALTER FUNCTION "audit_events_chain"() SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION "audit_events_chain_head"() SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION "audit_actors_track"() SECURITY DEFINER SET search_path = public, pg_temp;
REVOKE EXECUTE ON FUNCTION "audit_ensure_partitions"(TIMESTAMPTZ, INTEGER) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION "audit_actors_backfill"() FROM PUBLIC;

-- 3. Per-sink delivery cursors of the audit outbox (the chained events themselves, in seq order).
-- CreateTable
CREATE TABLE "audit_sink_cursors" (
    "sink" TEXT NOT NULL,
    "delivered_seq" BIGINT NOT NULL DEFAULT 0,
    "delivered_at" TIMESTAMPTZ(3),
    "failing_since" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_sink_cursors_pkey" PRIMARY KEY ("sink")
);

-- 4. The runtime role's grants. The audit (audit_events and its partitions, audit_chain_state,
-- audit_actors): SELECT, and INSERT on the events only; everything else: SELECT, INSERT, UPDATE,
-- DELETE, also on the tables the owner creates later.
CREATE FUNCTION "keyport_grant_runtime_role"(runtime NAME, password_verifier TEXT DEFAULT NULL) RETURNS VOID
LANGUAGE plpgsql SET search_path = public, pg_temp AS $fn$
DECLARE
  t RECORD;
BEGIN
  IF runtime = current_user THEN
    RAISE EXCEPTION 'the runtime role % is the role that runs migrations; give the portal a role of its own', runtime;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = runtime) THEN
    IF password_verifier IS NULL THEN
      RAISE EXCEPTION 'the runtime role % does not exist: create it (docs/database-roles.md) or let the migration create it (DATABASE_CREATE_RUNTIME_ROLE=true)', runtime;
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %L', runtime, password_verifier);
  END IF;
  IF (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = runtime) THEN
    RAISE EXCEPTION 'the runtime role % is a superuser or bypasses row security: it could change the audit', runtime;
  END IF;
  -- Usually granted to PUBLIC already; granted here only if not, which needs the database's owner.
  IF NOT has_database_privilege(runtime, current_database(), 'CONNECT') THEN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), runtime);
  END IF;
  IF NOT has_schema_privilege(runtime, 'public', 'USAGE') THEN
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', runtime);
  END IF;
  -- A role that may create objects in the schema could shadow the audit's functions with an
  -- overload the triggers would pick (PostgreSQL before 15 grants CREATE to PUBLIC by default).
  IF has_schema_privilege(runtime, 'public', 'CREATE') THEN
    RAISE EXCEPTION 'the runtime role % may create objects in schema public: REVOKE CREATE ON SCHEMA public FROM PUBLIC (and from %)', runtime, runtime;
  END IF;
  FOR t IN
    SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S', 'v', 'm')
  LOOP
    IF t.relkind = 'S' THEN
      EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %I TO %I', t.relname, runtime);
    ELSIF t.relname = 'audit_events' OR t.relname ~ '^audit_events_p[0-9]{6}$' THEN
      EXECUTE format('REVOKE ALL ON TABLE %I FROM %I', t.relname, runtime);
      EXECUTE format('GRANT SELECT, INSERT ON TABLE %I TO %I', t.relname, runtime);
    ELSIF t.relname IN ('audit_chain_state', 'audit_actors', '_prisma_migrations') THEN
      EXECUTE format('REVOKE ALL ON TABLE %I FROM %I', t.relname, runtime);
      EXECUTE format('GRANT SELECT ON TABLE %I TO %I', t.relname, runtime);
    ELSE
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE %I TO %I', t.relname, runtime);
    END IF;
  END LOOP;
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', runtime);
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO %I', runtime);
  EXECUTE format('GRANT EXECUTE ON FUNCTION "audit_ensure_partitions"(TIMESTAMPTZ, INTEGER) TO %I', runtime);
END
$fn$;
REVOKE EXECUTE ON FUNCTION "keyport_grant_runtime_role"(NAME, TEXT) FROM PUBLIC;

-- When asked (the runner sets these for the role in DATABASE_URL), the role is created and granted now.
DO $do$
DECLARE
  runtime TEXT := nullif(current_setting('keyport.runtime_role', true), '');
BEGIN
  IF runtime IS NOT NULL THEN
    PERFORM "keyport_grant_runtime_role"(runtime, nullif(current_setting('keyport.runtime_role_verifier', true), ''));
  END IF;
END
$do$;
