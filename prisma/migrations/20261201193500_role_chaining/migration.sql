-- Role chaining (issue 17): a mapping may name a target role that Keyport assumes with the first
-- hop's credentials (sts:AssumeRole). NULL: no chain, the mapping's role is the one issued.
ALTER TABLE "role_mappings" ADD COLUMN "chained_role_arn" TEXT;
