import { describe, expect, it } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import * as Y from 'yjs';
import { CloseCode, meetingRoots } from '@kenes/shared';
import { loadUnsentCopies } from './unsentCopies.js';
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

function setup(
  meetingId = 'm1',
  probeRefusal: RefusalProbe | null = null,
  userId: string | null = null,
) {
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
        userId,
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

/** The server's doc: one recommendation with an agreed text. */
function serverDoc(): Y.Doc {
  const s = new Y.Doc();
  s.transact(() => {
    meetingRoots(s).recommendations.push([
      new Y.Map<unknown>([
        ['id', 'r1'],
        ['title', 'Shelters'],
      ]),
    ]);
    const frag = new Y.XmlFragment();
    meetingRoots(s).texts.set('r1', frag);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Agreed.')]);
    frag.insert(0, [p]);
  });
  return s;
}

/** Plays the server's part: fills the provider's doc from `server` and says synced. */
function syncFrom(p: FakeProvider, server: Y.Doc) {
  Y.applyUpdate(p.doc, Y.encodeStateAsUpdate(server), p);
  p.emit('status', { status: 'connected' });
  p.emit('sync', true);
}

function typeInto(doc: Y.Doc, text: string) {
  const t = (meetingRoots(doc).texts.get('r1')!.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  t.insert(t.length, text);
}

const textOf = (doc: Y.Doc) =>
  ((meetingRoots(doc).texts.get('r1')!.get(0) as Y.XmlElement).get(0) as Y.XmlText).toString();

describe('useMeetingDoc after a refused write', () => {
  it('drops the refused edit, keeps a copy, resyncs on a fresh doc and stays connected', () => {
    localStorage.clear();
    const server = serverDoc();
    const { result, made, provider } = setup('m1', null, 'u1');
    const first = provider();
    act(() => syncFrom(first, server));
    act(() => typeInto(result.current.doc, ' Typed while closed.'));
    const refusedDoc = result.current.doc;
    act(() =>
      first.emit(
        'connection-close',
        closeEvent(CloseCode.forbidden, 'write-refused: meeting is closed'),
      ),
    );
    // Not the "no access" end: the old provider stops, a fresh doc connects.
    expect(first.shouldConnect).toBe(false);
    expect(result.current.closeInfo?.terminal).toBe(false);
    expect(made).toHaveLength(2);
    const second = provider();
    expect(second.doc).not.toBe(refusedDoc);
    // The old doc stays on screen until the fresh one has synced (no empty flash).
    expect(result.current.doc).toBe(refusedDoc);
    act(() => syncFrom(second, server));
    expect(result.current.doc).toBe(second.doc);
    expect(textOf(result.current.doc)).toBe('Agreed.');
    expect(result.current.status).toBe('synced');
    expect(result.current.writeRefusal).toMatchObject({
      kind: 'write-refused',
      detail: 'meeting is closed',
      kept: 1,
    });
    expect(loadUnsentCopies('u1', 'm1')).toMatchObject([
      { recId: 'r1', title: 'Shelters', text: 'Agreed. Typed while closed.' },
    ]);
    // Nothing of the refused edit is ever sent again: the fresh doc lacks it.
    expect(Y.encodeStateAsUpdate(second.doc, Y.encodeStateVector(server)).length).toBeLessThan(4);
  });

  it('a 4403 without a refusal kind (membership lost) stays the terminal end', () => {
    const { result, made, provider } = setup();
    act(() =>
      provider().emit('connection-close', closeEvent(CloseCode.forbidden, 'removed from meeting')),
    );
    expect(made).toHaveLength(1);
    expect(result.current.closeInfo).toMatchObject({ code: 4403, terminal: true });
  });

  it('re-keys on a client-id clash and sends the unsent edit under a new id', () => {
    const server = serverDoc();
    const { result, provider } = setup('m1', null, 'u1');
    const first = provider();
    act(() => syncFrom(first, server));
    const X = result.current.doc.clientID;
    act(() => typeInto(result.current.doc, ' Mine.'));
    // Another user wrote under X first; the server holds their item there.
    const thief = new Y.Doc();
    thief.clientID = X;
    Y.applyUpdate(thief, Y.encodeStateAsUpdate(server));
    typeInto(thief, ' Theirs, longer than mine.');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(thief));
    act(() =>
      first.emit(
        'connection-close',
        closeEvent(CloseCode.forbidden, `client-id-taken: client id ${X} belongs to another user`),
      ),
    );
    const second = provider();
    const sent: Uint8Array[] = [];
    second.doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== second) sent.push(u);
    });
    act(() => syncFrom(second, server));
    expect(result.current.doc).toBe(second.doc);
    expect(result.current.writeRefusal).toBeNull();
    expect(sent).toHaveLength(1);
    const clients = Y.decodeUpdate(sent[0]!).structs.map((s) => s.id.client);
    expect(clients.length).toBeGreaterThan(0);
    expect(clients).not.toContain(X);
    Y.applyUpdate(server, sent[0]!);
    expect(textOf(server)).toContain(' Mine.');
    expect(textOf(server)).toContain(' Theirs, longer than mine.');
  });
});

describe('useMeetingDoc when Yjs sees its own client id in a remote update', () => {
  it('starts afresh and carries what we typed under the taken id, without the other user’s text', () => {
    const server = serverDoc();
    const { result, provider } = setup('m1', null, 'u1');
    const first = provider();
    act(() => syncFrom(first, server));
    const local = result.current.doc;
    const X = local.clientID;
    act(() => typeInto(local, ' Mine.'));
    const thief = new Y.Doc();
    thief.clientID = X;
    Y.applyUpdate(thief, Y.encodeStateAsUpdate(server));
    typeInto(thief, ' The other user wrote much more than me under my id.');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(thief));
    // The server's answer reaches us: Yjs integrates their tail and re-keys.
    act(() =>
      Y.applyUpdate(local, Y.encodeStateAsUpdate(server, Y.encodeStateVector(local)), first),
    );
    expect(local.clientID).not.toBe(X);
    const second = provider();
    expect(second).not.toBe(first);
    const sent: Uint8Array[] = [];
    second.doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== second) sent.push(u);
    });
    act(() => syncFrom(second, server));
    expect(sent).toHaveLength(1);
    Y.applyUpdate(server, sent[0]!);
    const text = textOf(server);
    expect(text).toContain('Mine.');
    expect(text.split('much more').length - 1).toBe(1);
  });
});

describe('useMeetingDoc when the session ends', () => {
  it('clears the account’s local data on 4401, not on a refused write', () => {
    const cleared: string[] = [];
    const clearAccountData = async (id: string) => {
      cleared.push(id);
    };
    const made: FakeProvider[] = [];
    const createProvider: ProviderFactory = (url, room, doc) => {
      const p = new FakeProvider(url, room, doc);
      made.push(p);
      return p;
    };
    const { result } = renderHook(() =>
      useMeetingDoc('m1', {
        createProvider,
        serverUrl: 'ws://kenes.test/sync',
        probeRefusal: null,
        persistence: null,
        userId: 'u1',
        clearAccountData,
      }),
    );
    act(() =>
      made[0]!.emit('connection-close', closeEvent(CloseCode.forbidden, 'write-refused: x')),
    );
    expect(cleared).toEqual([]);
    act(() =>
      made.at(-1)!.emit('connection-close', closeEvent(CloseCode.unauthorized, 'session ended')),
    );
    expect(cleared).toEqual(['u1']);
    expect(result.current.closeInfo).toMatchObject({ code: 4401, terminal: true });
  });
});

describe('syncUrl', () => {
  it('maps http(s) origins to ws(s)', () => {
    expect(syncUrl('http://localhost:8787')).toBe('ws://localhost:8787/sync');
    expect(syncUrl('https://kenes.example')).toBe('wss://kenes.example/sync');
  });
});
