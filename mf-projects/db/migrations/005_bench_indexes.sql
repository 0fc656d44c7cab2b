-- Indexes the plans benchmark (scripts/bench-plans.ts, 100,000 plans) showed the lists need; each one turns a walk
-- over most of projects.plans into a range scan that stops after the page.

-- The national queue (national review + expert review), oldest first: the national admin's "waiting for me" list
-- and to-do. Without it the page walks plans_updated_idx from the oldest plan and filters ~53,000 rows to find 20.
create index plans_national_queue_idx on projects.plans (updated_at, id) where status in ('national_review', 'expert_review');

-- A project type in a year, newest first: the order comes with the filter instead of walking plans_updated_idx
-- past every newer plan of other years and types (~47,000 rows for a year three back).
create index plans_year_type_updated_idx on projects.plans (year, project_type, updated_at desc, id);

-- "Title contains": trigrams serve fragments of three characters or more (人工智能); a two-character fragment
-- (量子) yields no trigram and still reads every title for the total.
create extension if not exists pg_trgm;
create index plans_title_trgm_idx on projects.plans using gin (title gin_trgm_ops);
