-- Broker mode (issue 12).

-- Per-mapping override of the deployment's FEDERATION_MODE: 'broker' (Keyport mints the token AWS
-- trusts), 'broker-saml' (Keyport signs its own SAML assertion for AWS), 'passthrough' (the IdP's
-- own token or assertion goes to AWS), or NULL (the deployment's).
ALTER TABLE "role_mappings" ADD COLUMN "federation_mode" TEXT;
ALTER TABLE "role_mappings" ADD CONSTRAINT "role_mappings_federation_mode_check" CHECK ("federation_mode" IN ('broker', 'broker-saml', 'passthrough'));
-- IdP attributes the admin chose to send as session tags in broker mode (lib/broker/session-tags.ts).
ALTER TABLE "role_mappings" ADD COLUMN "session_tag_attributes" TEXT[] DEFAULT ARRAY[]::TEXT[];
