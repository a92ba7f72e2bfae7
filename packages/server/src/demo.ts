/**
 * `pnpm demo`'s seed step: seeds the demo meeting into the configured store
 * (unless it is there) and prints the accounts; `pnpm serve` then serves it.
 * A process entry point, like `main.ts`.
 */
import { ConfigError, loadConfig } from './config.js';
import { describeDemo, runDemoSeed } from './demo/runDemoSeed.js';
import { createLogger } from './logger.js';

async function demo(): Promise<void> {
  const config = loadConfig(process.env);
  // The seed's private server logs only what goes wrong: the accounts are the output.
  const logger = createLogger({ level: process.env.LOG_LEVEL ? config.logLevel : 'warn' });
  const result = await runDemoSeed(config, logger);
  process.stdout.write(describeDemo(result, config.publicOrigin));
}

demo().catch((err: unknown) => {
  if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
  else
    process.stderr.write(
      `kenes demo failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  process.exit(1);
});
