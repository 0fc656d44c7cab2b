// The record of every sign-in attempt, written as it happens and read by technical support.
import { createHmac } from 'node:crypto';
import { maskPhone, type Db } from '@wgzj/gateway/kit';
import type { CheckResult } from '../auth/admission.ts';
import type { HandoffsRow } from '../../db/rows.ts';

export type HandoffOutcome = 'refused' | 'awaiting_confirmation' | 'admitted' | 'cancelled';

export interface HandoffEntry {
  reference: string;
  startedAt: Date;
  outcome: HandoffOutcome;
  refusal?: string;
  username?: string;
  subject?: string;
  phone?: string;
  userKind?: string;
  checks?: CheckResult[];
  /** Milliseconds per step: token, userinfo, checks, total (the gateway's own part is total minus the calls). */
  durations?: Record<string, number>;
  clientIp?: string;
}

export interface HandoffRecord {
  reference: string;
  startedAt: string;
  outcome: HandoffOutcome;
  refusal: string | null;
  username: string | null;
  subjectMasked: string | null;
  phoneMasked: string | null;
  userKind: string | null;
  checks: CheckResult[];
  durations: Record<string, number>;
  clientIp: string | null;
}

export interface HandoffQuery {
  reference?: string;
  username?: string;
  phone?: string;
  from?: Date;
  to?: Date;
  limit: number;
}

const maskSubject = (subject: string) => (subject.length <= 8 ? '****' : `${subject.slice(0, 4)}****${subject.slice(-4)}`);

export class HandoffLog {
  constructor(
    private readonly db: Db,
    /** Keys the phone hash, so the stored hash cannot be reversed by trying every number. */
    private readonly hashKey: string,
  ) {}

  private phoneHash(phone: string): string {
    return createHmac('sha256', this.hashKey).update(phone).digest('hex');
  }

  /** Inserts or brings up to date the attempt under its reference (callback, then confirmation). */
  async record(entry: HandoffEntry): Promise<void> {
    await this.db.query(
      `insert into gateway.handoffs
         (reference, started_at, outcome, refusal, username, subject_masked, phone_masked, phone_hash, user_kind, checks, durations, client_ip)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       on conflict (reference) do update set
         updated_at = now(), outcome = excluded.outcome, refusal = coalesce(excluded.refusal, gateway.handoffs.refusal),
         username = coalesce(excluded.username, gateway.handoffs.username),
         subject_masked = coalesce(excluded.subject_masked, gateway.handoffs.subject_masked),
         phone_masked = coalesce(excluded.phone_masked, gateway.handoffs.phone_masked),
         phone_hash = coalesce(excluded.phone_hash, gateway.handoffs.phone_hash),
         user_kind = coalesce(excluded.user_kind, gateway.handoffs.user_kind),
         checks = case when excluded.checks = '[]'::jsonb then gateway.handoffs.checks else excluded.checks end,
         durations = gateway.handoffs.durations || excluded.durations`,
      [
        entry.reference,
        entry.startedAt.toISOString(),
        entry.outcome,
        entry.refusal ?? null,
        entry.username ?? null,
        entry.subject ? maskSubject(entry.subject) : null,
        entry.phone ? maskPhone(entry.phone) : null,
        entry.phone ? this.phoneHash(entry.phone) : null,
        entry.userKind ?? null,
        JSON.stringify(entry.checks ?? []),
        JSON.stringify(entry.durations ?? {}),
        entry.clientIp ?? null,
      ],
    );
  }

  /**
   * What a refusal page may show again for its reference: the refusal code, nothing about the person. Null for a
   * reference with no refusal recorded (unknown, or an attempt that was not refused).
   */
  async refusalOf(reference: string): Promise<string | null> {
    const { rows } = await this.db.query<Pick<HandoffsRow, 'refusal'>>(
      "select refusal from gateway.handoffs where reference = $1 and outcome = 'refused'",
      [reference],
    );
    return rows[0]?.refusal ?? null;
  }

  /**
   * The mark a browser keeps to reopen the refusal page of its own attempt: a reference read out to support over
   * the phone opens nothing in anyone else's browser.
   */
  refusalMark(reference: string): string {
    return createHmac('sha256', this.hashKey).update(`refusal:${reference}`).digest('base64url').slice(0, 32);
  }

  async search(query: HandoffQuery): Promise<HandoffRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.reference) where.push(`reference = $${params.push(query.reference.trim().toUpperCase())}`);
    if (query.username) where.push(`username = $${params.push(query.username.trim())}`);
    if (query.phone) where.push(`phone_hash = $${params.push(this.phoneHash(query.phone.trim()))}`);
    if (query.from) where.push(`started_at >= $${params.push(query.from.toISOString())}`);
    if (query.to) where.push(`started_at < $${params.push(query.to.toISOString())}`);
    const { rows } = await this.db.query<{
      reference: string;
      started_at: Date;
      outcome: HandoffOutcome;
      refusal: string | null;
      username: string | null;
      subject_masked: string | null;
      phone_masked: string | null;
      user_kind: string | null;
      checks: CheckResult[];
      durations: Record<string, number>;
      client_ip: string | null;
    }>(
      `select reference, started_at, outcome, refusal, username, subject_masked, phone_masked, user_kind, checks, durations, client_ip
       from gateway.handoffs ${where.length ? `where ${where.join(' and ')}` : ''}
       order by started_at desc limit $${params.push(query.limit)}`,
      params,
    );
    return rows.map((r) => ({
      reference: r.reference,
      startedAt: new Date(r.started_at).toISOString(),
      outcome: r.outcome,
      refusal: r.refusal,
      username: r.username,
      subjectMasked: r.subject_masked,
      phoneMasked: r.phone_masked,
      userKind: r.user_kind,
      checks: r.checks,
      durations: r.durations,
      clientIp: r.client_ip,
    }));
  }
}
