-- CreateEnum
CREATE TYPE "SamlRequestPurpose" AS ENUM ('SIGN_IN', 'ISSUANCE');

-- CreateTable
CREATE TABLE "saml_requests" (
    "id" TEXT NOT NULL,
    "purpose" "SamlRequestPurpose" NOT NULL,
    "session_id" TEXT,
    "pending" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "saml_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "saml_used_assertions" (
    "id" TEXT NOT NULL,
    "used_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "saml_used_assertions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "saml_requests_expires_at_idx" ON "saml_requests"("expires_at");

-- CreateIndex
CREATE INDEX "saml_used_assertions_expires_at_idx" ON "saml_used_assertions"("expires_at");
