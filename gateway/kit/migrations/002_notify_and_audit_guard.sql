-- SMS goes through one outbox every area writes to in the transaction of what the message is about; the
-- gateway's dispatcher delivers it. (It began as gateway.sms_outbox; gateway migration 005 moves old rows.)
create schema if not exists notify;

create table notify.sms_outbox (
  id uuid primary key default gen_random_uuid(),
  phone_encrypted text not null,
  phone_masked text not null,
  body text not null,
  -- what the message is for, e.g. legacy_password_reset or portal_account_created
  purpose text not null,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  attempts integer not null default 0,
  last_error text
);
create index sms_outbox_pending_idx on notify.sms_outbox (created_at) where sent_at is null;

-- Who acted, by name, as they were at the time (units and people are renamed; the record is not).
alter table audit.records add column actor_display_name text;
alter table audit.records add column actor_unit_name text;
create index records_action_idx on audit.records (action);

-- The audit log is append-only for everyone, whatever code runs: the database itself refuses the rest.
create function audit.refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit records cannot be changed or deleted' using errcode = 'insufficient_privilege';
end;
$$;
create trigger records_append_only before update or delete on audit.records
  for each row execute function audit.refuse_change();
create trigger records_no_truncate before truncate on audit.records
  for each statement execute function audit.refuse_change();
