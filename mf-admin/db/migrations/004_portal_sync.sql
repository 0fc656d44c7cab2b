-- What this system owes the government service portal (政务服务平台): a supervising unit the national
-- administrator created, then each of its accounts (问题三, 问题五). Rows are written in the transaction that
-- creates the unit or account; a dispatcher (api/portal-sync.ts, on every gateway replica) delivers them.
create table admin.portal_sync_outbox (
  id uuid primary key default gen_random_uuid(),
  -- creation order: a unit's row before its accounts' rows, accounts in the order they were entered
  seq bigint generated always as identity,
  -- unit 单位 | account 帐号
  kind text not null check (kind in ('unit', 'account')),
  unit_id uuid not null references admin.units (id),
  user_id uuid references admin.users (id),
  -- pending 同步中 | sent 已同步 | failed 同步失败 (the portal refused it, or it kept failing)
  state text not null default 'pending' check (state in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  -- the portal's own (zh-CN) message, or a summary of the network error; never a password or an identifier
  last_error text,
  -- when a pending row is due; a dispatcher that claims a row pushes it out for the time it is in flight
  next_attempt_at timestamptz not null default now(),
  sent_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((kind = 'unit') = (user_id is null))
);
create index portal_sync_outbox_due_idx on admin.portal_sync_outbox (next_attempt_at, seq) where state = 'pending';
create index portal_sync_outbox_unit_idx on admin.portal_sync_outbox (unit_id);
