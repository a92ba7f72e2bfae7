import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { meetingRoots } from '@kenes/shared';
import { createUpdateGuard } from './createGuard.js';
import {
  buildRoom,
  capture,
  controlJson,
  craftUpdate,
  ctx,
  joinClient,
  type CraftItem,
} from '../test-support/guardFixtures.js';

const guard = createUpdateGuard();
const REMOTE = Symbol('remote');
const FROM_CLIENT = Symbol('from a client');
const participant = ctx();

/** A small seeded PRNG (mulberry32): fast-check supplies and shrinks the seed. */
function prng(seed: number): { int(n: number): number; pick<T>(xs: readonly T[]): T } {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return { int, pick: (xs) => xs[int(xs.length)] as (typeof xs)[number] };
}
type Rng = ReturnType<typeof prng>;

/** Every type of a doc inside its texts fragments, fragments first. */
function textTypes(doc: Y.Doc): {
  fragments: Y.XmlFragment[];
  elements: Y.XmlElement[];
  texts: Y.XmlText[];
} {
  const fragments = [...meetingRoots(doc).texts.values()];
  const elements: Y.XmlElement[] = [];
  const texts: Y.XmlText[] = [];
  const walk = (t: Y.XmlFragment): void => {
    for (const child of t.toArray()) {
      if (child instanceof Y.XmlText) texts.push(child);
      else if (child instanceof Y.XmlElement) {
        elements.push(child);
        walk(child);
      }
    }
  };
  fragments.forEach(walk);
  return { fragments, elements, texts };
}

/** One random legal edit, as Tiptap could make it. */
function randomEdit(doc: Y.Doc, rng: Rng): void {
  const { fragments, elements, texts } = textTypes(doc);
  const op = rng.int(7);
  if (op <= 2 && texts.length > 0) {
    const t = rng.pick(texts);
    t.insert(
      rng.int(t.length + 1),
      rng.pick(['a', 'bc', 'ü', 'ß', ' text ']),
      rng.int(3) === 0 ? { bold: {} } : undefined,
    );
  } else if (op === 3 && texts.length > 0) {
    const t = rng.pick(texts);
    if (t.length > 0) {
      const at = rng.int(t.length);
      t.delete(at, 1 + rng.int(Math.min(3, t.length - at)));
    }
  } else if (op === 4 && texts.length > 0) {
    const t = rng.pick(texts);
    if (t.length > 0) t.format(rng.int(t.length), 1, { italic: rng.int(2) === 0 ? {} : null });
  } else if (op === 5 && elements.some((e) => e.nodeName === 'heading')) {
    // Numbers, as the binding writes a heading's level.
    const headings = elements.filter((e) => e.nodeName === 'heading');
    rng.pick(headings).setAttribute('level', (1 + rng.int(6)) as unknown as string);
  } else {
    // A new block (or hard break) where the editor's schema allows it, in
    // a fragment or an element; or a child deleted.
    const parent: Y.XmlFragment =
      rng.int(2) === 0 || elements.length === 0 ? rng.pick(fragments) : rng.pick(elements);
    if (parent.length > 0 && rng.int(4) === 0) {
      parent.delete(rng.int(parent.length), 1);
      return;
    }
    const child = legalChild(parent instanceof Y.XmlElement ? parent.nodeName : 'doc', rng);
    if (child !== null) parent.insert(rng.int(parent.length + 1), [child]);
  }
}

/** An element as the binding writes it: name, attributes, then content. */
function el(
  name: string,
  children: Array<Y.XmlElement | Y.XmlText> = [],
  attrs: Record<string, number> = {},
): Y.XmlElement {
  const e = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v as unknown as string);
  e.insert(0, children);
  return e;
}

/** A random child the editor's schema allows in `parent`, or null for a leaf. */
function legalChild(parent: string, rng: Rng): Y.XmlElement | null {
  const text = (): Y.XmlText => new Y.XmlText('new');
  const item = (): Y.XmlElement => el('listItem', [el('paragraph', [text()])]);
  switch (parent) {
    case 'doc':
    case 'listItem':
    case 'blockquote':
      return rng.pick([
        () => el('paragraph', [text()]),
        () => el('heading', [text()], { level: 1 + rng.int(6) }),
        () => el('bulletList', [item()]),
        () => el('orderedList', [item()], { start: 1 + rng.int(9) }),
        () => el('blockquote', [el('paragraph', [text()])]),
      ])();
    case 'bulletList':
    case 'orderedList':
      return item();
    case 'paragraph':
    case 'heading':
      return el('hardBreak');
    default:
      return null;
  }
}

describe('guard fuzz', () => {
  it('random legal edits from several clients are all accepted and converge', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const rng = prng(seed);
        const room = buildRoom();
        const controls = controlJson(room);
        // Client 0 is an observer: it never edits, but Yjs's formatting
        // cleanup makes it send updates all the same.
        const peers = Array.from({ length: 5 }, (_, i) => {
          const doc = joinClient(room);
          const peer = {
            doc,
            inbox: [] as Uint8Array[],
            outbox: [] as Uint8Array[],
            ctx: i === 0 ? ctx({ role: 'observer' }) : participant,
          };
          doc.on('update', (u: Uint8Array, origin: unknown) => {
            if (origin !== REMOTE) peer.outbox.push(u);
          });
          return peer;
        });
        // The room's own writes (its formatting cleanup, the server's texts
        // changes) go to every client, as the sync layer broadcasts them.
        room.on('update', (u: Uint8Array, origin: unknown) => {
          if (origin !== FROM_CLIENT) peers.forEach((p) => p.inbox.push(u));
        });
        const deliver = (p: (typeof peers)[number]): void => {
          for (const u of p.inbox.splice(0)) Y.applyUpdate(p.doc, u, REMOTE);
        };
        const upload = (p: (typeof peers)[number]): void => {
          for (const u of p.outbox.splice(0)) {
            const verdict = guard.check(room, u, p.ctx);
            if (!verdict.ok) throw new Error(`refused a legal update: ${verdict.reason}`);
            if (verdict.empty) continue;
            Y.applyUpdate(room, u, FROM_CLIENT);
            peers.forEach((q) => q !== p && q.inbox.push(u));
          }
        };
        for (let step = 0; step < 80; step++) {
          const p = rng.pick(peers);
          if (rng.int(3) === 0) deliver(p);
          if (p !== peers[0]) randomEdit(p.doc, rng);
          upload(p);
          // Now and then the server replaces a recommendation's text while
          // clients still type in it (the inert race).
          if (rng.int(30) === 0)
            room.transact(() => meetingRoots(room).texts.set('r2', new Y.XmlFragment()));
        }
        while (peers.some((p) => p.inbox.length > 0 || p.outbox.length > 0)) {
          for (const p of peers) {
            deliver(p);
            upload(p);
          }
        }
        expect(room.store.pendingStructs).toBeNull();
        expect(room.store.pendingDs).toBeNull();
        const expected = JSON.stringify(meetingRoots(room).texts.toJSON());
        for (const p of peers) {
          expect(JSON.stringify(meetingRoots(p.doc).texts.toJSON())).toBe(expected);
          // Once converged, each client's sync step 2 holds nothing new.
          const step2 = guard.check(
            room,
            Y.encodeStateAsUpdate(p.doc, Y.encodeStateVector(room)),
            ctx({ role: 'observer' }),
          );
          expect(step2).toMatchObject({ ok: true, empty: true });
        }
        expect(controlJson(room)).toBe(controls);
      }),
      { seed: 4242, numRuns: 40 },
    );
  });

  /** Ids of the room's structs (text and control) plus a few unknown ones. */
  function idPool(room: Y.Doc): Array<[number, number]> {
    const ids: Array<[number, number]> = [];
    for (const [client, structs] of room.store.clients) {
      for (const s of structs) ids.push([client, s.id.clock], [client, s.id.clock + s.length - 1]);
      ids.push([client, Y.getState(room.store, client)]);
    }
    ids.push([12345, 0]);
    return ids;
  }

  /** Applies an accepted update to a clone and checks it only touched texts fragments. */
  function applyToClone(room: Y.Doc, update: Uint8Array): void {
    const clone = new Y.Doc();
    Y.applyUpdate(clone, Y.encodeStateAsUpdate(room));
    meetingRoots(clone);
    const before = controlJson(clone);
    Y.applyUpdate(clone, update);
    expect(controlJson(clone)).toBe(before);
    expect([...clone.share.keys()].sort()).toEqual([...room.share.keys()].sort());
    expect(clone.store.pendingStructs).toBeNull();
    expect(clone.store.pendingDs).toBeNull();
    JSON.stringify(meetingRoots(clone).texts.toJSON());
  }

  it('byte mutations of valid updates never throw, and what is accepted only touches texts', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const rng = prng(seed);
        const room = buildRoom();
        const client = joinClient(room);
        const sources: Uint8Array[] = [];
        for (let i = 0; i < 3; i++) {
          const sv = Y.encodeStateVector(client);
          randomEdit(client, rng);
          sources.push(Y.encodeStateAsUpdate(client, sv));
        }
        sources.push(capture(client, (doc) => meetingRoots(doc).agenda.get(0).set('title', 'x')));
        sources.push(capture(client, (doc) => meetingRoots(doc).texts.delete('r1')));
        for (let n = 0; n < 40; n++) {
          const bytes = [...rng.pick(sources)];
          const edits = 1 + rng.int(3);
          for (let e = 0; e < edits; e++) {
            const at = rng.int(bytes.length + 1);
            const kind = rng.int(4);
            if (kind === 0) bytes[at] = rng.int(256);
            else if (kind === 1) bytes.splice(at, 0, rng.int(256));
            else if (kind === 2) bytes.splice(at, 1);
            else bytes.length = at;
          }
          const mutated = new Uint8Array(bytes);
          const before = Y.encodeStateAsUpdate(room);
          const verdict = guard.check(room, mutated, participant);
          expect(Y.encodeStateAsUpdate(room)).toEqual(before);
          if (verdict.ok && !verdict.empty) applyToClone(room, mutated);
        }
      }),
      { seed: 777, numRuns: 60 },
    );
  });

  it('random hand-crafted structs and deletions over real ids only ever touch texts', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const rng = prng(seed);
        const room = buildRoom();
        const pool = idPool(room);
        const roots = [...room.share.keys(), 'ghost'];
        let accepted = 0;
        for (let n = 0; n < 60; n++) {
          const client = rng.int(3) === 0 ? rng.pick(pool)[0] : 500 + rng.int(3);
          const structs: CraftItem[] = [];
          for (let k = 1 + rng.int(3); k > 0; k--) {
            const shape = rng.int(5);
            const item: CraftItem = { text: 'z' };
            if (shape === 0) item.origin = rng.pick(pool);
            else if (shape === 1) item.rightOrigin = rng.pick(pool);
            else if (shape === 2) {
              item.origin = rng.pick(pool);
              item.rightOrigin = rng.pick(pool);
            } else if (shape === 3) item.parentId = rng.pick(pool);
            else item.parentKey = rng.pick(roots);
            if (rng.int(3) === 0) item.parentSub = 'k';
            structs.push(item);
          }
          const clock = rng.int(2) === 0 ? Y.getState(room.store, client) : rng.int(5);
          const deletes =
            rng.int(2) === 0
              ? []
              : [
                  {
                    client: rng.pick(pool)[0],
                    ranges: [[rng.pick(pool)[1], 1 + rng.int(4)] as [number, number]],
                  },
                ];
          const update = craftUpdate(rng.int(4) === 0 ? [] : [{ client, clock, structs }], deletes);
          const verdict = guard.check(room, update, participant);
          if (verdict.ok && !verdict.empty) {
            accepted++;
            applyToClone(room, update);
          }
        }
        return accepted >= 0;
      }),
      { seed: 99, numRuns: 60 },
    );
  });
});
