-- Security review (issue 11).

-- A person revocation also blocks new issuance until lifted, matched on the subject and on the
-- e-mail (so the same person signed in through the other IdP is blocked too).
ALTER TABLE "revocations" ADD COLUMN "person_email" TEXT;
CREATE INDEX "revocations_person_sub_idx" ON "revocations"("person_sub");
CREATE INDEX "revocations_person_email_idx" ON "revocations"("person_email");

-- RoleSessionName is derived from a verified e-mail only; the session remembers whether it was.
ALTER TABLE "sessions" ADD COLUMN "email_verified" BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX "sessions_email_idx" ON "sessions"("email");
