-- Annual summaries (年度报告) written by supervising units and ministry-affiliated universities.
create schema if not exists reports;

create table reports.annual_reports (
  id uuid primary key default gen_random_uuid(),
  year integer not null,
  unit_id uuid not null,
  supervising_unit_id uuid,
  status text not null default 'draft' check (status in ('draft', 'submitted', 'returned', 'accepted')),
  summary text not null default '',
  submitted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (unit_id, year)
);
