/**
 * Test support for the guard (not used in production code): a meeting doc
 * built by "the server", client docs synced from it, and helpers to capture
 * the updates real Y.Docs produce or to hand-craft hostile ones.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { meetingRoots } from '@kenes/shared';
import type { MeetingStatus, Role } from '@kenes/shared';
import type { GuardContext } from '../sync/interfaces.js';

/** The server's meeting doc with every root and two recommendation texts. */
export function buildRoom(): Y.Doc {
  const doc = new Y.Doc();
  const roots = meetingRoots(doc);
  doc.transact(() => {
    roots.meeting.set('title', 'Human-rights dialogue');
    roots.meeting.set('status', 'live');
    const item = new Y.Map<unknown>();
    item.set('id', 'a1');
    item.set('title', 'Gender equality');
    roots.agenda.push([item]);
    const entry = new Y.Map<unknown>();
    entry.set('id', 'q1');
    entry.set('status', 'waiting');
    roots.queue.push([entry]);
    const rec = new Y.Map<unknown>();
    rec.set('id', 'r1');
    rec.set('title', 'Draft 1');
    roots.recommendations.push([rec]);
    for (const id of ['r1', 'r2']) {
      const fragment = new Y.XmlFragment();
      roots.texts.set(id, fragment);
      const p = new Y.XmlElement('paragraph');
      const t = new Y.XmlText();
      fragment.insert(0, [p]);
      p.insert(0, [t]);
      t.insert(0, 'Hello world');
    }
  });
  // Some history: a replaced key leaves deleted items (exercised by sync step 2).
  roots.meeting.set('title', 'Human-rights dialogue, 3rd round');
  return doc;
}

/** A client doc synced from `room` (a fresh client id). */
export function joinClient(room: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room));
  return doc;
}

/** Runs `fn` on `doc` in one transaction and returns the update it emitted. */
export function capture(doc: Y.Doc, fn: (doc: Y.Doc) => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const onUpdate = (u: Uint8Array): void => {
    updates.push(u);
  };
  doc.on('update', onUpdate);
  try {
    doc.transact(() => fn(doc));
  } finally {
    doc.off('update', onUpdate);
  }
  if (updates.length === 0) throw new Error('capture: no update');
  return updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates);
}

/** The first paragraph's text of a recommendation, in `doc`. */
export function firstText(doc: Y.Doc, recId = 'r1'): Y.XmlText {
  const fragment = meetingRoots(doc).texts.get(recId) as Y.XmlFragment;
  const p = fragment.get(0) as Y.XmlElement;
  return p.get(0) as Y.XmlText;
}

/** A guard context for a sender. */
export function ctx(
  opts: {
    role?: Role;
    kind?: 'member' | 'display';
    userId?: string;
    status?: MeetingStatus;
    owners?: Map<number, string>;
  } = {},
): GuardContext {
  const owners = opts.owners ?? new Map<number, string>();
  return {
    principal: {
      kind: opts.kind ?? 'member',
      userId: opts.userId ?? 'u1',
      sessionId: 's1',
      name: 'Aigerim',
      organisation: 'Ombudsman',
      orgType: 'nhri',
      role: opts.role ?? 'participant',
    },
    meetingStatus: opts.status ?? 'live',
    clientOwner: (id) => owners.get(id),
  };
}

/** JSON of the control roots (to prove they did not change). */
export function controlJson(doc: Y.Doc): string {
  const r = meetingRoots(doc);
  return JSON.stringify([
    r.meeting.toJSON(),
    r.agenda.toJSON(),
    r.queue.toJSON(),
    r.recommendations.toJSON(),
    [...r.texts.keys()].sort(),
  ]);
}

/** A hand-written struct for {@link craftUpdate}. */
export interface CraftItem {
  origin?: [number, number];
  rightOrigin?: [number, number];
  parentKey?: string;
  parentId?: [number, number];
  parentSub?: string;
  /** A string item (ContentString). */
  text?: string;
  /** A GC struct of this length. */
  gc?: number;
  /** A skip struct of this length. */
  skip?: number;
}

/** Encodes a v1 update by hand: groups of structs, then a delete set. */
export function craftUpdate(
  groups: Array<{ client: number; clock: number; structs: CraftItem[] }>,
  deletes: Array<{ client: number; ranges: Array<[number, number]> }> = [],
): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, groups.length);
  for (const g of groups) {
    encoding.writeVarUint(e, g.structs.length);
    encoding.writeVarUint(e, g.client);
    encoding.writeVarUint(e, g.clock);
    for (const s of g.structs) {
      if (s.gc !== undefined || s.skip !== undefined) {
        encoding.writeUint8(e, s.gc !== undefined ? 0 : 10);
        encoding.writeVarUint(e, (s.gc ?? s.skip) as number);
        continue;
      }
      const info =
        4 | (s.origin ? 128 : 0) | (s.rightOrigin ? 64 : 0) | (s.parentSub !== undefined ? 32 : 0);
      encoding.writeUint8(e, info);
      if (s.origin) s.origin.forEach((n) => encoding.writeVarUint(e, n));
      if (s.rightOrigin) s.rightOrigin.forEach((n) => encoding.writeVarUint(e, n));
      if (!s.origin && !s.rightOrigin) {
        if (s.parentKey !== undefined) {
          encoding.writeVarUint(e, 1);
          encoding.writeVarString(e, s.parentKey);
        } else {
          encoding.writeVarUint(e, 0);
          (s.parentId ?? [0, 0]).forEach((n) => encoding.writeVarUint(e, n));
        }
        if (s.parentSub !== undefined) encoding.writeVarString(e, s.parentSub);
      }
      encoding.writeVarString(e, s.text ?? 'x');
    }
  }
  encoding.writeVarUint(e, deletes.length);
  for (const d of deletes) {
    encoding.writeVarUint(e, d.client);
    encoding.writeVarUint(e, d.ranges.length);
    for (const [clock, len] of d.ranges) {
      encoding.writeVarUint(e, clock);
      encoding.writeVarUint(e, len);
    }
  }
  return encoding.toUint8Array(e);
}
