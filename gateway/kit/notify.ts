// Notifications every area sends: an SMS is queued in the transaction of the change it is about, so a message
// goes out exactly when the change committed; the gateway's dispatcher delivers and retries it.
import type { Queryable } from './db.ts';
import type { FieldCipher } from './field-cipher.ts';
import { maskPhone } from './shared/identifiers.ts';

export interface SmsMessage {
  phone: string;
  body: string;
  /** What it is for, e.g. `legacy_password_reset`; support reads it in the outbox. */
  purpose: string;
}

/** Queues an SMS; the number is stored encrypted, with a masked copy for screens. */
export async function enqueueSms(tx: Queryable, cipher: FieldCipher, message: SmsMessage): Promise<void> {
  await tx.query('insert into notify.sms_outbox (phone_encrypted, phone_masked, body, purpose) values ($1, $2, $3, $4)', [
    cipher.encrypt(message.phone),
    maskPhone(message.phone),
    message.body,
    message.purpose,
  ]);
}
