/**
 * Where an accepted update's time goes on this process, in order:
 * - `wait`: from the arrival of a batch's oldest update to the start of its
 *   check (the queue, and the turn that gathers a batch);
 * - `check`: the guard and quotas over the batch (then the commit, {@link SyncMetrics.commit});
 * - `flush`: from the commit (or a peer's message arriving) to the write;
 * - `write`: writing a turn's update messages to every socket (what the last one waits).
 */
export type UpdateStage = 'wait' | 'check' | 'flush' | 'write';

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
  /** One stage of accepted updates' path took `ms` (see {@link UpdateStage}). */
  stage(stage: UpdateStage, ms: number): void;
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
  stage() {},
  command() {},
  remoteLag() {},
  caughtUp() {},
};
