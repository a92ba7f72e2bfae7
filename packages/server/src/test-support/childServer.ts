import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { freePort } from './freePort.js';

export { freePort };

const SERVER_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A server running as a real child process (`src/main.ts`). */
export interface ChildServer {
  proc: ChildProcess;
  port: number;
  url: string;
  syncUrl: string;
  /** Every JSON log line so far. */
  logs: Array<Record<string, unknown>>;
  /** Resolves with the exit code (or null when killed by a signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Spawns `node --conditions=source --import register-ts.mjs src/main.ts`
 * with the given DATA_DIR and waits for its "listening" log line.
 */
export async function spawnServer(
  dataDir: string,
  port: number,
  env: Record<string, string> = {},
): Promise<ChildServer> {
  const proc = spawn(
    process.execPath,
    ['--conditions=source', '--import', './src/test-support/register-ts.mjs', 'src/main.ts'],
    {
      cwd: SERVER_ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const logs: Array<Record<string, unknown>> = [];
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const listening = new Promise<number>((resolve, reject) => {
    const rl = createInterface({ input: proc.stdout! });
    rl.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === 'listening') resolve(entry.port as number);
      } catch {
        // Not a log line.
      }
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`server exited early (${code ?? signal}): ${stderr}`)),
    );
  });
  const timeout = new Promise<never>((_, reject) => {
    const t = setTimeout(
      () => reject(new Error(`server did not start in time: ${stderr}`)),
      30_000,
    );
    t.unref();
  });
  const bound = await Promise.race([listening, timeout]);
  const url = `http://127.0.0.1:${bound}`;
  return { proc, port: bound, url, syncUrl: `ws://127.0.0.1:${bound}/sync`, logs, exited };
}
