-- Claims (认领) of an expert another unit entered, reviewed by that unit; and 最近来华 counting only visits that
-- have happened, with the next planned visit kept apart.

-- 认领申请: a unit asks to add an expert to its own library. Until the unit that entered the record (or the national
-- level) accepts, the claimant's unit is not in expert_units, so the record stays outside its scope. What it typed
-- is kept as typed (name, birth date) or masked (passport), never the number in clear.
create table experts.claims (
  id uuid primary key default gen_random_uuid(),
  expert_id uuid not null references experts.experts (id),
  -- the claimant's unit and its supervising unit (the flow subject's unit)
  unit_id uuid not null,
  supervising_unit_id uuid,
  -- the unit that entered the record: it decides
  owner_unit_id uuid not null,
  state text not null default 'pending' check (state in ('pending', 'accepted', 'declined', 'withdrawn')),
  version integer not null default 1,
  typed_name text not null,
  birth_date date not null,
  nationality char(2) not null,
  passport_masked text not null,
  note text,
  requested_by uuid not null,
  requested_by_name text,
  created_at timestamptz not null default now(),
  decided_at timestamptz,
  decided_by_name text,
  decision_reason text
);
-- One open claim per expert and unit: asking again finds the one already waiting.
create unique index claims_open_idx on experts.claims (expert_id, unit_id) where state = 'pending';
create index claims_owner_open_idx on experts.claims (owner_unit_id, created_at) where state = 'pending';
create index claims_unit_idx on experts.claims (unit_id, created_at desc);

-- A visit of a plan carries the plan's state (as the plan feed last said); a visit recorded in the library itself
-- (no plan) has none. "Happened" = begun by today (Beijing) and either recorded directly or of an approved plan.
alter table experts.visits add column plan_state text;
update experts.visits v set plan_state = case when l.approved then 'approved' else 'in_review' end
  from experts.plan_links l where l.plan_id = v.plan_id and l.expert_id = v.expert_id;
update experts.visits set plan_state = 'in_review' where plan_id is not null and plan_state is null;

-- On the record: visit_count and last_visit now count only visits that happened; the nearest visit still to come
-- (planned_visit, its plan's state, and how many are planned) is kept beside them. "Today" moves without any row
-- changing, so the module's daily refresh recomputes the records whose planned visit has come (planned_visit_idx).
alter table experts.experts
  add column planned_visit date,
  add column planned_visit_state text,
  add column planned_visit_count integer not null default 0;
create index experts_planned_visit_idx on experts.experts (planned_visit) where planned_visit is not null;

create function experts.beijing_today() returns date language sql stable as $$
  select (now() at time zone 'Asia/Shanghai')::date;
$$;

drop trigger visits_stats on experts.visits;
drop function experts.visits_changed();
drop function experts.refresh_visit_stats(uuid);

create function experts.refresh_visit_stats(target uuid, today date default experts.beijing_today()) returns void language sql as $$
  with happened as (
    select count(*)::int as n, max(start_date) as last from experts.visits v
    where v.expert_id = target and v.start_date <= today and (v.plan_id is null or v.plan_state = 'approved')
  ),
  planned as (
    select count(*)::int as n, min(start_date) as next from experts.visits v
    where v.expert_id = target and v.start_date >= today and not (v.start_date <= today and (v.plan_id is null or v.plan_state = 'approved'))
  ),
  nearest as (
    select coalesce(v.plan_state, 'recorded') as state from experts.visits v
    where v.expert_id = target and v.start_date = (select next from planned)
    order by (v.plan_state = 'approved') desc, v.id limit 1
  )
  update experts.experts e set
    visit_count = (select n from happened),
    last_visit = (select last from happened),
    planned_visit_count = (select n from planned),
    planned_visit = (select next from planned),
    planned_visit_state = (select state from nearest)
  where e.id = target;
$$;

-- The daily step: every record whose nearest planned visit has come is worked out again; returns how many.
create function experts.refresh_due_visit_stats(today date default experts.beijing_today()) returns integer language plpgsql as $$
declare
  due uuid;
  n integer := 0;
begin
  for due in select id from experts.experts where planned_visit <= today loop
    perform experts.refresh_visit_stats(due, today);
    n := n + 1;
  end loop;
  return n;
end;
$$;

create function experts.visits_changed() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then perform experts.refresh_visit_stats(old.expert_id); end if;
  if tg_op = 'INSERT' or (tg_op = 'UPDATE' and (new.expert_id <> old.expert_id or new.start_date <> old.start_date
      or new.plan_state is distinct from old.plan_state)) then
    perform experts.refresh_visit_stats(new.expert_id);
  end if;
  return null;
end;
$$;
create trigger visits_stats after insert or update or delete on experts.visits
  for each row execute function experts.visits_changed();

-- Every record once, by the new rule (set-based: the library may hold 200,000 visits).
with today as (select experts.beijing_today() as d),
flags as (
  select v.expert_id, v.start_date, v.plan_state, v.id,
    v.start_date <= (select d from today) and (v.plan_id is null or v.plan_state = 'approved') as happened
  from experts.visits v
),
happened as (select expert_id, count(*)::int as n, max(start_date) as last from flags where happened group by expert_id),
planned as (
  select distinct on (expert_id) expert_id, start_date as next, coalesce(plan_state, 'recorded') as state,
    count(*) over (partition by expert_id)::int as n
  from flags where not happened and start_date >= (select d from today)
  order by expert_id, start_date, (plan_state = 'approved') desc, id
)
update experts.experts e set
  visit_count = coalesce(h.n, 0), last_visit = h.last,
  planned_visit_count = coalesce(p.n, 0), planned_visit = p.next, planned_visit_state = p.state
from experts.experts x
left join happened h on h.expert_id = x.id
left join planned p on p.expert_id = x.id
where e.id = x.id
  and (e.visit_count, e.last_visit, e.planned_visit_count, e.planned_visit, e.planned_visit_state)
    is distinct from (coalesce(h.n, 0), h.last, coalesce(p.n, 0), p.next, p.state);

-- The plan feed is read again from the start, so every plan's visits get their plan's real state.
delete from experts.plan_sync;

-- The published views keep their columns; what they mean follows the record (column contract: added at the end).
create or replace view experts.expert_directory as
  select id as expert_id, name, chinese_name, gender, nationality, discipline_code, passport_masked,
         status, merged_into, created_by_unit_id, visit_count, last_visit, planned_visit
  from experts.experts;

create or replace view experts.visit_directory as
  select v.id as visit_id, v.expert_id, v.plan_id, v.start_date, v.end_date, v.days, v.visit_year, v.city,
         v.province_code, v.host_unit_id, v.host_supervising_unit_id, v.program, v.purpose, v.plan_state
  from experts.visits v;
