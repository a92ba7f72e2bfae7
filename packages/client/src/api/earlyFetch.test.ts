import { describe, expect, it, vi } from 'vitest';
import { createEarlyFetch, earlyRequests } from './earlyFetch.js';

describe('early requests', () => {
  it('asks for the session everywhere, and for the meeting and its members in a room', () => {
    expect(earlyRequests('/')).toEqual(['/api/me']);
    expect(earlyRequests('/meetings/m%201')).toEqual([
      '/api/me',
      '/api/meetings/m%201',
      '/api/meetings/m%201/members',
    ]);
    expect(earlyRequests('/meetings/m1/settings')).toEqual(['/api/me']);
  });

  it('asks for the session only at a malformed room address, instead of throwing before the app renders', () => {
    expect(earlyRequests('/meetings/%E0%A4%A')).toEqual(['/api/me']);
    expect(earlyRequests('/meetings/m1/')).toEqual([
      '/api/me',
      '/api/meetings/m1',
      '/api/meetings/m1/members',
    ]);
  });

  it('hands an early answer to the first matching GET only, and never to another method', async () => {
    let n = 0;
    const fetchImpl = vi.fn(() => Promise.resolve(new Response(String(++n))));
    const early = createEarlyFetch(fetchImpl);
    early.start(['/api/me']);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    expect(await (await early.fetch('/api/me', { method: 'PATCH' })).text()).toBe('2');
    expect(await (await early.fetch('/api/me')).text()).toBe('1');
    expect(await (await early.fetch('/api/me')).text()).toBe('3');
  });

  it('drops an early answer that waited too long', async () => {
    let clock = 0;
    let n = 0;
    const early = createEarlyFetch(
      () => Promise.resolve(new Response(String(++n))),
      () => clock,
    );
    early.start(['/api/me']);
    clock = 60_000;
    expect(await (await early.fetch('/api/me')).text()).toBe('2');
  });
});
