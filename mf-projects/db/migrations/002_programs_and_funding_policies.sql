-- Reference data for plans: the project types (项目类别) in their two families, and funding policies as
-- versioned rule sets (the rule kinds are read by mf-projects/api/funding.ts; limits are data, in fen).
create table projects.project_types (
  code text primary key,
  family text not null check (family in ('talent', 'platform')),
  name_zh text not null,
  name_en text not null,
  position integer not null,
  active boolean not null default true
);

insert into projects.project_types (code, family, name_zh, name_en, position) values
  ('high_end_foreign_expert', 'talent', '高端外国专家引进计划', 'High-end Foreign Experts Recruitment Program', 1),
  ('young_foreign_talent', 'talent', '外国青年人才计划', 'Foreign Young Talent Program', 2),
  ('belt_and_road_innovation', 'talent', '“一带一路”创新人才交流外国专家项目', 'Belt and Road Innovative Talent Exchange Foreign Expert Project', 3),
  ('talent_demonstration_base', 'platform', '国家引才引智示范基地', 'National Demonstration Base for Introducing Talent and Intelligence', 4),
  ('discipline_innovation_111', 'platform', '高等学校学科创新引智计划(111计划)', 'Programme of Introducing Talents of Discipline to Universities (111 Project)', 5),
  ('international_demonstration_college', 'platform', '高校国际化示范学院推进计划', 'University Internationalization Demonstration College Program', 6);

-- A policy version is never edited: a change is a new version, and a call names the version in force.
create table projects.funding_policies (
  id uuid primary key default gen_random_uuid(),
  code text not null,
  version integer not null,
  title text not null,
  -- the unit kinds it applies to (employer, ministry_university)
  unit_kinds text[] not null,
  effective_from date not null,
  rules jsonb not null,
  published_at timestamptz not null default now(),
  unique (code, version)
);

insert into projects.funding_policies (code, version, title, unit_kinds, effective_from, rules) values
  ('expert_funding', 1, '外国专家经费开支标准(历史标准)', '{employer,ministry_university}', '2020-01-01', '[
    {"id": "travel.max", "kind": "max_amount", "amount": "internationalTravel", "max": 1500000},
    {"id": "living.rate", "kind": "per_day_range", "field": "livingPerDay", "min": 0, "max": 60000},
    {"id": "living.max", "kind": "max_amount", "amount": "livingCosts", "max": 1800000},
    {"id": "living.days", "kind": "max_days", "field": "livingDays", "max": 30},
    {"id": "pocket.rate", "kind": "per_day_range", "field": "pocketPerDay", "min": 20000, "max": 30000},
    {"id": "pocket.max", "kind": "max_amount", "amount": "pocketMoney", "max": 900000},
    {"id": "pocket.days", "kind": "max_days", "field": "pocketDays", "max": 30},
    {"id": "intercity.max", "kind": "max_amount", "amount": "intercityTransport", "max": 300000},
    {"id": "total.max", "kind": "max_amount", "amount": "total", "max": 4500000},
    {"id": "salary.contract", "kind": "requires_attachment", "amount": "salary", "attachment": "contract"}
  ]'::jsonb);
