-- The full expert record: identifiers encrypted at rest, the units that invited each expert (data scope),
-- files, likely duplicates, merges (reversible), correction requests, plan links and the published views.

-- Discipline by code in the national classification (学科门类 / 一级学科) instead of free text.
alter table experts.experts add column discipline_code text;
update experts.experts set discipline_code = case discipline
  when '计算机科学与技术' then '0812' when '物理学' then '0702' when '材料科学与工程' then '0805' when '机械工程' then '0802'
  else null end;
alter table experts.experts drop column discipline;

alter table experts.experts
  add column passport_encrypted text,
  -- keyed hash of nationality + passport number: finds the one expert without storing the number in clear
  add column passport_hash text,
  add column passport_masked text,
  add column work_permit_no text,
  add column email text,
  add column phone_encrypted text,
  add column phone_masked text,
  add column employer_abroad text,
  add column position text,
  add column keywords text[] not null default '{}',
  add column education text,
  add column biography text,
  add column status text not null default 'active' check (status in ('active', 'merged')),
  add column merged_into uuid references experts.experts (id),
  add column version integer not null default 1,
  -- kept by the visit trigger below, so a list sorts by them without counting 200,000 visits
  add column visit_count integer not null default 0,
  add column last_visit date,
  add column created_by_user_id uuid;

-- Same nationality and passport number is one expert (among the records not merged away).
create unique index experts_passport_idx on experts.experts (passport_hash) where status = 'active' and passport_hash is not null;
create index experts_likely_duplicate_idx on experts.experts (nationality, birth_date, lower(name)) where status = 'active';
create index experts_name_idx on experts.experts (lower(name));
create index experts_last_visit_idx on experts.experts (last_visit desc nulls last);

-- The units that invited an expert: the one that entered it, and every unit a plan or visit brought it to.
-- An employer unit sees these experts; its supervising unit sees them through the second column.
create table experts.expert_units (
  expert_id uuid not null references experts.experts (id),
  unit_id uuid not null,
  supervising_unit_id uuid,
  since timestamptz not null default now(),
  primary key (expert_id, unit_id)
);
create index expert_units_unit_idx on experts.expert_units (unit_id);
create index expert_units_supervising_idx on experts.expert_units (supervising_unit_id);
insert into experts.expert_units (expert_id, unit_id, supervising_unit_id)
  select id, created_by_unit_id, supervising_unit_id from experts.experts;

-- Visits (来华): written by plans through this module's API; the host unit's province and the plan's program
-- are kept on the visit so the library can be searched by them.
alter table experts.visits
  add column plan_id uuid,
  add column host_supervising_unit_id uuid,
  add column province_code text,
  add column program text,
  add column program_name text,
  add column days integer generated always as (end_date - start_date + 1) stored,
  add column visit_year integer generated always as (date_part('year', start_date)::integer) stored,
  add column updated_at timestamptz not null default now();
update experts.visits v set province_code = u.province_code, host_supervising_unit_id = u.supervising_unit_id
  from admin.unit_directory u where u.unit_id = v.host_unit_id;
create index visits_plan_idx on experts.visits (plan_id);
create index visits_host_idx on experts.visits (host_unit_id);
create index visits_year_idx on experts.visits (visit_year, expert_id);
create index visits_province_idx on experts.visits (province_code, expert_id);
create index visits_program_idx on experts.visits (program, expert_id);

create function experts.refresh_visit_stats(target uuid) returns void language sql as $$
  update experts.experts e set
    visit_count = (select count(*) from experts.visits v where v.expert_id = target),
    last_visit = (select max(start_date) from experts.visits v where v.expert_id = target)
  where e.id = target;
$$;

create function experts.visits_changed() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then perform experts.refresh_visit_stats(old.expert_id); end if;
  if tg_op in ('INSERT', 'UPDATE') and (tg_op = 'INSERT' or new.expert_id <> old.expert_id) then
    perform experts.refresh_visit_stats(new.expert_id);
  end if;
  return null;
end;
$$;
create trigger visits_stats after insert or update or delete on experts.visits
  for each row execute function experts.visits_changed();
update experts.experts e set visit_count = s.n, last_visit = s.last
  from (select expert_id, count(*)::int as n, max(start_date) as last from experts.visits group by expert_id) s
  where s.expert_id = e.id;

-- Which plans use an expert, as the plans area tells this module. An approved plan freezes the record:
-- later changes go through a correction request.
create table experts.plan_links (
  plan_id uuid not null,
  expert_id uuid not null references experts.experts (id),
  unit_id uuid not null,
  approved boolean not null default false,
  updated_at timestamptz not null default now(),
  primary key (plan_id, expert_id)
);
create index plan_links_expert_idx on experts.plan_links (expert_id);

-- CV (PDF) and photo (JPEG/PNG), one of each per expert, checked by content before they are stored.
create table experts.files (
  expert_id uuid not null references experts.experts (id),
  kind text not null check (kind in ('cv', 'photo')),
  filename text not null,
  content_type text not null,
  size_bytes integer not null,
  content bytea not null,
  uploaded_by uuid,
  uploaded_at timestamptz not null default now(),
  primary key (expert_id, kind)
);

-- A likely duplicate (same name, date of birth and nationality), flagged when the second record is created;
-- resolved by a merge or by a national administrator's decision that they are different people.
create table experts.duplicate_flags (
  id uuid primary key default gen_random_uuid(),
  expert_id uuid not null references experts.experts (id),
  other_id uuid not null references experts.experts (id),
  flagged_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolution text check (resolution in ('merged', 'distinct')),
  unique (expert_id, other_id)
);
create index duplicate_flags_open_idx on experts.duplicate_flags (flagged_at) where resolved_at is null;

-- A merge, with exactly what it moved, so that it can be undone record by record.
create table experts.merges (
  id uuid primary key default gen_random_uuid(),
  survivor_id uuid not null references experts.experts (id),
  merged_id uuid not null references experts.experts (id),
  moved_visit_ids uuid[] not null default '{}',
  moved_plan_ids uuid[] not null default '{}',
  added_unit_ids uuid[] not null default '{}',
  merged_by uuid not null,
  merged_at timestamptz not null default now(),
  undone_by uuid,
  undone_at timestamptz
);
create index merges_survivor_idx on experts.merges (survivor_id);
create index merges_merged_idx on experts.merges (merged_id);

-- A change to a record an approved plan uses (更正申请): reviewed by the national level through the flow engine.
create table experts.corrections (
  id uuid primary key default gen_random_uuid(),
  expert_id uuid not null references experts.experts (id),
  unit_id uuid not null,
  supervising_unit_id uuid,
  changes jsonb not null,
  reason text not null,
  state text not null default 'pending' check (state in ('pending', 'approved', 'rejected')),
  version integer not null default 1,
  requested_by uuid not null,
  requested_by_name text,
  created_at timestamptz not null default now(),
  decided_at timestamptz
);
create index corrections_pending_idx on experts.corrections (created_at) where state = 'pending';
create index corrections_expert_idx on experts.corrections (expert_id);

-- Published contract: other modules read experts and visits only through these views (no identifiers).
create view experts.expert_directory as
  select id as expert_id, name, chinese_name, gender, nationality, discipline_code, passport_masked,
         status, merged_into, created_by_unit_id, visit_count, last_visit
  from experts.experts;

create view experts.visit_directory as
  select v.id as visit_id, v.expert_id, v.plan_id, v.start_date, v.end_date, v.days, v.visit_year, v.city,
         v.province_code, v.host_unit_id, v.host_supervising_unit_id, v.program, v.purpose
  from experts.visits v;
