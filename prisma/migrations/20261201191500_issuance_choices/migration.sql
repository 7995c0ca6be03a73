-- Remembered choices (issue 16): per person and role, the duration, region, output format and
-- profile name last used, so the catalog can offer "Again: 1 h, eu-west-1" and the credentials
-- view opens on the format the person uses. Preferences only: never a credential, token or secret
-- (CHECKs below keep each column to its shape). The runtime role gets SELECT, INSERT, UPDATE,
-- DELETE on it through keyport_grant_runtime_role (run after every migration) and the default
-- privileges of 20261201120000_database_roles.
CREATE TABLE "issuance_choices" (
    "actor_sub" TEXT NOT NULL,
    "mapping_id" UUID NOT NULL,
    "duration_seconds" INTEGER NOT NULL,
    "region" TEXT NOT NULL,
    "output_format" TEXT,
    "profile_name" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "issuance_choices_pkey" PRIMARY KEY ("actor_sub", "mapping_id")
);
ALTER TABLE "issuance_choices" ADD CONSTRAINT "issuance_choices_duration_check" CHECK ("duration_seconds" BETWEEN 900 AND 43200);
ALTER TABLE "issuance_choices" ADD CONSTRAINT "issuance_choices_region_check" CHECK ("region" ~ '^[a-z]{2}(-[a-z]+)+-[0-9]+$');
ALTER TABLE "issuance_choices" ADD CONSTRAINT "issuance_choices_output_format_check" CHECK ("output_format" IN ('env', 'fish', 'powershell', 'windows-cmd', 'env-no-export', 'credentials-file', 'process'));
ALTER TABLE "issuance_choices" ADD CONSTRAINT "issuance_choices_profile_name_check" CHECK (char_length("profile_name") <= 64);
CREATE INDEX "issuance_choices_mapping_id_idx" ON "issuance_choices"("mapping_id");
