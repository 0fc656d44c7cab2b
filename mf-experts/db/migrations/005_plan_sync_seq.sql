-- The plan feed reader starts each regular poll just below the highest sequence number it applied; this index
-- answers that maximum without reading every row.
create index plan_sync_applied_seq_idx on experts.plan_sync (applied_seq);
