-- Audit search that holds at millions of events (bench/FINDINGS.md §3).
--   * audit_actors: every (subject, e-mail, name) the audit log has seen, kept by the database
--     itself (AFTER INSERT trigger on audit_events, so every writer is covered). The person filter
--     resolves its term here — a small table — to a list of subjects, and the events query becomes
--     actor_sub = ANY(subjects): an ordered walk of (actor_sub, occurred_at DESC) instead of a walk
--     of every partition filtering rows for a name contains-match.
--   * (role_arn, occurred_at DESC): a role + time range search reads only that role's rows.
--   * (occurred_at DESC, id DESC) replaces (occurred_at DESC): keyset pages in (occurred_at, id)
--     order are a pure index walk.

-- CreateTable
CREATE TABLE "audit_actors" (
    "sub" TEXT NOT NULL,
    "email" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL DEFAULT '',
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "audit_actors_pkey" PRIMARY KEY ("sub", "email", "name")
);

-- CreateIndex
CREATE INDEX "audit_actors_email_idx" ON "audit_actors"("email");

-- DropIndex
DROP INDEX "audit_events_occurred_at_idx";

-- CreateIndex
CREATE INDEX "audit_events_occurred_at_id_idx" ON "audit_events"("occurred_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "audit_events_role_arn_occurred_at_idx" ON "audit_events"("role_arn", "occurred_at" DESC);

-- One row per distinct (sub, lower-cased e-mail, name); '' stands for "not recorded" so the key
-- needs no NULLs. E-mail and name are cut to 256 characters: the key must fit a btree entry, and
-- an oversized value from an IdP must never make an audit insert (and so an issuance) fail.
-- Cheap on the issuance path: one primary-key probe per event; a write only for a new identity,
-- or at most once an hour per identity to move last_seen_at (appends are serialised by the chain
-- lock anyway, so there is no contention on these rows).
CREATE FUNCTION "audit_actors_track"() RETURNS TRIGGER
LANGUAGE plpgsql AS $fn$
DECLARE
  e TEXT;
  n TEXT;
BEGIN
  IF NEW.actor_sub IS NULL THEN
    RETURN NULL;
  END IF;
  e := left(lower(coalesce(NEW.actor_email, '')), 256);
  n := left(coalesce(NEW.actor_name, ''), 256);
  PERFORM 1 FROM "audit_actors"
   WHERE "sub" = NEW.actor_sub AND "email" = e AND "name" = n
     AND "first_seen_at" <= NEW.occurred_at AND "last_seen_at" >= NEW.occurred_at - interval '1 hour';
  IF FOUND THEN
    RETURN NULL;
  END IF;
  INSERT INTO "audit_actors" ("sub", "email", "name", "first_seen_at", "last_seen_at")
  VALUES (NEW.actor_sub, e, n, NEW.occurred_at, NEW.occurred_at)
  ON CONFLICT ("sub", "email", "name") DO UPDATE
    SET "first_seen_at" = LEAST("audit_actors"."first_seen_at", EXCLUDED."first_seen_at"),
        "last_seen_at" = GREATEST("audit_actors"."last_seen_at", EXCLUDED."last_seen_at");
  RETURN NULL;
END
$fn$;

-- Created before the backfill: CREATE TRIGGER locks out writers until this migration commits, so
-- no event falls between the backfill and the trigger. Row triggers on the partitioned table are
-- cloned to every partition, including those audit_ensure_partitions() creates later.
CREATE TRIGGER "audit_events_track_actor" AFTER INSERT ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_actors_track"();

-- Fills audit_actors from the events already recorded, with the trigger's normalisation: here
-- for the existing rows, and for loaders that bypass triggers (the benchmark's COPY). Returns the
-- rows written.
CREATE FUNCTION "audit_actors_backfill"() RETURNS BIGINT
LANGUAGE plpgsql AS $fn$
DECLARE
  added BIGINT;
BEGIN
  INSERT INTO "audit_actors" ("sub", "email", "name", "first_seen_at", "last_seen_at")
  SELECT "actor_sub", left(lower(coalesce("actor_email", '')), 256), left(coalesce("actor_name", ''), 256), min("occurred_at"), max("occurred_at")
    FROM "audit_events"
   WHERE "actor_sub" IS NOT NULL
   GROUP BY 1, 2, 3
  ON CONFLICT ("sub", "email", "name") DO UPDATE
    SET "first_seen_at" = LEAST("audit_actors"."first_seen_at", EXCLUDED."first_seen_at"),
        "last_seen_at" = GREATEST("audit_actors"."last_seen_at", EXCLUDED."last_seen_at");
  GET DIAGNOSTICS added = ROW_COUNT;
  RETURN added;
END
$fn$;

SELECT "audit_actors_backfill"();
