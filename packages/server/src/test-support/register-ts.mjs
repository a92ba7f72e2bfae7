// Lets plain Node (20, no type stripping) run the server's TypeScript sources
// in a child process: `node --conditions=source --import <this file> src/main.ts`.
// Test-only; production runs the tsc build in dist/.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
