-- Counters of attempts per key and window (sign-ins per address and account, expert claims per user and unit):
-- the store rate limits use where no Redis is configured, and for module APIs, which have only the database.
create schema if not exists kit;

create table kit.rate_limits (
  key text primary key,
  window_started_at timestamptz not null,
  hits integer not null
);
create index rate_limits_window_idx on kit.rate_limits (window_started_at);
