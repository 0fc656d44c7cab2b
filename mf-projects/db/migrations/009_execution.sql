-- 执行中: what actually happened under an approved plan. Per expert, each actual visit (实际来华) with its dates, place,
-- work and what was spent per funding item (fen), or a planned visit declared not carried out with the reason. The
-- proofs (passport page, entry/exit stamps, work photos) are plan files in slots `proof:<actual visit id>:<kind>`.
create table projects.plan_actual_visits (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references projects.plans (id) on delete cascade,
  -- the approved visit this one carries out; null for a visit the approved plan did not have
  planned_visit_id uuid,
  expert_id uuid not null,
  carried_out boolean not null,
  -- why a planned visit was not carried out, or why a visit (or an expert) not in the approved plan was added
  reason text,
  arrival_date date,
  departure_date date,
  -- days in China, both ends counted: living costs are paid on these
  days integer generated always as (departure_date - arrival_date + 1) stored,
  city text,
  work_done text,
  international_travel bigint not null default 0,
  living_per_day bigint not null default 0,
  living_days integer not null default 0,
  pocket_per_day bigint not null default 0,
  pocket_days integer not null default 0,
  intercity_transport bigint not null default 0,
  salary bigint not null default 0,
  other bigint not null default 0,
  version integer not null default 1,
  recorded_by uuid not null,
  recorded_by_name text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- an approved plan's visits no longer change, so a planned visit with its record cannot go
  foreign key (plan_id, planned_visit_id) references projects.plan_visits (plan_id, id),
  -- a planned visit is carried out (or not) once; visits outside the plan may be many
  unique (plan_id, planned_visit_id),
  check (departure_date >= arrival_date),
  -- carried out: dates and place known; not carried out: a reason and nothing spent
  check (
    (carried_out and arrival_date is not null and departure_date is not null and city is not null)
    or (not carried_out and reason is not null and planned_visit_id is not null and arrival_date is null and departure_date is null
        and international_travel = 0 and living_per_day = 0 and living_days = 0 and pocket_per_day = 0 and pocket_days = 0
        and intercity_transport = 0 and salary = 0 and other = 0)
  ),
  check (planned_visit_id is not null or reason is not null),
  check (international_travel >= 0 and living_per_day >= 0 and living_days >= 0 and pocket_per_day >= 0 and pocket_days >= 0
         and intercity_transport >= 0 and salary >= 0 and other >= 0)
);
create index plan_actual_visits_plan_idx on projects.plan_actual_visits (plan_id, arrival_date, id);
create index plan_actual_visits_expert_idx on projects.plan_actual_visits (expert_id, arrival_date desc) where carried_out;
