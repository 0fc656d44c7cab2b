-- Published: which units an expert belongs to (the units that invited it), so a plan can only list experts of
-- its own unit. Kept here: which version of each plan's feed (projects.plan_expert_feed) the library applied.
create view experts.expert_unit_directory as
  select expert_id, unit_id from experts.expert_units;

create table experts.plan_sync (
  plan_id uuid primary key,
  applied_seq bigint not null,
  applied_at timestamptz not null default now()
);
