// CPU time and RSS of server processes from /proc, read by the parent so
// every server (ours or a peer) is measured the same way, with no hook in it.
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on Linux). */
const HZ = 100;

/** CPU ms (user + system) used so far by `pid`. */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / HZ;
}

/** Resident set size of `pid` in bytes. */
export function rssBytes(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** Sum over processes. */
export const totalCpuMs = (pids) => pids.reduce((a, p) => a + cpuMs(p), 0);
export const totalRss = (pids) => pids.reduce((a, p) => a + rssBytes(p), 0);
