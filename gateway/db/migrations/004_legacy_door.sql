-- 老人老办法: legacy accounts that still sign in with a password here, their reset codes, and the SMS outbox.
create table gateway.legacy_credentials (
  -- the legacy login name, e.g. liuyang or WGZJXM_zhangwei
  username text primary key,
  -- the local account (admin.users.id) this login opens
  user_id uuid not null,
  password_hash text not null,
  -- the bound mobile number, encrypted (FieldCipher)
  phone_encrypted text,
  failed_attempts integer not null default 0,
  locked_until timestamptz,
  password_changed_at timestamptz not null default now()
);

create table gateway.password_resets (
  id_hash text primary key,
  username text not null,
  code_hash text not null,
  attempts integer not null default 0,
  expires_at timestamptz not null
);

create table gateway.sms_outbox (
  id uuid primary key default gen_random_uuid(),
  phone_encrypted text not null,
  phone_masked text not null,
  body text not null,
  purpose text not null,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  attempts integer not null default 0,
  last_error text
);
create index sms_outbox_pending_idx on gateway.sms_outbox (created_at) where sent_at is null;
