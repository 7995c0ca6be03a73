-- AWS accounts as records of their own (issue 16, point 10): one row per account id with one
-- label, unique, so one account can no longer be split under two labels. Mappings reference it.
--
-- role_mappings keeps its account_label column (every reader of a mapping reads it; renaming or
-- dropping it would ripple through issuance, the catalog and exports), but the database now keeps
-- it equal to the account's label: a BEFORE INSERT/UPDATE trigger copies the label from
-- aws_accounts (creating the account, with the label the row carries, the first time an id is
-- seen), and renaming an account updates its mappings. The application checks the same rule
-- first and explains a mismatch in words (lib/mappings/check-account-label.ts); the trigger is
-- the backstop for rows written any other way (SQL, the seed, tests).
--
-- Grants: the runtime role (keyport_app) gets SELECT, INSERT, UPDATE, DELETE on aws_accounts from
-- keyport_grant_runtime_role(), which the migration runner calls after every migration
-- (docs/database-roles.md); the triggers run as the invoking role and need nothing more.

CREATE TABLE "aws_accounts" (
    "id" VARCHAR(12) NOT NULL,
    "label" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "aws_accounts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "aws_accounts_id_check" CHECK ("id" ~ '^[0-9]{12}$'),
    CONSTRAINT "aws_accounts_label_check" CHECK (length(btrim("label")) BETWEEN 1 AND 64)
);
CREATE UNIQUE INDEX "aws_accounts_label_key" ON "aws_accounts"("label");

-- Existing rows. Where one account id carried several labels, the label of the most mappings wins,
-- then the label of the earliest-created mapping, then the first label in codepoint order. Where
-- two account ids carried the same label, the account with the smaller id keeps it and the other
-- gets "<label> (<account id>)". Deterministic, so every installation migrates alike.
INSERT INTO "aws_accounts" ("id", "label")
SELECT ranked."account_id",
       CASE WHEN row_number() OVER (PARTITION BY ranked."account_label" ORDER BY ranked."account_id") = 1
            THEN ranked."account_label"
            ELSE ranked."account_label" || ' (' || ranked."account_id" || ')' END
  FROM (
    SELECT DISTINCT ON ("account_id") "account_id", "account_label"
      FROM (
        SELECT "account_id", "account_label", count(*) AS n, min("created_at") AS first_at
          FROM "role_mappings" GROUP BY "account_id", "account_label"
      ) labels
     ORDER BY "account_id", n DESC, first_at ASC, "account_label" COLLATE "C" ASC
  ) ranked;

UPDATE "role_mappings" m SET "account_label" = a."label" FROM "aws_accounts" a WHERE a."id" = m."account_id" AND m."account_label" IS DISTINCT FROM a."label";

CREATE FUNCTION "role_mappings_account"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  existing TEXT;
BEGIN
  SELECT "label" INTO existing FROM "aws_accounts" WHERE "id" = NEW."account_id";
  IF existing IS NULL THEN
    INSERT INTO "aws_accounts" ("id", "label") VALUES (NEW."account_id", NEW."account_label") ON CONFLICT DO NOTHING;
    SELECT "label" INTO existing FROM "aws_accounts" WHERE "id" = NEW."account_id";
    IF existing IS NULL THEN
      -- The label names another account already: this one gets it with its id, as the migration did.
      INSERT INTO "aws_accounts" ("id", "label") VALUES (NEW."account_id", NEW."account_label" || ' (' || NEW."account_id" || ')') ON CONFLICT ("id") DO NOTHING;
      SELECT "label" INTO existing FROM "aws_accounts" WHERE "id" = NEW."account_id";
    END IF;
  END IF;
  NEW."account_label" := existing;
  RETURN NEW;
END $$;

CREATE TRIGGER "role_mappings_account" BEFORE INSERT OR UPDATE OF "account_id", "account_label" ON "role_mappings"
  FOR EACH ROW EXECUTE FUNCTION "role_mappings_account"();

ALTER TABLE "role_mappings" ADD CONSTRAINT "role_mappings_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "aws_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Renaming an account renames it on every mapping (the trigger above then reads the new label).
CREATE FUNCTION "aws_accounts_rename"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "role_mappings" SET "account_label" = NEW."label" WHERE "account_id" = NEW."id";
  RETURN NEW;
END $$;

CREATE TRIGGER "aws_accounts_rename" AFTER UPDATE OF "label" ON "aws_accounts"
  FOR EACH ROW WHEN (OLD."label" IS DISTINCT FROM NEW."label") EXECUTE FUNCTION "aws_accounts_rename"();
