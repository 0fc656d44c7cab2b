-- Calls (申报批次), versioned templates, and everything a plan holds: its content, experts and visits with their
-- funding, files, the snapshot frozen at each submission, its review history, reviewer scores, notifications.

-- A template version is never edited: a national admin publishes a new version; a plan keeps the one it began with.
create table projects.templates (
  id uuid primary key default gen_random_uuid(),
  project_type text not null references projects.project_types (code),
  version integer not null,
  -- sections with fields, required attachments, expert limits and the reviewers' rubric (see api/template.ts)
  definition jsonb not null,
  published_at timestamptz not null default now(),
  published_by text not null default 'system',
  unique (project_type, version)
);

-- A call opens a project type for one year, to some unit kinds, under one funding policy.
create table projects.calls (
  id uuid primary key default gen_random_uuid(),
  project_type text not null references projects.project_types (code),
  year integer not null,
  opens_on date not null,
  closes_on date not null,
  unit_kinds text[] not null,
  policy_code text not null default 'expert_funding',
  created_at timestamptz not null default now(),
  created_by text not null default 'system',
  unique (project_type, year),
  check (closes_on >= opens_on)
);

alter table projects.plans drop constraint plans_status_check;
update projects.plans set status = 'supervising_review' where status = 'submitted';
alter table projects.plans
  add constraint plans_status_check
    check (status in ('draft', 'supervising_review', 'national_review', 'expert_review', 'returned', 'approved', 'rejected')),
  add column call_id uuid references projects.calls (id),
  add column template_id uuid references projects.templates (id),
  add column policy_id uuid references projects.funding_policies (id),
  add column unit_kind text not null default 'employer',
  add column content jsonb not null default '{}'::jsonb,
  add column requested_amount bigint not null default 0,
  add column expert_count integer not null default 0,
  add column visit_count integer not null default 0,
  add column created_by uuid,
  add column created_by_name text,
  add column submitted_at timestamptz,
  add column submission_count integer not null default 0,
  add column approved_amount bigint,
  add column approval_document text,
  add column decided_at timestamptz,
  -- bumped from a sequence whenever what the expert library should know about the plan changes
  add column feed_seq bigint;

create sequence projects.plan_feed_seq;

-- Lists: mine (unit, newest first), a supervising unit's queue, the national queue, filters by year and type.
create index plans_unit_updated_idx on projects.plans (unit_id, updated_at desc, id);
create index plans_supervising_status_idx on projects.plans (supervising_unit_id, status, updated_at);
create index plans_status_updated_idx on projects.plans (status, updated_at);
create index plans_updated_idx on projects.plans (updated_at desc, id);
create index plans_year_type_idx on projects.plans (year, project_type);
create index plans_feed_idx on projects.plans (feed_seq) where feed_seq is not null;
drop index projects.plans_unit_idx;
drop index projects.plans_supervising_idx;
drop index projects.plans_status_idx;

create table projects.plan_experts (
  plan_id uuid not null references projects.plans (id) on delete cascade,
  expert_id uuid not null,
  position integer not null,
  primary key (plan_id, expert_id)
);

-- One row per expert per visit, with the funding entered for it (fen; days as whole days).
create table projects.plan_visits (
  plan_id uuid not null references projects.plans (id) on delete cascade,
  id uuid not null,
  expert_id uuid not null,
  position integer not null,
  -- empty while a draft is being filled in; a submission needs all three
  start_date date,
  end_date date,
  city text,
  purpose text,
  international_travel bigint not null default 0,
  living_per_day bigint not null default 0,
  living_days integer not null default 0,
  pocket_per_day bigint not null default 0,
  pocket_days integer not null default 0,
  intercity_transport bigint not null default 0,
  salary bigint not null default 0,
  other bigint not null default 0,
  primary key (plan_id, id),
  foreign key (plan_id, expert_id) references projects.plan_experts (plan_id, expert_id) on delete cascade,
  check (end_date >= start_date)
);

-- Attachments, tables uploaded as images, and contracts: slot `attachment:<key>`, `image:<field>`, `contract:<visit>`.
create table projects.plan_files (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references projects.plans (id) on delete cascade,
  slot text not null,
  filename text not null,
  content_type text not null,
  size integer not null,
  content bytea not null,
  uploaded_by uuid not null,
  created_at timestamptz not null default now()
);
create index plan_files_plan_idx on projects.plan_files (plan_id, slot);

-- What was submitted, frozen: the template, the policy and the content, once per submission.
create table projects.plan_snapshots (
  plan_id uuid not null references projects.plans (id) on delete cascade,
  seq integer not null,
  template_id uuid not null references projects.templates (id),
  policy_id uuid references projects.funding_policies (id),
  content jsonb not null,
  submitted_by uuid not null,
  submitted_at timestamptz not null default now(),
  primary key (plan_id, seq)
);

-- The review history people read on the plan (the audit log keeps the same moves for the record).
create table projects.plan_events (
  id bigserial primary key,
  plan_id uuid not null references projects.plans (id) on delete cascade,
  action text not null,
  from_state text not null,
  to_state text not null,
  actor_user_id uuid not null,
  actor_name text not null,
  actor_unit_name text not null,
  actor_role text not null,
  reason text,
  -- a return's reasons per section: { "<section key>": "<reason>" }
  section_reasons jsonb,
  created_at timestamptz not null default now()
);
create index plan_events_plan_idx on projects.plan_events (plan_id, id);

-- Expert review (专家评审): who was assigned, and the scores they gave against the template's rubric.
create table projects.plan_reviews (
  plan_id uuid not null references projects.plans (id) on delete cascade,
  reviewer_id uuid not null,
  reviewer_name text not null,
  assigned_at timestamptz not null default now(),
  assigned_by uuid not null,
  scores jsonb,
  total integer,
  opinion text,
  submitted_at timestamptz,
  primary key (plan_id, reviewer_id)
);
create index plan_reviews_reviewer_idx on projects.plan_reviews (reviewer_id, submitted_at);

-- In-app notifications (站内消息) about a person's plans; shown in their to-do until they open the plan.
create table projects.notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null,
  plan_id uuid not null references projects.plans (id) on delete cascade,
  title_zh text not null,
  title_en text not null,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notifications_unread_idx on projects.notifications (user_id, created_at) where read_at is null;

-- A submit (or a new plan) retried with the same Idempotency-Key answers what the first one answered.
create table projects.idempotency_keys (
  user_id uuid not null,
  key text not null,
  route text not null,
  status integer not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (user_id, key)
);

-- The contract the expert library reads (published view): for each plan that has been submitted, its unit, state,
-- program and experts with their visits, and the sequence number of its latest change.
create view projects.plan_expert_feed as
  select p.id as plan_id, p.unit_id, p.status, p.project_type as program, t.name_zh as program_name, p.feed_seq,
         coalesce((
           select jsonb_agg(jsonb_build_object(
                    'expertId', e.expert_id,
                    'visits', coalesce((
                      select jsonb_agg(jsonb_build_object(
                               'startDate', to_char(v.start_date, 'YYYY-MM-DD'), 'endDate', to_char(v.end_date, 'YYYY-MM-DD'),
                               'city', v.city, 'purpose', v.purpose) order by v.position)
                      from projects.plan_visits v where v.plan_id = p.id and v.expert_id = e.expert_id and v.start_date is not null), '[]'::jsonb))
                  order by e.position)
           from projects.plan_experts e where e.plan_id = p.id), '[]'::jsonb) as experts
  from projects.plans p
  join projects.project_types t on t.code = p.project_type
  where p.feed_seq is not null;
