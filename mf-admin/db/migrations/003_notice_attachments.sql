-- Notices carry files (附件) and can be withdrawn (撤回); a notice keeps its publisher's name as it was then.
alter table admin.notices
  add column publisher_name text,
  add column withdrawn_at timestamptz,
  add column withdrawn_by uuid references admin.users (id);

create table admin.notice_attachments (
  id uuid primary key default gen_random_uuid(),
  notice_id uuid not null references admin.notices (id) on delete cascade,
  -- the order the publisher attached them in
  position integer not null,
  filename text not null,
  content_type text not null,
  size_bytes integer not null check (size_bytes >= 0),
  content bytea not null,
  created_at timestamptz not null default now(),
  unique (notice_id, position)
);
create index notice_attachments_notice_idx on admin.notice_attachments (notice_id);
