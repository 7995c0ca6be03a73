-- Rate-limit counters are not records: they need no WAL, so a request's quota write commits without
-- waiting for a disk flush (one fewer flush per issuance). After a crash PostgreSQL empties an
-- unlogged table, which only resets everyone's hourly counters. The audit stays fully logged.
ALTER TABLE "rate_limit_buckets" SET UNLOGGED;
