-- Organisations and accounts: the three-tier unit tree every other area scopes its data by.
create schema if not exists admin;

create table admin.units (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  -- national 国家 | supervising 归口管理单位 | employer 用人单位 | ministry_university 部属高校
  kind text not null check (kind in ('national', 'supervising', 'employer', 'ministry_university')),
  credit_code text unique,
  province_code text,
  address text,
  supervising_unit_id uuid references admin.units (id),
  -- active | pending_review (用人单位注册审核中)
  status text not null default 'active' check (status in ('active', 'pending_review', 'disabled')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index units_supervising_idx on admin.units (supervising_unit_id);

create table admin.users (
  id uuid primary key default gen_random_uuid(),
  username text not null unique,
  display_name text not null,
  role text not null check (role in ('employer_handler', 'employer_admin', 'supervising_user', 'national_admin', 'support', 'expert_reviewer')),
  unit_id uuid not null references admin.units (id),
  portal_subject text unique,
  status text not null default 'active' check (status in ('active', 'pending_review', 'disabled')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index users_unit_idx on admin.users (unit_id);

create table admin.notices (
  id uuid primary key default gen_random_uuid(),
  title text not null,
  body text not null,
  published_at timestamptz not null default now(),
  published_by uuid references admin.users (id)
);
create index notices_published_idx on admin.notices (published_at desc);

-- Published contract: other modules and the gateway read units and accounts only through these views.
create view admin.unit_directory as
  select id as unit_id, name as unit_name, kind as unit_kind, credit_code, province_code, supervising_unit_id, status
  from admin.units;

create view admin.account_directory as
  select u.id as user_id, u.username, u.display_name, u.role, u.status, u.portal_subject,
         n.id as unit_id, n.name as unit_name, n.kind as unit_kind, n.supervising_unit_id
  from admin.users u
  join admin.units n on n.id = u.unit_id;
