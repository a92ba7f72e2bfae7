/** A job waiting for an idle moment; `run` once, unless cancelled first. */
interface Job {
  run(): void;
  cancelled: boolean;
}

/** What an idle moment offers (`requestIdleCallback`'s deadline, or a stand-in). */
interface Deadline {
  timeRemaining(): number;
}

/** Below this many ms left in an idle period, the next job waits for the next one. */
const MIN_SLICE_MS = 8;

/**
 * Runs jobs one after another in the browser's idle time, first come first
 * served, as many per idle period as fit: work that must happen (every
 * card's live editor) but not before the first screen is usable and never
 * in the way of typing.
 */
export function createIdleQueue(
  schedule: (fn: (deadline: Deadline) => void) => void = (fn) =>
    typeof requestIdleCallback === 'function'
      ? requestIdleCallback(fn, { timeout: 2000 })
      : setTimeout(() => fn({ timeRemaining: () => MIN_SLICE_MS + 1 }), 16),
) {
  const jobs: Job[] = [];
  let scheduled = false;
  const drain = (deadline: Deadline) => {
    scheduled = false;
    let ran = false;
    while (jobs.length > 0) {
      if (jobs[0]!.cancelled) {
        jobs.shift();
        continue;
      }
      if (ran && deadline.timeRemaining() < MIN_SLICE_MS) break;
      jobs.shift()!.run();
      ran = true;
    }
    if (jobs.length > 0) wake();
  };
  const wake = () => {
    if (scheduled) return;
    scheduled = true;
    schedule(drain);
  };
  return {
    /** Queues `run`; answers a function that takes it off the queue. */
    add(run: () => void): () => void {
      const job: Job = { run, cancelled: false };
      jobs.push(job);
      wake();
      return () => {
        job.cancelled = true;
      };
    },
  };
}

/** The page's one queue. */
export const idleQueue = createIdleQueue();
