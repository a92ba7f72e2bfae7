import type { Logger } from 'pino';
import { createArgon2Hasher } from '../auth/passwords.js';
import type { Config } from '../config.js';
import { startServer } from '../server.js';
import { openStore } from '../store/openStore.js';
import { demoSeedResult, isDemoSeeded, seedDemo, type SeedResult } from './seedDemo.js';

/**
 * What `pnpm demo` runs before serving: opens the configured store (the same
 * DATA_DIR or DATABASE_URL as `pnpm start`), and unless the demo meeting is
 * there, starts a private server on a loopback port — the real app: rooms,
 * guard, commands — seeds through it, and stops it. Run it while no other
 * server serves the same database: the seed's commands reach only its own
 * rooms.
 *
 * @example const result = await runDemoSeed(loadConfig(process.env), logger);
 */
export async function runDemoSeed(config: Config, logger: Logger): Promise<SeedResult> {
  const store = await openStore(config);
  try {
    if (await isDemoSeeded(store)) return demoSeedResult(false);
    const server = await startServer({
      config: { ...config, port: 0, host: '127.0.0.1', metricsPort: undefined },
      logger,
      store,
    });
    try {
      return await seedDemo({
        store,
        rooms: server.kenes.rooms,
        hasher: createArgon2Hasher(),
        baseUrl: server.url,
        origin: config.publicOrigin,
      });
    } finally {
      // Commits what the rooms hold before the store closes.
      await server.close();
    }
  } finally {
    await store.close();
  }
}

/** The lines `pnpm demo` prints: where to go and whom to sign in as. */
export function describeDemo(result: SeedResult, url: string): string {
  const width = Math.max(...result.accounts.map((a) => a.email.length));
  const lines = [
    result.created
      ? 'Kenes demo: seeded the meeting "Human Dimension Dialogue Platform — gender equality session".'
      : 'Kenes demo: already seeded — nothing changed.',
    `Open ${url} and sign in with any of these accounts. Password for all: ${result.password}`,
    '',
    ...result.accounts.map(
      (a) => `  ${a.role.padEnd(11)} ${a.email.padEnd(width)}  ${a.name}, ${a.organisation}`,
    ),
    '',
  ];
  return lines.join('\n');
}
