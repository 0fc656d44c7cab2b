-- Project and platform plans (项目/平台计划) of the project library (项目库).
create schema if not exists projects;

create table projects.plans (
  id uuid primary key default gen_random_uuid(),
  title text not null,
  -- the program, e.g. high_end_foreign_expert (高端外国专家引进计划)
  project_type text not null,
  year integer not null,
  unit_id uuid not null,
  supervising_unit_id uuid,
  status text not null default 'draft'
    check (status in ('draft', 'submitted', 'supervising_review', 'national_review', 'returned', 'approved', 'rejected')),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index plans_unit_idx on projects.plans (unit_id);
create index plans_supervising_idx on projects.plans (supervising_unit_id);
create index plans_status_idx on projects.plans (status);
