-- Every sign-in attempt through the portal, for technical support: what was checked, what failed, how long
-- each step took. Personal identifiers are kept masked; the phone also as a keyed hash, to search by it.
create table gateway.handoffs (
  reference text primary key,
  started_at timestamptz not null,
  updated_at timestamptz not null default now(),
  -- refused | awaiting_confirmation | admitted | cancelled
  outcome text not null,
  refusal text,
  username text,
  subject_masked text,
  phone_masked text,
  phone_hash text,
  user_kind text,
  checks jsonb not null default '[]',
  durations jsonb not null default '{}',
  client_ip text
);
create index handoffs_started_idx on gateway.handoffs (started_at desc);
create index handoffs_username_idx on gateway.handoffs (username);
create index handoffs_phone_idx on gateway.handoffs (phone_hash);
