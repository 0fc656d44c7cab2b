-- "Title contains" for fragments of two characters (量子, 人才: the most common search in Chinese titles) yields no
-- trigram, so plans_title_trgm_idx cannot serve it and every title was read for the total. Each title also keeps
-- its pairs of adjacent characters; a fragment's pairs must all be among them, which a GIN index answers, and
-- the `ilike` on the title then checks the order.
create function projects.char_pairs(t text) returns text[]
  language sql immutable parallel safe
  as $$ select coalesce(array_agg(distinct substr(lower(t), i, 2)), '{}') from generate_series(1, char_length(t) - 1) as i $$;

alter table projects.plans add column title_pairs text[] generated always as (projects.char_pairs(title)) stored;
create index plans_title_pairs_idx on projects.plans using gin (title_pairs);
