// Child processes of the bench: spawned with an IPC channel, optionally
// pinned to a core with taskset, each with a hard time limit after which it
// is killed, and all killed when the parent exits.
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';

const live = new Set();
for (const signal of ['exit', 'SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of live) child.kill('SIGKILL');
    if (signal !== 'exit') process.exit(130);
  });
}

/** True when `taskset` exists and there are at least two cores to split. */
export const canPin = os.availableParallelism() >= 2 && spawnSync('taskset', ['-V']).status === 0;

/**
 * Starts `node <script> ...args`, pinned to `cpu` when possible.
 * @returns {{ child, waitFor(type: string, timeoutMs: number): Promise<object>, send(msg: object): void, stop(): Promise<number|null>, exited: Promise<number|null> }}
 */
export function startChild(script, args, { cpu, env = {}, limitMs, name, nodeFlags = [] }) {
  const node = [process.execPath, ...nodeFlags, script, ...args];
  const [cmd, ...argv] =
    canPin && cpu !== undefined ? ['taskset', '-c', String(cpu), ...node] : node;
  const child = spawn(cmd, argv, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
  live.add(child);
  const inbox = [];
  const waiters = [];
  child.on('message', (msg) => {
    const i = waiters.findIndex((w) => w.type === msg.type);
    if (i >= 0) waiters.splice(i, 1)[0].resolve(msg);
    else inbox.push(msg);
  });
  const killer = setTimeout(() => {
    console.error(`${name}: over its ${limitMs} ms limit, killing`);
    child.kill('SIGKILL');
  }, limitMs);
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(killer);
      live.delete(child);
      for (const w of waiters.splice(0))
        w.reject(new Error(`${name} exited (${code ?? signal}) before '${w.type}'`));
      resolve(code ?? (signal ? -1 : null));
    });
  });
  return {
    child,
    exited,
    send: (msg) => child.send(msg),
    waitFor(type, timeoutMs) {
      const i = inbox.findIndex((m) => m.type === type);
      if (i >= 0) return Promise.resolve(inbox.splice(i, 1)[0]);
      if (child.exitCode !== null || child.signalCode !== null) {
        return Promise.reject(new Error(`${name} already exited`));
      }
      return new Promise((resolve, reject) => {
        const w = { type, resolve, reject };
        const t = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`${name}: no '${type}' within ${timeoutMs} ms`));
        }, timeoutMs);
        w.resolve = (m) => (clearTimeout(t), resolve(m));
        w.reject = (e) => (clearTimeout(t), reject(e));
        waiters.push(w);
      });
    },
    /** SIGTERM, then SIGKILL after 5 s. */
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
      return exited;
    },
  };
}
