-- Idempotency-Key claims (kit/idempotency.ts): a request retried with the same key — a double click, a timeout
-- the browser retried — is answered with what the first one answered, per user and route, for 24 hours.
create table kit.idempotency_keys (
  user_id text not null,
  -- e.g. projects:create-plan, projects:plan-action:<plan id>
  route text not null,
  key text not null,
  -- sha256 of the request body: the same key with another body is refused, never answered with the first result
  request_hash text not null,
  -- the stored answer, written in the transaction that claimed the key (so a visible claim always has one)
  status integer,
  response jsonb,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  primary key (user_id, route, key)
);
create index idempotency_keys_expires_idx on kit.idempotency_keys (user_id, expires_at);
