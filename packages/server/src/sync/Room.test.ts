import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import * as Y from 'yjs';
import { meetingRoots } from '@kenes/shared';
import { loadConfig } from '../config.js';
import { createLocalFanout } from '../fanout/local.js';
import { createUpdateGuard } from '../guard/createGuard.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/Store.js';
import type { Connection } from './Connection.js';
import { decodeFrame } from './protocol.js';
import { Room } from './Room.js';
import { noMetrics } from './SyncMetrics.js';

const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

async function room(): Promise<Room> {
  const store = openSqliteStore(':memory:');
  stores.push(store);
  return Room.load('m1', {
    docs: store.docs,
    guard: createUpdateGuard(),
    log: pino({ level: 'silent' }),
    config: loadConfig({}).sync,
    onFailed: () => undefined,
    fanout: createLocalFanout(),
    metrics: noMetrics,
    now: Date.now,
  });
}

/** A socket stand-in that records the messages a broadcast writes to it. */
function listener(): { conn: Connection; frames: Buffer[] } {
  const frames: Buffer[] = [];
  const conn = {
    sendFramed: (wire: Buffer) => frames.push(wire),
    close: () => undefined,
  } as unknown as Connection;
  return { conn, frames };
}

/** The Yjs updates in one write: WebSocket frames back to back (2-byte header for small ones). */
function updatesIn(wire: Buffer): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < wire.length;) {
    const len = wire[at + 1]!;
    if (len >= 126) throw new Error('test frames are small');
    const frame = decodeFrame(wire.subarray(at + 2, at + 2 + len));
    if (frame.type !== 'update') throw new Error(`expected an update, got ${frame.type}`);
    out.push(frame.update);
    at += 2 + len;
  }
  return out;
}

const endOfTurn = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('Room.applyRemote', () => {
  it("applies each peer's committed batch in one transaction and relays the turn's batches in one write", async () => {
    const r = await room();
    const { conn, frames } = listener();
    r.connections.add(conn);
    const peer = new Y.Doc();
    const updates: Uint8Array[] = [];
    peer.on('update', (u: Uint8Array) => updates.push(u));
    const text = new Y.Text();
    meetingRoots(peer).meeting.set('t', text);
    for (const ch of 'hello') text.insert(text.length, ch);
    expect(updates).toHaveLength(6);
    let transactions = 0;
    r.doc.on('afterTransaction', () => transactions++);

    r.applyRemote({
      kind: 'update',
      updates: updates.slice(1),
      seqs: [],
      from: 'p2',
      sentAt: Date.now(),
    });
    r.applyRemote({
      kind: 'update',
      updates: updates.slice(0, 1),
      seqs: [],
      from: 'p2',
      sentAt: Date.now(),
    });

    expect(transactions).toBe(2);
    expect(frames).toHaveLength(0);
    await endOfTurn();
    // Both messages of the turn in one write (one system call per socket), one frame each.
    expect(frames).toHaveLength(1);
    const messages = updatesIn(frames[0]!);
    expect(messages).toHaveLength(2);
    const seen = new Y.Doc();
    for (const u of messages) Y.applyUpdate(seen, u);
    expect((meetingRoots(seen).meeting.get('t') as Y.Text).toString()).toBe('hello');
    expect((meetingRoots(r.doc).meeting.get('t') as Y.Text).toString()).toBe('hello');
    r.close();
  });
});
