import { describe, expect, it } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import type * as Y from 'yjs';
import { CloseCode } from '@kenes/shared';
import type { RefusalProbe } from './refusalProbe.js';
import {
  syncUrl,
  useMeetingDoc,
  type ProviderFactory,
  type SyncProvider,
} from './useMeetingDoc.js';

type Handler = (arg: never) => void;

/** A provider that does nothing but let the test emit its events. */
class FakeProvider implements SyncProvider {
  shouldConnect = true;
  destroyed = false;
  private readonly handlers = new Map<string, Handler[]>();
  constructor(
    readonly url: string,
    readonly room: string,
    readonly doc: Y.Doc,
  ) {}
  on(event: string, fn: Handler): void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
  }
  emit(event: string, arg: unknown): void {
    for (const fn of this.handlers.get(event) ?? []) (fn as (a: unknown) => void)(arg);
  }
  connects = 0;
  connect(): void {
    this.connects++;
    this.shouldConnect = true;
  }
  disconnect(): void {
    this.shouldConnect = false;
    this.emit('status', { status: 'disconnected' });
  }
  destroy(): void {
    this.destroyed = true;
  }
}

function setup(meetingId = 'm1', probeRefusal: RefusalProbe | null = null) {
  const made: FakeProvider[] = [];
  const createProvider: ProviderFactory = (url, room, doc) => {
    const p = new FakeProvider(url, room, doc);
    made.push(p);
    return p;
  };
  const hook = renderHook(
    ({ id }) =>
      useMeetingDoc(id, {
        createProvider,
        serverUrl: 'ws://kenes.test/sync',
        probeRefusal,
        persistence: null,
      }),
    {
      initialProps: { id: meetingId },
    },
  );
  const provider = () => {
    const p = made.at(-1);
    if (p === undefined) throw new Error('no provider made');
    return p;
  };
  return { ...hook, made, provider };
}

const closeEvent = (code: number, reason: string) => ({ code, reason }) as CloseEvent;

describe('useMeetingDoc', () => {
  it('opens the meeting on the sync endpoint with its own doc', () => {
    const { result, provider } = setup('m1');
    expect(provider().url).toBe('ws://kenes.test/sync');
    expect(provider().room).toBe('m1');
    expect(provider().doc).toBe(result.current.doc);
    expect(result.current.status).toBe('connecting');
  });

  it('maps provider events to status', () => {
    const { result, provider } = setup();
    act(() => provider().emit('status', { status: 'connected' }));
    expect(result.current.status).toBe('connected');
    act(() => provider().emit('sync', true));
    expect(result.current.status).toBe('synced');
    act(() => {
      provider().emit('status', { status: 'disconnected' });
      provider().emit('connection-close', closeEvent(CloseCode.serviceRestart, 'shutdown'));
    });
    expect(result.current).toMatchObject({
      status: 'offline',
      closeInfo: { code: 1012, reason: 'shutdown', terminal: false },
    });
    expect(provider().shouldConnect).toBe(true);
  });

  it('stops reconnecting on 4401 and says why', () => {
    const { result, provider } = setup();
    act(() =>
      provider().emit('connection-close', closeEvent(CloseCode.unauthorized, 'session required')),
    );
    expect(provider().shouldConnect).toBe(false);
    expect(result.current).toMatchObject({
      status: 'offline',
      closeInfo: { code: 4401, reason: 'session required', terminal: true },
    });
  });

  it('asks why when the socket closed before opening, and stops on a refusal', async () => {
    const asked: string[] = [];
    const probe: RefusalProbe = async (id) => {
      asked.push(id);
      return { code: CloseCode.unauthorized, reason: 'sign-in needed' };
    };
    const { result, provider } = setup('m9', probe);
    await act(async () => {
      provider().emit('connection-close', closeEvent(1006, ''));
      await Promise.resolve();
    });
    expect(asked).toEqual(['m9']);
    expect(provider().shouldConnect).toBe(false);
    expect(result.current.closeInfo).toEqual({
      code: 4401,
      reason: 'sign-in needed',
      terminal: true,
    });
  });

  it('does not probe after a socket that had opened', async () => {
    let asked = 0;
    const { provider } = setup('m1', async () => {
      asked++;
      return null;
    });
    await act(async () => {
      provider().emit('status', { status: 'connected' });
      provider().emit('connection-close', closeEvent(1012, 'restart'));
      await Promise.resolve();
    });
    expect(asked).toBe(0);
  });

  it('ignores the provider closing the socket itself', () => {
    const { result, provider } = setup();
    act(() => provider().emit('status', { status: 'connected' }));
    act(() => provider().emit('connection-close', null));
    expect(result.current.closeInfo).toBeNull();
  });

  it('disconnects when the device goes offline and reconnects when it is back', () => {
    const { result, provider } = setup();
    act(() => provider().emit('status', { status: 'connected' }));
    act(() => {
      window.dispatchEvent(new Event('offline'));
    });
    expect(provider().shouldConnect).toBe(false);
    expect(result.current.status).toBe('offline');
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    expect(provider().connects).toBe(1);
    expect(provider().shouldConnect).toBe(true);
  });

  it('does not reconnect on "online" after a refusal', () => {
    const { provider } = setup();
    act(() => provider().emit('connection-close', closeEvent(CloseCode.forbidden, 'no')));
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    expect(provider().connects).toBe(0);
    expect(provider().shouldConnect).toBe(false);
  });

  it('destroys the provider on unmount and opens a new doc for a new meeting', () => {
    const { result, made, rerender, unmount } = setup('m1');
    const firstDoc = result.current.doc;
    rerender({ id: 'm2' });
    expect(made[0]?.destroyed).toBe(true);
    expect(made.at(-1)?.room).toBe('m2');
    expect(result.current.doc).not.toBe(firstDoc);
    unmount();
    expect(made.at(-1)?.destroyed).toBe(true);
  });
});

describe('syncUrl', () => {
  it('maps http(s) origins to ws(s)', () => {
    expect(syncUrl('http://localhost:8787')).toBe('ws://localhost:8787/sync');
    expect(syncUrl('https://kenes.example')).toBe('wss://kenes.example/sync');
  });
});
