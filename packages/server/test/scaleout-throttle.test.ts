/**
 * The login throttle of a deployment with Redis, end to end: two server
 * processes (`src/main.ts`, as deployed) count one (account, address) pair's
 * failures together, so spreading guesses over processes buys nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_THROTTLE } from '../src/auth/throttle.js';
import type { ChildServer } from '../src/test-support/childServer.js';
import { Cluster } from '../src/test-support/scaleout.js';

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.teardown();
  cluster = undefined;
});

describe('login throttle with Redis', () => {
  it('a guesser spreading failed logins over two processes meets one budget', async () => {
    cluster = await Cluster.create();
    const a = await cluster.spawn();
    const b = await cluster.spawn();
    const origin = cluster.origin;
    const login = (server: ChildServer) =>
      fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'chair@example.org', password: 'a wrong guess' }),
      });

    // The pair's free failures, alternating between the processes: each alone sees about half.
    for (let i = 0; i < DEFAULT_THROTTLE.pairFree; i++) {
      expect((await login(i % 2 === 0 ? a : b)).status).toBe(401);
    }
    // Together they saw all of them: the next attempt waits, on either process.
    for (const server of [a, b]) {
      const res = await login(server);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
  });
});
