import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** The Prometheus registry of one app, with the HTTP metrics every route reports. */
export interface Metrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly httpErrors: Counter<'code'>;
  readonly decisions: Counter<'event_type' | 'outcome' | 'fallback'>;
  readonly decisionDuration: Histogram<'event_type'>;
}

/** A fresh registry (one per app, never a module-level singleton) with process and HTTP metrics. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'fengkong_process_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'fengkong_http_request_duration_seconds',
      help: 'HTTP request duration by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    httpErrors: new Counter({
      name: 'fengkong_http_errors_total',
      help: 'Error responses by FK_ERR code',
      labelNames: ['code'],
      registers: [registry],
    }),
    decisions: new Counter({
      name: 'fengkong_engine_decisions_total',
      help: 'Decisions by event type, outcome and fallback reason (none when the policy decided)',
      labelNames: ['event_type', 'outcome', 'fallback'],
      registers: [registry],
    }),
    decisionDuration: new Histogram({
      name: 'fengkong_engine_decision_duration_seconds',
      help: 'Time to compute a decision (features, models, rules), before it is stored',
      labelNames: ['event_type'],
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
      registers: [registry],
    }),
  };
}

/**
 * Publishes the size of the in-process velocity state (keys, events, estimated bytes), read when
 * Prometheus scrapes: the figure capacity planning needs before memory runs out.
 */
export function watchVelocityMemory(
  metrics: Metrics,
  read: () => { keys: number; events: number; bytes: number },
): void {
  new Gauge({
    name: 'fengkong_engine_velocity_state',
    help: 'Velocity state held in process: subject keys, events, and estimated bytes',
    labelNames: ['measure'],
    registers: [metrics.registry],
    collect() {
      const m = read();
      this.set({ measure: 'keys' }, m.keys);
      this.set({ measure: 'events' }, m.events);
      this.set({ measure: 'bytes' }, m.bytes);
    },
  });
}
