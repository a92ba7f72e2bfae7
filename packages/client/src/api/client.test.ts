import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient, type Fetch } from './client.js';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

function client(answer: Response | Error) {
  const fetchImpl = vi.fn<Fetch>(async () => {
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return { api: createApiClient(fetchImpl), fetchImpl };
}

async function caught(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

describe('api client', () => {
  it('maps the server’s { error: { code, message } } to ApiError', async () => {
    const { api } = client(
      json(409, { error: { code: 'list_closed', message: 'The speakers’ list is closed' } }),
    );
    const err = await caught(api.command('m1', { type: 'queue.request', kind: 'speak' }));
    expect(err).toMatchObject({
      status: 409,
      code: 'list_closed',
      message: 'The speakers’ list is closed',
    });
  });

  it('falls back to a code from the status when the body is not an API error', async () => {
    const { api } = client(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(await caught(api.meetings())).toMatchObject({ status: 502, code: 'internal_error' });
    const { api: api2 } = client(new Response('', { status: 403 }));
    expect(await caught(api2.meetings())).toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('turns a network failure into status 0, code network', async () => {
    const { api } = client(new TypeError('Failed to fetch'));
    expect(await caught(api.meetings())).toMatchObject({ status: 0, code: 'network' });
  });

  it('sends JSON with same-origin credentials to /api', async () => {
    const { api, fetchImpl } = client(json(200, { ok: true, entryId: 'e1' }));
    const res = await api.command('m 1', { type: 'queue.request', kind: 'reply' });
    expect(res).toEqual({ ok: true, entryId: 'e1' });
    const [url, init] = fetchImpl.mock.calls[0]!;
    expect(url).toBe('/api/meetings/m%201/commands');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin' });
    expect(JSON.parse(String(init?.body))).toEqual({ type: 'queue.request', kind: 'reply' });
    expect((init?.headers as Record<string, string>)['content-type']).toBe('application/json');
  });

  it('me() answers null on 401 and throws on other errors', async () => {
    expect(
      await client(json(401, { error: { code: 'unauthorized', message: 'x' } })).api.me(),
    ).toBeNull();
    expect(
      await caught(client(json(500, { error: { code: 'internal_error', message: 'x' } })).api.me()),
    ).toMatchObject({ status: 500 });
  });

  it('logout accepts 204 without a body', async () => {
    const { api } = client(new Response(null, { status: 204 }));
    await expect(api.logout()).resolves.toBeUndefined();
  });

  it('time() takes the round trip’s midpoint as the local instant', async () => {
    const { api } = client(json(200, { now: 5_000 }));
    let t = 1_000;
    const sample = await api.time(() => (t += 100));
    expect(sample).toEqual({ serverNow: 5_000, localNow: 1_150 });
  });
});
