import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import {
  appendParagraph,
  docJson,
  fragmentText,
  waitFor,
  waitSynced,
} from '../src/test-support/clients.js';
import { serverTest as it } from '../src/test-support/serverTest.js';

describe('sync with stock WebsocketProvider clients', () => {
  it('two clients converge after concurrent edits', async ({ harness }) => {
    await harness.start();
    const a = harness.client('m1', 'alice');
    const b = harness.client('m1', 'bob');
    await Promise.all([waitSynced(a), waitSynced(b)]);
    // Fragments exist before the concurrent edits (in Kenes the server creates them).
    appendParagraph(a.doc, 'rec1', 'seed');
    appendParagraph(a.doc, 'rec2', 'seed');
    await waitFor(() => fragmentText(b.doc, 'rec2') === 'seed', 5000, 'seed');
    appendParagraph(a.doc, 'rec1', 'from alice');
    appendParagraph(b.doc, 'rec1', 'from bob');
    for (let i = 0; i < 20; i++) {
      appendParagraph(a.doc, 'rec2', `a${i}`);
      appendParagraph(b.doc, 'rec2', `b${i}`);
    }
    await waitFor(
      () =>
        JSON.stringify(docJson(a.doc)) === JSON.stringify(docJson(b.doc)) &&
        (fragmentText(a.doc, 'rec2') ?? '').split('\n').length === 41,
      5000,
      'convergence',
    );
    expect(fragmentText(a.doc, 'rec1')?.split('\n').sort()).toEqual([
      'from alice',
      'from bob',
      'seed',
    ]);
    expect(docJson(a.doc)).toEqual(docJson(b.doc));
  });

  it("reports where an accepted update's time went, stage by stage (/metrics)", async ({
    harness,
  }) => {
    const server = await harness.start();
    const a = harness.client('m1', 'alice');
    const b = harness.client('m1', 'bob');
    await Promise.all([waitSynced(a), waitSynced(b)]);
    appendParagraph(a.doc, 'rec', 'timed');
    await waitFor(() => fragmentText(b.doc, 'rec') === 'timed', 5000, 'b has it');
    const { body } = await server.kenes.metrics.render();
    for (const stage of ['wait', 'check', 'flush', 'write']) {
      const count = new RegExp(
        `^kenes_update_stage_seconds_count\\{stage="${stage}"\\} (\\d+)$`,
        'm',
      );
      expect(Number(count.exec(body)?.[1]), stage).toBeGreaterThanOrEqual(1);
    }
    expect(body).toMatch(/^kenes_store_commit_duration_seconds_count [1-9]/m);
  });

  it('a late joiner gets the full state', async ({ harness }) => {
    const server = await harness.start();
    const a = harness.client('m1');
    await waitSynced(a);
    for (let i = 0; i < 50; i++) appendParagraph(a.doc, 'rec', `line ${i}`);
    await waitFor(
      () =>
        server.kenes.rooms.roomOf('m1')?.doc
          ? fragmentText(server.kenes.rooms.roomOf('m1')!.doc, 'rec')?.split('\n').length === 50
          : false,
      5000,
      'server has all',
    );
    const late = harness.client('m1');
    await waitSynced(late);
    await waitFor(
      () => fragmentText(late.doc, 'rec')?.split('\n').length === 50,
      5000,
      'late joiner',
    );
    expect(docJson(late.doc)).toEqual(docJson(a.doc));
  });

  it('keeps meetings apart', async ({ harness }) => {
    const server = await harness.start();
    const a = harness.client('m1');
    const b = harness.client('m2');
    await Promise.all([waitSynced(a), waitSynced(b)]);
    appendParagraph(a.doc, 'rec', 'only in m1');
    await waitFor(() => fragmentText(server.kenes.rooms.roomOf('m1')!.doc, 'rec') === 'only in m1');
    await new Promise((r) => setTimeout(r, 50));
    expect(fragmentText(b.doc, 'rec')).toBeUndefined();
  });

  it('commits an update before any other client can see it', async ({ harness }) => {
    let committed = 0;
    const server = await harness.start({
      wrapStore: (store) => ({
        ...store,
        docs: {
          ...store.docs,
          append: async (id, updates) => {
            const seq = await store.docs.append(id, updates);
            committed += updates.length;
            return seq;
          },
        },
      }),
    });
    const a = harness.client('m1');
    const b = harness.client('m1');
    await Promise.all([waitSynced(a), waitSynced(b)]);
    const committedWhenSeen: number[] = [];
    b.doc.on('update', () => committedWhenSeen.push(committed));
    appendParagraph(a.doc, 'rec', 'durable');
    await waitFor(() => fragmentText(b.doc, 'rec') === 'durable');
    expect(committedWhenSeen.length).toBeGreaterThan(0);
    expect(committedWhenSeen.every((n) => n > 0)).toBe(true);
    const stored = await server.store.docs.load('m1');
    const rebuilt = new Y.Doc();
    for (const u of stored.updates) Y.applyUpdate(rebuilt, u);
    expect(fragmentText(rebuilt, 'rec')).toBe('durable');
  });
});
