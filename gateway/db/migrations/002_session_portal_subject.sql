-- Back-channel logout may name only the portal subject: sessions are findable by it.
alter table gateway.sessions add column portal_subject text;
create index sessions_portal_subject_idx on gateway.sessions (portal_subject);
