// The portal sync dispatcher: delivers admin.portal_sync_outbox to the government service portal (问题三, 问题五).
// Every gateway replica runs it; rows are claimed with `for update skip locked` and leased while in flight, so
// each row goes out from one replica at a time. A unit goes before its accounts (the portal files an account
// under its unit). The initial password the portal hands back for a new account goes to the person by SMS, in
// the transaction that marks the row sent, and nowhere else.
import { enqueueSms, maskPhone, type Logger, type ModuleContext, type PortalSyncTarget } from '@wgzj/gateway/kit';
import { t } from './messages.ts';
import { claimDueSync, type ClaimedRow, markSyncAttempt, markSyncRefused, markSyncSent } from './services/supervising-unit-repository.ts';

export type SyncState = 'pending' | 'sent' | 'failed';

/** After a network error or a 5xx: wait this long before the next attempt; the last attempt fails the row. */
export const RETRY_DELAYS_SECONDS = [5, 30, 120, 600] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
/** How long a claimed row stays invisible to other replicas; longer than a request can take. */
export const LEASE_SECONDS = 60;
const REQUEST_TIMEOUT_MS = 10_000;
/** Rounds per run: the first round sends units, the next ones the accounts that waited for them. */
const MAX_ROUNDS = 4;

export interface DispatchResult {
  sent: number;
  failed: number;
  retrying: number;
}

type Outcome =
  | { kind: 'sent'; initialPassword?: string }
  | { kind: 'refused'; message: string }
  | { kind: 'retry'; message: string };

/** What the portal's sync endpoint takes for this row (gateway/dev-portal/sync.ts is the stand-in). */
function requestFor(row: ClaimedRow, ctx: ModuleContext): { path: string; body: unknown } {
  const unit = { name: row.unit_name, creditCode: row.credit_code, kind: 'supervising' };
  if (row.kind === 'unit') return { path: '/units', body: unit };
  return {
    path: '/accounts',
    body: {
      username: row.username,
      name: row.display_name,
      idNumber: row.id_number_encrypted ? ctx.cipher.decrypt(row.id_number_encrypted) : null,
      phone: row.mobile_encrypted ? ctx.cipher.decrypt(row.mobile_encrypted) : '',
      email: row.email,
      unit,
    },
  };
}

/** A network failure in a few words, for last_error and the logs (no URL credentials, no body). */
function networkSummary(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return `网络错误:请求超时(${REQUEST_TIMEOUT_MS / 1000} 秒)`;
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    const code = typeof cause?.code === 'string' ? cause.code : null;
    return `网络错误:无法连接政务服务平台${code ? `(${code})` : `(${error.message.slice(0, 100)})`}`;
  }
  return '网络错误:无法连接政务服务平台';
}

async function post(target: PortalSyncTarget, path: string, body: unknown): Promise<Outcome> {
  let res: Response;
  try {
    res = await fetch(`${target.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: `Basic ${Buffer.from(`${target.clientId}:${target.clientSecret}`).toString('base64')}`,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    return { kind: 'retry', message: networkSummary(error) };
  }
  let answer: { message?: unknown; initialPassword?: unknown } = {};
  try {
    answer = (await res.json()) as typeof answer;
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  const message = typeof answer.message === 'string' && answer.message ? answer.message.slice(0, 500) : `HTTP ${res.status}`;
  if (res.status === 200 || res.status === 201) {
    return typeof answer.initialPassword === 'string' && answer.initialPassword
      ? { kind: 'sent', initialPassword: answer.initialPassword }
      : { kind: 'sent' };
  }
  // The portal refused the content (bad field, 该用户已经被注册, ...): sending it again changes nothing.
  if (res.status === 400 || res.status === 409 || res.status === 422) return { kind: 'refused', message };
  return { kind: 'retry', message: `政务服务平台暂不可用(HTTP ${res.status}):${message}` };
}

/** The SMS a new account's person gets: the only place the initial password ever goes. */
export function initialPasswordSms(username: string, password: string): string {
  return t('zh-CN', 'sms.initialPassword', { username, password });
}

async function finish(ctx: ModuleContext, row: ClaimedRow, outcome: Outcome, log: Logger): Promise<keyof DispatchResult> {
  const base = { outboxId: row.id, kind: row.kind, unitId: row.unit_id, ...(row.username ? { username: row.username } : {}) };
  if (outcome.kind === 'sent') {
    const mobile = row.mobile_encrypted ? ctx.cipher.decrypt(row.mobile_encrypted) : null;
    await ctx.db.transaction(async (tx) => {
      await markSyncSent(tx, row.id);
      if (outcome.initialPassword && mobile) {
        await enqueueSms(tx, ctx.cipher, {
          phone: mobile,
          body: initialPasswordSms(row.username!, outcome.initialPassword),
          purpose: 'portal_account_created',
        });
      }
    });
    log.info({ event: 'portal_sync_sent', ...base, created: Boolean(outcome.initialPassword), ...(mobile ? { mobileMasked: maskPhone(mobile) } : {}) }, 'synced to the portal');
    return 'sent';
  }
  if (outcome.kind === 'refused') {
    await markSyncRefused(ctx.db, row.id, outcome.message);
    log.warn({ event: 'portal_sync_refused', ...base, reason: outcome.message }, 'the portal refused the sync');
    return 'failed';
  }
  const attempts = row.attempts + 1;
  const giveUp = attempts >= MAX_ATTEMPTS;
  const delay = RETRY_DELAYS_SECONDS[Math.min(attempts, RETRY_DELAYS_SECONDS.length) - 1]!;
  await markSyncAttempt(ctx.db, row.id, { state: giveUp ? 'failed' : 'pending', attempts, message: outcome.message, delaySeconds: delay });
  log.warn({ event: giveUp ? 'portal_sync_gave_up' : 'portal_sync_retry', ...base, attempts, reason: outcome.message }, 'portal sync attempt failed');
  return giveUp ? 'failed' : 'retrying';
}

/**
 * One run: claims what is due, sends it, records the outcome; repeats while a round claimed something (an
 * account becomes due once its unit is sent). `unitId` limits the run to one unit (the retry button).
 */
export async function dispatchPortalSync(ctx: ModuleContext, options: { unitId?: string; batch?: number } = {}): Promise<DispatchResult> {
  const result: DispatchResult = { sent: 0, failed: 0, retrying: 0 };
  const target = ctx.portalSync;
  if (!target) return result;
  const log = ctx.logger;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const rows = await ctx.db.transaction((tx) => claimDueSync(tx, LEASE_SECONDS, options.batch ?? 20, options.unitId));
    if (!rows.length) break;
    for (const row of rows) {
      let outcome: Outcome;
      try {
        const request = requestFor(row, ctx);
        outcome = await post(target, request.path, request.body);
      } catch (error) {
        // A row this system cannot even build (an identifier it cannot decrypt): retrying will not help.
        outcome = { kind: 'refused', message: `本系统无法生成同步内容:${error instanceof Error ? error.message.slice(0, 100) : 'unknown'}` };
      }
      result[await finish(ctx, row, outcome, log)]++;
    }
  }
  return result;
}

/** Runs the dispatcher every `intervalMs` until stopped; a run never overlaps the previous one, nor throws. */
export function startPortalSync(ctx: ModuleContext, intervalMs = 2_000): () => void {
  if (!ctx.portalSync) return () => {};
  let running = false;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = true;
    dispatchPortalSync(ctx)
      .catch((error: unknown) => {
        if (!stopped) ctx.logger.error({ event: 'portal_sync_run_failed', err: error instanceof Error ? { message: error.message, name: error.name } : String(error) }, 'portal sync run failed');
      })
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
