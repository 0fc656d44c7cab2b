-- Published contract: the legacy login names (老人老办法) each account has, so the admin area's account lookup can
-- show the old login people forget, without reading the credential table. Columns are only ever added at the end.
create view gateway.legacy_login_directory as
  select user_id, username as login
  from gateway.legacy_credentials;

-- A reset an administrator issued (问题七): its code comes by SMS and is valid for a day; the person enters it on
-- the ordinary reset page. Null for a reset the person asked for.
alter table gateway.password_resets
  add column issued_by uuid;
create index password_resets_username_idx on gateway.password_resets (username);
