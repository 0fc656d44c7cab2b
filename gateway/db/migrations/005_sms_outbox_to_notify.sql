-- The SMS outbox moved to the kit's notify schema (kit migration 002) so module APIs can queue messages too.
insert into notify.sms_outbox (id, phone_encrypted, phone_masked, body, purpose, created_at, sent_at, attempts, last_error)
  select id, phone_encrypted, phone_masked, body, purpose, created_at, sent_at, attempts, last_error from gateway.sms_outbox;
drop table gateway.sms_outbox;
