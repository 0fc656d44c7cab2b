-- Idempotency keys moved to the kit (kit.idempotency_keys, one helper for every area): the plans' own table is unused.
drop table if exists projects.idempotency_keys;
