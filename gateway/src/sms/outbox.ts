// SMS through the kit's outbox (notify.sms_outbox): a message is written in the transaction of what caused it,
// then a dispatcher hands it to the configured sender and retries failures. The default sender keeps messages
// where the demo and the tests can read them (never "sent to nowhere").
import { enqueueSms, type Db, type FieldCipher, type Logger, type Queryable } from '@wgzj/gateway/kit';
import type { NotifySmsOutboxRow } from '@wgzj/gateway/kit/rows';

export interface SmsSender {
  readonly name: string;
  send(phone: string, body: string): Promise<void>;
}

/** Delivers to nobody and keeps the message in the outbox, readable through the dev SMS inbox. */
export const devSmsSender: SmsSender = { name: 'dev', send: async () => {} };

export class SmsOutbox {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher,
    private readonly sender: SmsSender,
    private readonly logger: Logger,
  ) {}

  /** Queues a message; pass the transaction that makes the change the message is about. */
  async enqueue(tx: Queryable, phone: string, body: string, purpose: string): Promise<void> {
    await enqueueSms(tx, this.cipher, { phone, body, purpose });
  }

  /** Sends what is waiting; each message at most five times. Returns how many were sent. */
  async dispatch(): Promise<number> {
    const { rows } = await this.db.query<Pick<NotifySmsOutboxRow, 'id' | 'phone_encrypted' | 'body'>>(
      `select id, phone_encrypted, body from notify.sms_outbox
       where sent_at is null and attempts < 5 order by created_at limit 50`,
    );
    let sent = 0;
    for (const row of rows) {
      try {
        await this.sender.send(this.cipher.decrypt(row.phone_encrypted), row.body);
        await this.db.query('update notify.sms_outbox set sent_at = now(), attempts = attempts + 1 where id = $1', [row.id]);
        sent++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await this.db.query('update notify.sms_outbox set attempts = attempts + 1, last_error = $2 where id = $1', [row.id, message]);
        this.logger.warn({ smsId: row.id, err: message }, 'sms not sent; will retry');
      }
    }
    return sent;
  }

  start(intervalMs = 1_000): void {
    this.timer ??= setInterval(() => void this.dispatch().catch(() => {}), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The dev inbox: latest messages to one number (or all), newest first. Only mounted with the dev sender. */
  async inbox(phone?: string): Promise<Array<{ phoneMasked: string; body: string; purpose: string; createdAt: string; sent: boolean }>> {
    const { rows } = await this.db.query<Pick<NotifySmsOutboxRow, 'phone_encrypted' | 'phone_masked' | 'body' | 'purpose' | 'created_at' | 'sent_at'>>(
      'select phone_encrypted, phone_masked, body, purpose, created_at, sent_at from notify.sms_outbox order by created_at desc limit 200',
    );
    return rows
      .filter((r) => !phone || this.cipher.decrypt(r.phone_encrypted) === phone)
      .map((r) => ({ phoneMasked: r.phone_masked, body: r.body, purpose: r.purpose, createdAt: new Date(r.created_at).toISOString(), sent: r.sent_at !== null }));
  }
}
