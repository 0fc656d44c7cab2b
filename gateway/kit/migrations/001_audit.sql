-- The audit log every area writes through the kit: state changes and reveals of personal identifiers.
-- Rows are only ever inserted; no API updates or deletes them.
create schema if not exists audit;

create table audit.records (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_user_id text not null,
  actor_username text not null,
  actor_unit_id text,
  actor_role text not null,
  -- what happened, e.g. unit_registration.approve or expert.reveal_passport
  action text not null,
  object_type text not null,
  object_id text not null,
  before_summary jsonb,
  after_summary jsonb,
  reason text,
  request_id text,
  client_ip text
);
create index records_object_idx on audit.records (object_type, object_id);
create index records_at_idx on audit.records (at desc);
create index records_actor_idx on audit.records (actor_user_id);
