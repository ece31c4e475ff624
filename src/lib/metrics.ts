import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { onBatch } from './batch-events.js';

/** What the metrics read of an upstream call (providers/http's UpstreamCallEvent has it). */
export interface UpstreamObservation {
  provider: string;
  operation: string;
  errorCode: string | null;
  durationMs: number;
}

/** Prometheus metrics (prom-client). Labels are closed sets: provider, operation, code — never user data. */
export class Metrics {
  readonly registry = new Registry();
  private readonly upstreamRequests: Counter<'provider' | 'operation' | 'outcome'>;
  private readonly upstreamLatency: Histogram<'provider' | 'operation'>;
  private readonly batchSize: Histogram<'loader'>;
  readonly operations: Counter<'operation_type'>;
  readonly errors: Counter<'code'>;
  private readonly unsubscribe: Array<() => void> = [];

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.upstreamRequests = new Counter({
      name: 'vpn_graph_upstream_requests_total',
      help: 'Upstream HTTP calls by provider, operation and outcome (ok or error code).',
      labelNames: ['provider', 'operation', 'outcome'],
      registers: [this.registry],
    });
    this.upstreamLatency = new Histogram({
      name: 'vpn_graph_upstream_duration_seconds',
      help: 'Upstream call latency (including retries) by provider and operation.',
      labelNames: ['provider', 'operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.batchSize = new Histogram({
      name: 'vpn_graph_dataloader_batch_size',
      help: 'Keys per DataLoader batch (per provider).',
      labelNames: ['loader'],
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500],
      registers: [this.registry],
    });
    this.operations = new Counter({
      name: 'vpn_graph_graphql_operations_total',
      help: 'GraphQL operations by type.',
      labelNames: ['operation_type'],
      registers: [this.registry],
    });
    this.errors = new Counter({
      name: 'vpn_graph_graphql_errors_total',
      help: 'GraphQL errors by extensions.code.',
      labelNames: ['code'],
      registers: [this.registry],
    });
    this.unsubscribe.push(onBatch((loader, size) => this.batchSize.observe({ loader }, size)));
  }

  /** One upstream call (the app feeds it from the HTTP layer's `onUpstreamCall`). */
  observeUpstream(e: UpstreamObservation): void {
    this.upstreamRequests.inc({ provider: e.provider, operation: e.operation, outcome: e.errorCode ?? 'ok' });
    this.upstreamLatency.observe({ provider: e.provider, operation: e.operation }, e.durationMs / 1000);
  }

  close(): void {
    for (const u of this.unsubscribe) u();
  }
}
