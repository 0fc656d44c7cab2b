-- Indexes for the search. Its three orders over the records a search can find, so the first page of a large
-- result is read in order and the scan stops at the page (name; latest visit; number of visits).
drop index experts.experts_name_idx;
drop index experts.experts_last_visit_idx;
create index experts_order_name_idx on experts.experts (name, id) where status = 'active';
create index experts_order_latest_idx on experts.experts (last_visit desc nulls last, name, id) where status = 'active';
create index experts_order_visits_idx on experts.experts (visit_count desc, name, id) where status = 'active';

-- A name typed in part (姓名/中文名 contains …) is found through trigram indexes instead of reading every record.
create extension if not exists pg_trgm;
create index experts_name_trgm_idx on experts.experts using gin (name gin_trgm_ops);
create index experts_chinese_name_trgm_idx on experts.experts using gin (chinese_name gin_trgm_ops);

-- "Has a visit with …" asked per expert answers from this index alone.
drop index experts.visits_expert_idx;
create index visits_expert_filters_idx on experts.visits (expert_id, visit_year, province_code, program, host_unit_id);
