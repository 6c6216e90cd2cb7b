import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** The Prometheus registry of one app, with the HTTP metrics every route reports. */
export interface Metrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly httpErrors: Counter<'code'>;
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
  };
}
