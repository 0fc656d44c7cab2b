-- Unit registration review (用人单位审核流程), user review (用户审核) and the fields both forms need.
-- Reviewed objects carry a state and a version; only the kit's review-flow engine moves them.

alter table admin.units
  add column contact_name text,
  -- a unit's office contact number (landline or mobile), not a personal identifier
  add column contact_phone text,
  add column contact_email text,
  -- draft 待完善 | supervising_review 待归口管理单位审核 | national_review 待国家审核 | returned 已退回 | approved 已通过
  add column registration_state text not null default 'approved'
    check (registration_state in ('draft', 'supervising_review', 'national_review', 'returned', 'approved')),
  add column version integer not null default 0,
  add column submitted_at timestamptz;
create index units_registration_idx on admin.units (registration_state) where registration_state <> 'approved';

-- A unit the portal jump created starts as a draft its people complete (was: pending_review, no state).
update admin.units set registration_state = 'draft' where status = 'pending_review';

alter table admin.users
  -- personal identifiers: encrypted (kit FieldCipher) with a masked copy for screens and lists
  add column mobile_encrypted text,
  add column mobile_masked text,
  -- a keyed hash, so a number can be searched for without decrypting every row
  add column mobile_hash text,
  add column id_number_encrypted text,
  add column id_number_masked text,
  add column email text,
  -- pending 待审核 | approved 已通过 | rejected 未通过 (users an employer admin adds, 用户审核)
  add column review_state text not null default 'approved' check (review_state in ('pending', 'approved', 'rejected')),
  add column version integer not null default 0,
  add column created_by uuid references admin.users (id);
create index users_review_idx on admin.users (review_state) where review_state <> 'approved';
create index users_mobile_hash_idx on admin.users (mobile_hash);

-- The directories gain what other areas may need to show; columns only added at the end (view contract).
create or replace view admin.unit_directory as
  select id as unit_id, name as unit_name, kind as unit_kind, credit_code, province_code, supervising_unit_id, status,
         registration_state
  from admin.units;
