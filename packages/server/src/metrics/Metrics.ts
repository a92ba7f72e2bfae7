import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SyncMetrics, UpdateStage } from '../sync/SyncMetrics.js';

/** What the gauges read when scraped. */
export interface MetricsSources {
  /** Open rooms and sockets of this process now. */
  stats(): { rooms: number; sockets: number };
}

/** Latency buckets in seconds: sub-millisecond appends up to multi-second lock waits. */
const LATENCY_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/**
 * The Prometheus metrics of one app, on a registry of its own (never
 * prom-client's global one: tests and benches build several apps per
 * process). Implements {@link SyncMetrics} for the sync layer; `GET /metrics`
 * serves {@link Metrics.render}.
 */
export class Metrics implements SyncMetrics {
  readonly registry = new Registry();
  private readonly updatesIn: Counter;
  private readonly updatesOut: Counter;
  private readonly bytesIn: Counter;
  private readonly bytesOut: Counter;
  private readonly refusedUpdates: Counter;
  private readonly commandSeconds: Histogram;
  private readonly commitSeconds: Histogram;
  private readonly stageSeconds: Histogram<'stage'>;
  private readonly redisLagSeconds: Histogram;
  private readonly caughtUpUpdates: Counter;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    new Gauge({
      name: 'kenes_open_sockets',
      help: 'Sync sockets open on this process',
      registers,
      collect() {
        this.set(sources.stats().sockets);
      },
    });
    new Gauge({
      name: 'kenes_rooms',
      help: 'Meeting documents loaded on this process',
      registers,
      collect() {
        this.set(sources.stats().rooms);
      },
    });
    this.updatesIn = new Counter({
      name: 'kenes_updates_in_total',
      help: 'Document updates received from sockets (before the guard)',
      registers,
    });
    this.updatesOut = new Counter({
      name: 'kenes_updates_out_total',
      help: 'Document update frames sent to sockets',
      registers,
    });
    this.bytesIn = new Counter({
      name: 'kenes_bytes_in_total',
      help: 'Bytes of sync frames received from sockets',
      registers,
    });
    this.bytesOut = new Counter({
      name: 'kenes_bytes_out_total',
      help: 'Bytes of sync frames sent to sockets',
      registers,
    });
    this.refusedUpdates = new Counter({
      name: 'kenes_refused_updates_total',
      help: 'Updates refused by the guard (socket closed 4403)',
      registers,
    });
    this.commandSeconds = new Histogram({
      name: 'kenes_command_duration_seconds',
      help: 'Server transactions (commands), lock wait and catch-up included',
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.commitSeconds = new Histogram({
      name: 'kenes_store_commit_duration_seconds',
      help: 'Store appends of document updates',
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.stageSeconds = new Histogram({
      name: 'kenes_update_stage_seconds',
      help: "Where accepted updates' time goes: wait (queue and batching turn), check (guard, quotas), flush (commit to write), write (to every socket)",
      labelNames: ['stage'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.caughtUpUpdates = new Counter({
      name: 'kenes_catchup_updates_total',
      help: 'Updates a room read from the store on catching up: what fan-out had not delivered',
      registers,
    });
    this.redisLagSeconds = new Histogram({
      name: 'kenes_redis_lag_seconds',
      help: 'Delay from another process publishing to this one receiving (fan-out)',
      buckets: LATENCY_BUCKETS,
      registers,
    });
  }

  /** The exposition text and its content type. */
  async render(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }

  frameIn(bytes: number): void {
    this.bytesIn.inc(bytes);
  }
  updateIn(): void {
    this.updatesIn.inc();
  }
  frameOut(bytes: number, sockets: number, update: boolean): void {
    if (sockets === 0) return;
    this.bytesOut.inc(bytes * sockets);
    if (update) this.updatesOut.inc(sockets);
  }
  refused(): void {
    this.refusedUpdates.inc();
  }
  commit(ms: number): void {
    this.commitSeconds.observe(ms / 1000);
  }
  stage(stage: UpdateStage, ms: number): void {
    this.stageSeconds.observe({ stage }, ms / 1000);
  }
  command(ms: number): void {
    this.commandSeconds.observe(ms / 1000);
  }
  remoteLag(ms: number): void {
    // Clock skew between hosts can make it negative; that is not a lag.
    this.redisLagSeconds.observe(Math.max(0, ms) / 1000);
  }
  caughtUp(updates: number): void {
    this.caughtUpUpdates.inc(updates);
  }
}
