-- The expert library (专家库): foreign experts and their visits (来华).
create schema if not exists experts;

create table experts.experts (
  id uuid primary key default gen_random_uuid(),
  name text not null,             -- as in passport
  chinese_name text,
  gender text check (gender in ('male', 'female')),
  birth_date date,
  nationality char(2) not null,   -- ISO 3166-1 alpha-2
  discipline text,
  created_by_unit_id uuid not null,
  supervising_unit_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index experts_unit_idx on experts.experts (created_by_unit_id);
create index experts_supervising_idx on experts.experts (supervising_unit_id);

create table experts.visits (
  id uuid primary key default gen_random_uuid(),
  expert_id uuid not null references experts.experts (id),
  start_date date not null,
  end_date date not null,
  city text not null,
  host_unit_id uuid not null,
  purpose text,
  created_at timestamptz not null default now(),
  check (end_date >= start_date)
);
create index visits_expert_idx on experts.visits (expert_id);
