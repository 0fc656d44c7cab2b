-- The gateway's own schema: sessions (when no Redis is configured) and sign-in transactions.
create schema if not exists gateway;

create table gateway.sessions (
  -- sha-256 of the cookie value; the value itself is never stored
  id_hash text primary key,
  user_id text not null,
  portal_sid text,
  data jsonb not null,
  expires_at timestamptz not null
);
create index sessions_user_idx on gateway.sessions (user_id);
create index sessions_portal_sid_idx on gateway.sessions (portal_sid);
create index sessions_expires_idx on gateway.sessions (expires_at);

create table gateway.login_transactions (
  id_hash text primary key,
  data jsonb not null,
  expires_at timestamptz not null
);
