/**
 * What the sync layer reports for monitoring. An interface so sync does not
 * depend on prom-client; `metrics/Metrics.ts` implements it.
 */
export interface SyncMetrics {
  /** A frame arrived from a socket. */
  frameIn(bytes: number): void;
  /** A client update arrived (before the guard). */
  updateIn(): void;
  /** A frame was sent to `sockets` sockets; `update` when it carried a doc update. */
  frameOut(bytes: number, sockets: number, update: boolean): void;
  /** The guard refused an update. */
  refused(): void;
  /** One store append took `ms`. */
  commit(ms: number): void;
  /** One server transaction (command), lock wait and catch-up included, took `ms`. */
  command(ms: number): void;
  /** A message from another process arrived `ms` after it was published. */
  remoteLag(ms: number): void;
  /** A catch-up read `updates` updates from the store (what fan-out had not delivered). */
  caughtUp(updates: number): void;
}

/** Reports nothing (tests, and apps built without metrics). */
export const noMetrics: SyncMetrics = {
  frameIn() {},
  updateIn() {},
  frameOut() {},
  refused() {},
  commit() {},
  command() {},
  remoteLag() {},
  caughtUp() {},
};
