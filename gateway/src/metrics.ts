// Prometheus metrics of the gateway: sign-in outcomes, session-store latency, API proxy latency.
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
