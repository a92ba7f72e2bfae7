// The load side of bench/compare.mjs, one child process per job (pinned to
// the client core): the job arrives as JSON in argv[2], the result leaves
// as one IPC message; `mark` messages let the parent read server CPU/RSS.
import { drafting } from './drafting.mjs';
import { durability } from './durability.mjs';
import { fanout } from './fanout.mjs';
import { join } from './join.mjs';
import { memory } from './memory.mjs';
import { presence } from './presence.mjs';

const jobs = { fanout, drafting, join, memory, presence, durability };
const job = JSON.parse(process.argv[2] ?? '{}');
const timer = setTimeout(() => {
  console.error(`workload ${job.kind}: over its time limit`);
  process.exit(3);
}, job.limitMs ?? 120_000);
try {
  const fn = jobs[job.kind];
  if (!fn) throw new Error(`unknown workload ${job.kind}`);
  const result = await fn(job);
  clearTimeout(timer);
  // Exit once the (possibly large) result has left: sockets are terminated,
  // and ws internals' timers are not worth waiting for.
  process.send?.({ type: 'result', result }, () => process.exit(0));
} catch (err) {
  console.error(`workload ${job.kind}:`, err);
  process.exit(2);
}
