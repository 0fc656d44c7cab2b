-- Published for notifications (an SMS when a plan is returned or approved): an account's mobile number, still
-- encrypted with the system's field key, and whether the account is active. Nothing here is shown to anyone.
create view admin.account_contacts as
  select id as user_id, mobile_encrypted, status from admin.users;
