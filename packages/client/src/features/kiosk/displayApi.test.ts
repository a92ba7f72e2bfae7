import { afterEach, describe, expect, it, vi } from 'vitest';
import { CloseCode, DISPLAY_REVOKED_REASON } from '@kenes/shared';
import { displayClock, displayRefusalProbe, fetchDisplayInfo } from './displayApi.js';

const TOKEN = 'T'.repeat(43);
const calls: Array<{ url: string; init: RequestInit | undefined }> = [];

function answer(status: number, body: unknown) {
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  });
}
afterEach(() => {
  vi.unstubAllGlobals();
  calls.length = 0;
});

describe('the display link over HTTP', () => {
  it('sends the token as a bearer header only, never with cookies', async () => {
    answer(200, { meetingId: 'm1', now: 5 });
    expect(await fetchDisplayInfo(TOKEN)).toEqual({ meetingId: 'm1', now: 5 });
    expect(calls[0]?.url).toBe('/api/display');
    expect(calls[0]?.init?.credentials).toBe('omit');
    expect(new Headers(calls[0]?.init?.headers).get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(calls[0]?.url).not.toContain(TOKEN);
  });

  it('samples the server clock from the same route', async () => {
    answer(200, { meetingId: 'm1', now: 1_000_000 });
    const sample = await displayClock(TOKEN);
    expect(sample.serverNow).toBe(1_000_000);
    expect(Math.abs(sample.localNow - Date.now())).toBeLessThan(1000);
  });

  it('the refusal probe makes a revoked or unknown link terminal, and nothing else', async () => {
    const probe = displayRefusalProbe(TOKEN);
    const terminal = { code: CloseCode.forbidden, reason: DISPLAY_REVOKED_REASON };
    answer(410, { error: { code: 'display_link_revoked', message: 'revoked' } });
    expect(await probe('m1')).toEqual(terminal);
    answer(401, { error: { code: 'display_link_unknown', message: 'unknown' } });
    expect(await probe('m1')).toEqual(terminal);
    answer(503, { error: { code: 'unavailable', message: 'busy' } });
    expect(await probe('m1')).toBeNull();
    answer(200, { meetingId: 'm1', now: 1 });
    expect(await probe('m1')).toBeNull();
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await probe('m1')).toBeNull();
  });
});
