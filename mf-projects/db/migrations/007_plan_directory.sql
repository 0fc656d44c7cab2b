-- Published views (contracts other areas read): each plan's title, type, year, unit and state, and the project types
-- by name in both languages — so the audit log and later the annual reports name a plan without reading its tables.
create view projects.plan_directory as
  select p.id as plan_id, p.title, p.project_type, p.year, p.unit_id, p.supervising_unit_id, p.status
  from projects.plans p;

create view projects.project_type_directory as
  select code, family, name_zh, name_en from projects.project_types;
