// Prometheus metrics of the gateway: sign-in outcomes, session-store latency, API proxy latency; and who may read
// them (with the checks behind /readyz): operators holding METRICS_TOKEN, or anyone where METRICS_PUBLIC says so.
import { createHash, timingSafeEqual } from 'node:crypto';
import { defineErrors } from '@wgzj/gateway/kit';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SessionStore } from './session/store.ts';

export interface HandoffMetrics {
  /** `admitted`, `cancelled`, or the refusal code. */
  outcome(outcome: string): void;
}

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const handoffs = new Counter({
    name: 'wgzj_handoffs_total',
    help: 'Sign-ins through the portal by outcome (admitted, cancelled, or the refusal code)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const storeLatency = new Histogram({
    name: 'wgzj_session_store_seconds',
    help: 'Session store operation latency',
    labelNames: ['store', 'operation', 'result'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const proxyLatency = new Histogram({
    name: 'wgzj_api_proxy_seconds',
    help: 'Time from the gateway receiving an API call to the module answering, by area and status class',
    labelNames: ['area', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });

  return {
    registry,
    handoffs: { outcome: (outcome: string) => handoffs.inc({ outcome }) } satisfies HandoffMetrics,
    observeProxy(area: string, status: number, seconds: number) {
      proxyLatency.observe({ area, status: `${Math.floor(status / 100)}xx` }, seconds);
    },
    /** Wraps a store so every operation is timed, failures included. */
    timedStore(store: SessionStore): SessionStore {
      const timed = <A extends unknown[], R>(operation: string, fn: (...args: A) => Promise<R>) =>
        async (...args: A): Promise<R> => {
          const end = storeLatency.startTimer({ store: store.kind, operation });
          try {
            const result = await fn(...args);
            end({ result: 'ok' });
            return result;
          } catch (error) {
            end({ result: 'error' });
            throw error;
          }
        };
      return {
        kind: store.kind,
        create: timed('create', store.create.bind(store)),
        get: timed('get', store.get.bind(store)),
        update: timed('update', store.update.bind(store)),
        delete: timed('delete', store.delete.bind(store)),
        deleteWhere: timed('deleteWhere', store.deleteWhere.bind(store)),
        listForUser: timed('listForUser', store.listForUser.bind(store)),
        deleteByKey: timed('deleteByKey', store.deleteByKey.bind(store)),
        putOnce: timed('putOnce', store.putOnce.bind(store)) as SessionStore['putOnce'],
        peekOnce: timed('peekOnce', store.peekOnce.bind(store)) as SessionStore['peekOnce'],
        takeOnce: timed('takeOnce', store.takeOnce.bind(store)) as SessionStore['takeOnce'],
        ping: timed('ping', store.ping.bind(store)),
        close: () => store.close(),
      };
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

export const OperatorErrors = defineErrors({
  OPERATOR_TOKEN_REQUIRED: {
    status: 401,
    'zh-CN': '此地址仅供运维读取,请在 Authorization 请求头中提供运维令牌(METRICS_TOKEN)。',
    'en-US': 'This address is for operators: send the operator token (METRICS_TOKEN) as an Authorization: Bearer header.',
  },
});

/**
 * Who may read the gateway's own numbers: the process's memory, request counts and each dependency's state tell an
 * attacker what is weak, so they are for operators only. `offered` is false when neither a token nor public
 * access is configured: /metrics is then not served at all.
 */
export function operatorAccess(options: { token?: string | undefined; open: boolean }) {
  // Compared as digests, so the comparison takes the same time whatever the caller sent.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  const expected = options.token ? digest(options.token) : null;
  return {
    offered: options.open || expected !== null,
    allows(authorization: string | undefined): boolean {
      if (options.open) return true;
      const presented = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
      return expected !== null && presented !== undefined && timingSafeEqual(digest(presented), expected);
    },
  };
}
