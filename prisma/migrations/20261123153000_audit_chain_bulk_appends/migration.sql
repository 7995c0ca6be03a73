-- Audit chain appends in O(1) however many rows one transaction inserts. The first version updated
-- audit_chain_state once per row; in one transaction every update leaves a row version that the
-- next lookup must walk past, so a bulk insert grew quadratically. Now:
--   * appenders serialise on a transaction-scoped advisory lock (held until commit, as the row
--     lock was), and carry the chain head from row to row in a transaction-local setting;
--   * audit_chain_state.head_* is written once per statement, by an AFTER STATEMENT trigger.
-- The hash itself (audit_event_hash) is unchanged, so existing chains stay valid.

CREATE OR REPLACE FUNCTION "audit_events_chain"() RETURNS TRIGGER
LANGUAGE plpgsql AS $fn$
DECLARE
  cached TEXT;
  prev_seq BIGINT;
  prev_hash TEXT;
BEGIN
  -- One appender at a time across every connection and instance, until its transaction ends.
  PERFORM pg_advisory_xact_lock(7401000002);
  cached := current_setting('keyport.audit_chain_head', true);
  IF cached IS NOT NULL AND split_part(cached, ':', 1) = txid_current()::text THEN
    prev_seq := split_part(cached, ':', 2)::bigint;
    prev_hash := split_part(cached, ':', 3);
  ELSE
    SELECT "head_seq", "head_hash" INTO prev_seq, prev_hash FROM "audit_chain_state" WHERE "id" = 1;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'audit_chain_state is missing its row; the audit chain cannot continue';
    END IF;
  END IF;
  NEW.seq := prev_seq + 1;
  NEW.prev_hash := prev_hash;
  NEW.hash := "audit_event_hash"(NEW.prev_hash, NEW);
  PERFORM set_config('keyport.audit_chain_head', txid_current()::text || ':' || NEW.seq::text || ':' || NEW.hash, true);
  RETURN NEW;
END
$fn$;

CREATE FUNCTION "audit_events_chain_head"() RETURNS TRIGGER
LANGUAGE plpgsql AS $fn$
DECLARE
  cached TEXT := current_setting('keyport.audit_chain_head', true);
BEGIN
  IF cached IS NOT NULL AND split_part(cached, ':', 1) = txid_current()::text THEN
    UPDATE "audit_chain_state"
       SET "head_seq" = split_part(cached, ':', 2)::bigint, "head_hash" = split_part(cached, ':', 3), "updated_at" = CURRENT_TIMESTAMP
     WHERE "id" = 1 AND "head_seq" < split_part(cached, ':', 2)::bigint;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER "audit_events_chain_head" AFTER INSERT ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_chain_head"();
